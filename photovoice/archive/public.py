"""What visitors may see of a project, always asked of the consent gate.

Every query here starts from ``allowed_in(scope)``; nothing in this module
decides on its own whether an item is public. It adds what the pages need
around the gate: how each item is credited, the visitor's translations, and
whether a refused address was public once (410) or never (404).

Credit rule: an item is shown under the credit its consent chose (its own
record, else the participant-wide one, else the participant's default).
Anonymous items carry "Anonymous author", no link, and never appear on an
author page, so nothing ties them to each other or to a named author.
"""

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

# Imported module by module: ``models.pages`` imports this module while the
# ``models`` package is still loading.
from .models.audit import Tombstone
from .models.choices import Credit, ModerationStatus, Scope
from .models.consent import ConsentRecord, scope_field
from .models.gate import with_credit
from .models.items import AudioTestimony, Photo, PhotoTranslation
from .models.projects import Participant, Project
from .models.themes import Theme

#: Longest search text taken from the address bar.
SEARCH_MAX_LENGTH = 100
#: How many of each kind of item a search shows.
SEARCH_LIMIT = 48


def credited(items: QuerySet) -> QuerySet:
    """Items (annotated by :func:`with_credit`) shown under their author's
    name or pseudonym, not anonymously."""
    return items.exclude(credit_choice=Credit.ANONYMOUS).exclude(participant__display_name="")


def is_anonymous(item) -> bool:
    return item.credit_choice == Credit.ANONYMOUS or not item.participant.display_name


@dataclass(frozen=True)
class AuthorCredit:
    """The name shown with an item, and the author page it links to (none
    for anonymous items)."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class ThemeLink:
    name: str
    url: str


@dataclass(frozen=True)
class PhotoCard:
    """A photo as listings show it."""

    photo: Photo
    url: str
    alt: str
    credit: AuthorCredit


@dataclass(frozen=True)
class Testimony:
    """An audio testimony with its player and transcript."""

    testimony: AudioTestimony
    credit: AuthorCredit
    audio_url: str
    audio_type: str

    @property
    def language(self) -> str:
        return self.testimony.language


@dataclass(frozen=True)
class PhotoDetail:
    """Everything the photo page shows. ``translation`` is the visitor's
    language version of the author's words, when there is one and the
    author wrote in another language."""

    card: PhotoCard
    translation: PhotoTranslation | None
    showed_answers: list[tuple[str, str]]
    themes: list[ThemeLink]
    testimonies: list[Testimony]

    @property
    def photo(self) -> Photo:
        return self.card.photo


@dataclass
class AuthorPage:
    """A public author: only their credited items, under their chosen name."""

    participant: Participant
    name: str
    photos: list[PhotoCard] = field(default_factory=list)
    testimonies: list[Testimony] = field(default_factory=list)


def public_audio_url(testimony: AudioTestimony) -> str:
    """The gated address of a testimony's public copy, or "" while it has none."""
    if not testimony.public_file:
        return ""
    ext = PurePosixPath(testimony.public_file.name).suffix.lstrip(".").lower() or "audio"
    return reverse(
        "public_audio",
        kwargs={"public_key": testimony.public_key, "pk": testimony.pk, "ext": ext},
    )


