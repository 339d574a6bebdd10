"""The "Archive" menu of the Wagtail admin and the viewsets behind it."""

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from ..audit_export import AUDIT_COLUMNS
from ..item_references import item_reference
from ..models import (
    AudioTestimony,
    AuditEvent,
    ConsentRecord,
    Participant,
    Project,
    Scope,
    Theme,
)
from .forms import ConsentRecordForm
from .permissions import PRIVATE_DETAILS
from .views import (
    ConsentRecordCreateView,
    ReviewDecisionView,
    ReviewQueueView,
    WithdrawConsentView,
    can_review,
)

#: Hook that collects the Archive menu's items; snippets join it with ``menu_hook``.
ARCHIVE_MENU_HOOK = "register_archive_menu_item"


class ProjectViewSet(ModelViewSet):
    model = Project
    name = "projects"
    icon = "folder-open-inverse"
    list_display = ["title", "slug", "organisation", "start_date", "end_date"]
    search_fields = ["title", "slug", "organisation"]
    copy_view_enabled = False


class ParticipantIndexView(generic.IndexView):
    """Adds a "Withdraw consent" button to each participant's row."""

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if self.request.user.has_perm("archive.add_consentrecord"):
            buttons.insert(
                0,
                ListingButton(
                    _("Withdraw consent"),
                    url=reverse("consent:withdraw", args=[instance.pk]),
                    icon_name="cross",
                ),
            )
        return buttons


class ParticipantViewSet(ModelViewSet):
    """Participants as the public knows them; legal name and contacts only
    for curators with ``view_private_details``. Erasure is a command
    (``erase_participant``), so the admin does not delete participants."""

    model = Participant
    name = "participants"
    icon = "user"
    index_view_class = ParticipantIndexView
    list_display = [
        "code",
        Column("credit", label=gettext_lazy("Public credit"), accessor="public_credit"),
        "project",
        "preferred_language",
        "is_minor",
    ]
    list_filter = ["project", "credit", "is_minor"]
    # Only public fields: searching by legal name would reveal it to everyone.
    search_fields = ["code", "display_name"]
    copy_view_enabled = False
    panels = [
        FieldPanel("project"),
        FieldPanel("code"),
        MultiFieldPanel(
            [FieldPanel("credit"), FieldPanel("display_name")], heading=gettext_lazy("Credit")
        ),
        FieldPanel("preferred_language"),
        FieldPanel("is_minor"),
        MultiFieldPanel(
            [
                FieldPanel("legal_name", permission=PRIVATE_DETAILS),
                FieldPanel("email", permission=PRIVATE_DETAILS),
                FieldPanel("phone", permission=PRIVATE_DETAILS),
            ],
            heading=gettext_lazy("Private details"),
        ),
    ]


