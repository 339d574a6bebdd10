"""What "My contributions" shows of each item: its review, the uses its
consent allows, and where it appears now. Every "appears" answer comes from
the consent gate (``may_appear``); nothing here decides visibility itself.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from photovoice.archive.models import (
    AudioTestimony,
    ConsentRecord,
    ModerationStatus,
    Participant,
    Photo,
    ProjectPage,
    Scope,
    credit_for,
    may_appear,
)

SCOPE_LABELS = {
    Scope.ARCHIVE: _("On this website, in the online archive"),
    Scope.EXHIBITIONS: _("In exhibitions"),
    Scope.PRINT: _("In printed booklets and posters"),
    Scope.PODCAST: _("In the podcast"),
    Scope.RESEARCH: _("For research (not shown to the public)"),
    Scope.SOCIAL: _("On social media"),
}
#: Review states as a participant reads them.
STATUS_LABELS = {
    ModerationStatus.SUBMITTED: _("Sent, waiting for review"),
    ModerationStatus.CHANGES_REQUESTED: _("The curators ask for changes"),
    ModerationStatus.ACCEPTED: _("Accepted"),
    ModerationStatus.REJECTED: _("Not accepted"),
}
#: Kinds of item as they appear in portal addresses.
KINDS = {"photo": Photo, "recording": AudioTestimony}


def kind_of(item) -> str:
    return "photo" if isinstance(item, Photo) else "recording"


def find_own_item(participant: Participant, kind: str, pk: int):
    """The participant's own photo or recording, or None (also for anyone
    else's item: the portal never says whether it exists)."""
    model = KINDS.get(kind)
    if model is None:
        return None
    return model.objects.filter(participant=participant, pk=pk).first()


@dataclass(frozen=True)
class Place:
    """Where an item appears: a kind of place and, when known, its names and a link."""

    label: str
    names: list[str] = field(default_factory=list)
    url: str = ""


@dataclass
class ItemSummary:
    item: object
    kind: str
    status: str
    status_label: str
    note: str
    allowed: list[str]
    places: list[Place]
    credit: str
    waiting_for_guardian: bool

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def allowed_labels(self) -> list[str]:
        return [str(SCOPE_LABELS[Scope(scope)]) for scope in self.allowed]


def allowed_scopes(item) -> list[str]:
    """The uses the consent in force for ``item`` grants (the gate's rule 2)."""
    queryset = type(item).objects.filter(pk=item.pk)
    return [scope.value for scope in Scope if queryset.consented_for(scope).exists()]


def _in_language(pages) -> list[str]:
    """Titles of live pages, one per page across its translations, in the
    participant's language where it has one."""
    language = get_language()
    chosen: dict = {}
    for page in pages.live().select_related("locale").order_by("pk"):
        key = page.translation_key
        if key not in chosen or page.locale.language_code == language:
            chosen[key] = page
    return [page.title for page in chosen.values()]


def photo_url(photo: Photo) -> str:
    """The photo's public page in the participant's language (or the default one)."""
    pages = ProjectPage.objects.live().filter(project_id=photo.participant.project_id)
    page = pages.filter(locale__language_code=get_language()).first() or pages.first()
    if page is None:
        return ""
    return page.get_url() + page.reverse_subpage("photo", args=[photo.pk])


def places(item) -> list[Place]:
    """Where the item can be seen or heard now, as the gate allows."""
    found = []
    if may_appear(item, Scope.ARCHIVE):
        url = photo_url(item) if isinstance(item, Photo) else ""
        found.append(Place(str(_("Online archive")), url=url))
    if may_appear(item, Scope.EXHIBITIONS):
        from exhibitions.models import ExhibitionPage

        names = _in_language(
            ExhibitionPage.objects.filter(**{f"exhibits__{item.consent_field}": item})
        )
        if names:
            found.append(Place(str(_("Exhibitions")), names))
    if isinstance(item, AudioTestimony) and may_appear(item, Scope.PODCAST):
        from podcast.models import EpisodePage

        names = _in_language(EpisodePage.objects.filter(testimony=item))
        if names:
            found.append(Place(str(_("Podcast")), names))
    return found


def waiting_for_guardian(item) -> bool:
    participant = item.participant
    return participant.is_minor and not (
        ConsentRecord.objects.in_force()
        .filter(participant=participant)
        .filter(**{item.consent_field: item})
        .exists()
        or ConsentRecord.objects.in_force()
        .participant_wide()
        .filter(participant=participant)
        .exists()
    )


def summarise(item) -> ItemSummary:
    status = ModerationStatus(item.moderation_status)
    return ItemSummary(
        item=item,
        kind=kind_of(item),
        status=status.value,
        status_label=str(STATUS_LABELS[status]),
        note=item.moderation_note if status != ModerationStatus.ACCEPTED else "",
        allowed=allowed_scopes(item),
        places=places(item),
        credit=credit_for(item),
        waiting_for_guardian=waiting_for_guardian(item),
    )


def own_items(participant: Participant) -> list:
    """Everything the participant sent or a curator filed for them, newest first."""
    photos = list(participant.photos.order_by("-created_at", "-pk"))
    recordings = list(participant.audiotestimonys.order_by("-created_at", "-pk"))
    return sorted(photos + recordings, key=lambda item: item.created_at, reverse=True)


def summaries(participant: Participant) -> list[ItemSummary]:
    return [summarise(item) for item in own_items(participant)]
