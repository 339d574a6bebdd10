"""What visitors see of an exhibition, always asked of the consent gate.

Every photo and recording shown comes from ``allowed_in(Scope.EXHIBITIONS)``;
an exhibit whose photo the gate refuses is simply not there (its own address
answers 410). Credits follow the archive's rule
(:func:`photovoice.archive.public.with_credit`, the one-query form of
``credit_for``): anonymous items carry no name and are never linked to each other.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext

from photovoice.archive.models import AudioTestimony, Photo, PhotoTranslation, ProjectPage, Scope
from photovoice.archive.public import (
    AuthorCredit,
    Testimony,
    audio_content_type,
    credited,
    is_anonymous,
    public_audio_url,
    with_credit,
)

from .models import Exhibit, ExhibitionPage, ExhibitionSection


@dataclass(frozen=True)
class ExhibitCard:
    """An exhibit as the exhibition page lists it."""

    exhibit: Exhibit
    photo: Photo
    url: str
    alt: str
    credit: AuthorCredit
    translation: PhotoTranslation | None
    has_audio: bool

    @property
    def language(self) -> str:
        return self.photo.language


@dataclass
class Section:
    heading: str
    text: str
    cards: list[ExhibitCard] = field(default_factory=list)


@dataclass(frozen=True)
class ExhibitDetail:
    """Everything an exhibit's own page (the QR landing page) shows."""

    card: ExhibitCard
    testimony: Testimony | None
    same_author: list[ExhibitCard]
    rest: list[ExhibitCard]
    previous: ExhibitCard | None
    next: ExhibitCard | None
    exhibition_url: str

    @property
    def photo(self) -> Photo:
        return self.card.photo


class ExhibitionGallery:
    """The gated view of one exhibition page, in the page's language."""

    scope = Scope.EXHIBITIONS

    def __init__(self, page: ExhibitionPage, request=None) -> None:
        self.page = page
        self.request = request
        self.language = page.locale.language_code
        self.base_url = page.get_url(request)

    # Gated querysets ------------------------------------------------------

    def photos(self):
        translations = PhotoTranslation.objects.filter(language=self.language)
        return (
            with_credit(
                Photo.objects.allowed_in(self.scope).filter(
                    exhibits__page=self.page, participant__project=self.page.project_id
                )
            )
            .select_related("participant")
            .prefetch_related(Prefetch("translations", translations, to_attr="ui_translations"))
            .prefetch_renditions()
            .distinct()
        )

    def testimonies(self):
        return (
            with_credit(
                AudioTestimony.objects.allowed_in(self.scope).filter(
                    exhibits__page=self.page, participant__project=self.page.project_id
                )
            )
            .select_related("participant")
            .distinct()
        )

    # What pages show ------------------------------------------------------

    def cards(self) -> list[ExhibitCard]:
        """The exhibits visitors may see, in the curator's order."""
        if not hasattr(self, "_cards"):
            photos = {photo.pk: photo for photo in self.photos()}
            audio_ids = set(self.testimonies().values_list("pk", flat=True))
            self._audio_ids = audio_ids
            self._cards = [
                self.card(exhibit, photos[exhibit.photo_id], exhibit.testimony_id in audio_ids)
                for exhibit in self.page.exhibits.all()
                if exhibit.photo_id in photos
            ]
        return self._cards

    def card(self, exhibit: Exhibit, photo: Photo, has_audio: bool) -> ExhibitCard:
        translation = next(iter(photo.ui_translations), None)
        alt = (translation.alt_text if translation else "") or photo.description
        if photo.language == self.language:
            translation = None
        return ExhibitCard(
            exhibit,
            photo,
            self.base_url + self.page.reverse_subpage("exhibit", args=[photo.pk]),
            alt,
            self.credit(photo),
            translation,
            has_audio,
        )

    def credit(self, item) -> AuthorCredit:
        if is_anonymous(item):
            return AuthorCredit(gettext("Anonymous author"))
        return AuthorCredit(item.participant.public_credit(item.credit_choice))

    def sections(self) -> list[Section]:
        """Theme sections in the curator's order, each with its exhibits;
        exhibits of no section follow at the end. Empty sections are left out."""
        cards = self.cards()
        sections: list[Section] = []
        placed = set()
        for section in ExhibitionSection.objects.filter(page=self.page).order_by("sort_order"):
            mine = [c for c in cards if c.exhibit.theme_id == section.theme_id]
            placed.update(c.exhibit.pk for c in mine)
            sections.append(Section(section.heading, section.text, mine))
        rest = [c for c in cards if c.exhibit.pk not in placed]
        if rest:
            sections.append(Section(gettext("More from the exhibition"), "", rest))
        return [s for s in sections if s.cards]

    def detail(self, exhibit: Exhibit) -> ExhibitDetail | None:
        """The exhibit's page, or None when the gate refuses its photo."""
        cards = self.cards()
        index = next((i for i, c in enumerate(cards) if c.exhibit.pk == exhibit.pk), None)
        if index is None:
            return None
        card = cards[index]
        testimony = None
        if exhibit.testimony_id in self._audio_ids:
            testimony = self.testimony(self.testimonies().get(pk=exhibit.testimony_id))
        author_url = self.author_archive_url(card.photo)
        if author_url:
            card = ExhibitCard(
                **{**card.__dict__, "credit": AuthorCredit(card.credit.name, author_url)}
            )
        same_author = []
        if not is_anonymous(card.photo):
            same_author = [
                c
                for c in cards
                if c.photo.participant_id == card.photo.participant_id
                and c.exhibit.pk != exhibit.pk
                and not is_anonymous(c.photo)
            ]
        return ExhibitDetail(
            card=card,
            testimony=testimony,
            same_author=same_author,
            rest=[c for c in cards if c.exhibit.pk != exhibit.pk and c not in same_author],
            previous=cards[index - 1] if index > 0 else None,
            next=cards[index + 1] if index + 1 < len(cards) else None,
            exhibition_url=self.base_url,
        )

    def testimony(self, testimony: AudioTestimony) -> Testimony:
        return Testimony(
            testimony,
            self.credit(testimony),
            public_audio_url(testimony),
            audio_content_type(testimony.public_file.name) if testimony.public_file else "",
        )

    def author_archive_url(self, photo: Photo) -> str:
        """The author's page in the project's online archive, when they are
        credited by name and have items public there; else ""."""
        if is_anonymous(photo):
            return ""
        archive_items = credited(
            with_credit(
                Photo.objects.allowed_in(Scope.ARCHIVE).filter(participant=photo.participant_id)
            )
        )
        if not archive_items.exists():
            return ""
        project_page = (
            ProjectPage.objects.live()
            .public()
            .filter(project=self.page.project_id, locale=self.page.locale_id)
            .first()
        )
        if project_page is None:
            return ""
        return project_page.get_url(self.request) + project_page.reverse_subpage(
            "author", args=[photo.participant.code]
        )