class ThemeViewSet(SnippetViewSet):
    """Themes are snippets, so wagtail-localize offers to translate them."""

    model = Theme
    icon = "tag"
    menu_hook = ARCHIVE_MENU_HOOK
    menu_order = 30
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class AudioTestimonyViewSet(ModelViewSet):
    """Testimonies' texts and files; their review goes through the review queue."""

    model = AudioTestimony
    name = "testimonies"
    icon = "media"
    list_display = ["title", "participant", "moderation_status", "language", "created_at"]
    list_filter = ["moderation_status", "language"]
    search_fields = ["title", "transcript"]
    copy_view_enabled = False
    form_fields = [
        "participant",
        "title",
        "file",
        "language",
        "themes",
        "transcript",
        "transcript_vtt",
        "related_photos",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "file":
            # The original is private and has no URL, so no "currently: <link>".
            kwargs["widget"] = forms.FileInput
        return super().formfield_for_dbfield(db_field, **kwargs)


def consent_target(record: ConsentRecord) -> str:
    item = record.photo or record.testimony
    return f"{item} ({item_reference(item)})" if item else _("all items")


def consent_scopes(record: ConsentRecord) -> str:
    return ", ".join(str(Scope(scope).label) for scope in record.scopes) or "-"


def consent_state(record: ConsentRecord) -> str:
    if record.superseded_at:
        return _("superseded")
    if record.withdrawn_at:
        return _("withdrawn")
    if record.expires_at and record.expires_at <= timezone.now():
        return _("expired")
    return _("current")


class ConsentRecordIndexView(generic.IndexView):
    """Each current record offers "Withdraw" for its participant and item."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("participant", "photo", "testimony")

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if (
            instance.superseded_at is None
            and instance.withdrawn_at is None
            and self.request.user.has_perm("archive.add_consentrecord")
        ):
            item = instance.photo or instance.testimony
            url = reverse("consent:withdraw", args=[instance.participant_id])
            if item:
                url += f"?item={item_reference(item)}"
            buttons.insert(0, ListingButton(_("Withdraw"), url=url, icon_name="cross"))
        return buttons


class ConsentRecordViewSet(ModelViewSet):
    """Consent records: recorded through the consent service, never edited
    or deleted (see :mod:`photovoice.archive.admin.permissions`)."""

    model = ConsentRecord
    name = "consent"
    icon = "doc-full"
    index_view_class = ConsentRecordIndexView
    add_view_class = ConsentRecordCreateView
    withdraw_view_class = WithdrawConsentView
    list_display = [
        "participant",
        Column("target", label=gettext_lazy("Covers"), accessor=consent_target),
        Column(
            "scopes", label=gettext_lazy("May appear in"), accessor=lambda r: ", ".join(r.scopes)
        ),
        "given_at",
        "expires_at",
        Column("state", label=gettext_lazy("State"), accessor=consent_state),
    ]
    list_filter = ["participant", "method"]
    copy_view_enabled = False
    inspect_view_enabled = True
    # Not the document (private, no public URL) nor the guardian's name.
    inspect_view_fields = [
        "participant",
        "photo",
        "testimony",
        "allows_archive",
        "allows_exhibitions",
        "allows_print",
        "allows_podcast",
        "allows_research",
        "allows_social",
        "credit",
        "text_version",
        "text_language",
        "method",
        "given_by",
        "minor_assent",
        "given_at",
        "expires_at",
        "withdrawn_at",
        "superseded_at",
        "recorded_by",
        "note",
    ]

    def get_form_class(self, for_update=False):
        return ConsentRecordForm

    @property
    def withdraw_view(self):
        return self.withdraw_view_class.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("withdraw/<int:participant_pk>/", self.withdraw_view, name="withdraw"),
        ]


class AuditTrailViewSet(ModelViewSet):
    """The audit trail, read only: filter, read and export; nothing else."""

    model = AuditEvent
    name = "audit"
    icon = "history"
    menu_label = gettext_lazy("Audit trail")
    list_display = ["at", "participant_code", "action", "summary", "reason", "actor_label"]
    list_filter = {"participant_code": ["exact"], "action": ["exact"]}
    list_export = AUDIT_COLUMNS
    export_filename = "audit-trail"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # every field is editable=False; add and edit are refused anyway


class ReviewQueueViewSet(ViewSet):
    """Photos and testimonies waiting for a curator's decision."""

    name = "review"
    icon = "tasks"
    menu_label = gettext_lazy("Photo review queue")

    @property
    def menu_item_class(self):
        return type(
            "ReviewQueueMenuItem",
            (MenuItem,),
            {"is_shown": lambda _self, request: can_review(request.user)},
        )

    def get_urlpatterns(self):
        queue = ReviewQueueView.as_view(
            decide_url_name=self.get_url_name("decide"),
            consent_add_url_name="consent:add",
        )
        decide = ReviewDecisionView.as_view(queue_url_name=self.get_url_name("index"))
        return [
            path("", queue, name="index"),
            path("<str:kind>/<int:pk>/", decide, name="decide"),
        ]


class ArchiveViewSetGroup(ViewSetGroup):
    """The "Archive" menu."""

    menu_label = gettext_lazy("Archive")
    menu_icon = "folder-inverse"
    menu_order = 150
    submenu_hook = ARCHIVE_MENU_HOOK
    items = (
        ReviewQueueViewSet,
        ProjectViewSet,
        ParticipantViewSet,
        AudioTestimonyViewSet,
        ConsentRecordViewSet,
        AuditTrailViewSet,
    )