def audio_content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class ProjectArchive:
    """The public view of one project in one visitor language.

    ``links`` builds addresses (the project page): it needs ``photo_url``,
    ``author_url`` and ``theme_url``.
    """

    scope = Scope.ARCHIVE

    def __init__(self, project: Project, language: str, links) -> None:
        self.project = project
        self.language = language
        self.links = links

    # Gated querysets ------------------------------------------------------

    def gated_photos(self) -> QuerySet:
        """Public photos of the project with their credit, newest first."""
        photos = Photo.objects.allowed_in(self.scope).filter(participant__project=self.project)
        return with_credit(photos).select_related("participant").order_by("-created_at", "-pk")

    def photos(self) -> QuerySet:
        """:meth:`gated_photos` with what listing them needs: the visitor's
        translation and the renditions."""
        translations = PhotoTranslation.objects.filter(language=self.language)
        return (
            self.gated_photos()
            .prefetch_related(Prefetch("translations", translations, to_attr="ui_translations"))
            .prefetch_renditions()
        )

    def testimonies(self) -> QuerySet:
        """Public testimonies of the project with their credit, newest first."""
        testimonies = AudioTestimony.objects.allowed_in(self.scope).filter(
            participant__project=self.project
        )
        return with_credit(testimonies).select_related("participant").order_by("-created_at", "-pk")

    # What pages show ------------------------------------------------------

    def credit(self, item) -> AuthorCredit:
        participant = item.participant
        name = participant.public_credit(item.credit_choice)
        if is_anonymous(item):
            return AuthorCredit(name)
        return AuthorCredit(name, self.links.author_url(participant))

    def card(self, photo: Photo) -> PhotoCard:
        translation = next(iter(photo.ui_translations), None)
        alt = (translation.alt_text if translation else "") or photo.description or photo.title
        return PhotoCard(photo, self.links.photo_url(photo), alt, self.credit(photo))

    def cards(self, photos: Iterable[Photo]) -> list[PhotoCard]:
        return [self.card(photo) for photo in photos]

    def testimony(self, testimony: AudioTestimony) -> Testimony:
        return Testimony(
            testimony,
            self.credit(testimony),
            public_audio_url(testimony),
            audio_content_type(testimony.public_file.name) if testimony.public_file else "",
        )

    def authors(self) -> list[AuthorCredit]:
        """Authors with at least one public item credited to them by name or
        pseudonym, alphabetically."""
        ids = set(credited(self.gated_photos()).values_list("participant", flat=True))
        ids |= set(credited(self.testimonies()).values_list("participant", flat=True))
        participants = Participant.objects.filter(pk__in=ids).order_by("display_name")
        return [AuthorCredit(p.display_name, self.links.author_url(p)) for p in participants]

    def author(self, code: str) -> AuthorPage | None:
        """The author page for ``code``, or None when nothing is credited to them."""
        photos = list(credited(self.photos()).filter(participant__code=code))
        testimonies = list(credited(self.testimonies()).filter(participant__code=code))
        first = next(iter(photos + testimonies), None)
        if first is None:
            return None
        participant = first.participant
        return AuthorPage(
            participant,
            participant.public_credit(first.credit_choice),
            self.cards(photos),
            [self.testimony(t) for t in testimonies],
        )

    def photo(self, photo_id: int) -> PhotoDetail | None:
        photo = self.photos().filter(pk=photo_id).first()
        if photo is None:
            return None
        card = self.card(photo)
        translation = next(iter(photo.ui_translations), None)
        if photo.language == self.language:
            translation = None
        # A testimony by the same author credited the other way (anonymous
        # beside named) would tie the anonymous item to the name: left out.
        testimonies = [
            self.testimony(t)
            for t in self.testimonies().filter(related_photos=photo)
            if is_anonymous(t) == is_anonymous(photo) or t.participant_id != photo.participant_id
        ]
        return PhotoDetail(
            card,
            translation,
            photo.showed_answers(),
            self.theme_links(photo.themes.all()),
            testimonies,
        )

    def theme_links(self, themes: Iterable[Theme]) -> list[ThemeLink]:
        """Links to theme pages, named in the visitor's language where a
        translation exists (items point at the default-language theme)."""
        themes = list(themes)
        names = dict(
            Theme.objects.filter(
                translation_key__in=[t.translation_key for t in themes],
                locale__language_code=self.language,
            ).values_list("translation_key", "name")
        )
        links = [
            ThemeLink(names.get(t.translation_key, t.name), self.links.theme_url(t)) for t in themes
        ]
        return sorted(links, key=lambda link: link.name.casefold())

    def themes(self) -> list[ThemeLink]:
        """Themes with at least one public photo in the project."""
        return self.theme_links(
            Theme.objects.filter(photos__in=self.gated_photos().values("pk")).distinct()
        )

    def theme(self, slug: str) -> tuple[ThemeLink, list[PhotoCard]] | None:
        """A theme (by its default-language slug) and its public photos."""
        theme = Theme.objects.filter(slug=slug, locale=Locale.get_default()).first()
        if theme is None:
            return None
        photos = self.cards(self.photos().filter(themes=theme))
        if not photos:
            return None
        return self.theme_links([theme])[0], photos

    def search(self, text: str) -> tuple[list[PhotoCard], list[Testimony]]:
        """Public photos and testimonies whose words contain ``text``.

        A plain ``icontains`` over the gated querysets, not a search index: a
        project holds hundreds of items, so this stays fast, needs no index to
        keep in step with withdrawals, and cannot show anything the gate
        refuses. (SQLite folds case for ASCII only; PostgreSQL for all text.)
        """
        text = text.strip()[:SEARCH_MAX_LENGTH]
        if not text:
            return [], []
        photo_words = Q()
        for name in (
            "title",
            "caption",
            "showed_see",
            "showed_happening",
            "showed_our_lives",
            "showed_why",
            "showed_do",
            "translations__title",
            "translations__caption",
        ):
            photo_words |= Q(**{f"{name}__icontains": text})
        matching_photos = Photo.objects.filter(photo_words).values("pk")
        testimony_words = Q(title__icontains=text) | Q(transcript__icontains=text)
        photos = self.photos().filter(pk__in=matching_photos)[:SEARCH_LIMIT]
        testimonies = self.testimonies().filter(testimony_words)[:SEARCH_LIMIT]
        return self.cards(photos), [self.testimony(t) for t in testimonies]


# Refused addresses: gone (410) or never there (404) -------------------------


def consent_ended(item, scopes: Iterable[str], at=None) -> bool:
    """Whether ``item`` was public once and its author took it back: it was
    accepted, and the consent that governs it granted one of ``scopes`` but
    was withdrawn, has expired, or was narrowed to exclude them.

    This does not decide visibility (the gate does); it only chooses between
    "removed at the author's request" and "not found" for an address the gate
    already refused.
    """
    if item.moderation_status != ModerationStatus.ACCEPTED or item.participant_id is None:
        return False
    at = at or timezone.now()
    granted = Q()
    for scope in scopes:
        granted |= Q(**{scope_field(scope): True})
    records = ConsentRecord.objects.filter(participant_id=item.participant_id)
    own = records.filter(**{item.consent_field: item})
    governing = own if own.exists() else records.participant_wide()
    current = governing.current()
    ended = Q(withdrawn_at__isnull=False) | Q(expires_at__lte=at)
    if current.filter(granted).filter(ended).exists():
        return True
    narrowed = governing.filter(superseded_at__isnull=False).filter(granted).exists()
    return narrowed and not current.filter(granted).exists()


def removal_notice(request, page=None) -> TemplateResponse:
    """The respectful 410 page: "removed at the author's request"."""
    return TemplateResponse(request, "410.html", {"page": page}, status=410)


def refuse(
    request, key: str, items: Iterable, scopes: Iterable[str], page=None
) -> TemplateResponse:
    """Answer for an address the gate refused: 410 when what it showed was
    erased (tombstone ``key``, e.g. ``photo:12``) or the consent of one of
    ``items`` ended; otherwise raise 404, as for an address that never was."""
    scopes = list(scopes)
    if Tombstone.objects.filter(key=key).exists() or any(
        consent_ended(item, scopes) for item in items
    ):
        return removal_notice(request, page)
    raise Http404
