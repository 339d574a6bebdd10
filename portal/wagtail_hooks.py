"""The portal in the Wagtail admin, inside the "Archive" menu: invitations
(invite, revoke, new link with QR code), what arrived through the portal,
and erasure requests."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from photovoice.archive.admin.permissions import WithoutActionsPolicy
from photovoice.archive.admin.viewsets import ARCHIVE_MENU_HOOK

from .admin_views import (
    CompleteErasureView,
    ErasureRequestIndexView,
    InvitationIndexView,
    InviteView,
    RevokeInvitationView,
)
from .models import Contribution, ErasureRequest, Invitation

register_permission_policy(Invitation, WithoutActionsPolicy(Invitation, refused={"delete"}))
register_permission_policy(
    ErasureRequest, WithoutActionsPolicy(ErasureRequest, refused={"add", "delete"})
)
register_permission_policy(
    Contribution, WithoutActionsPolicy(Contribution, refused={"add", "change", "delete"})
)


class InvitationViewSet(ModelViewSet):
    model = Invitation
    name = "invitations"
    icon = "link"
    menu_hook = ARCHIVE_MENU_HOOK
    menu_order = 40
    menu_label = _("Invitations")
    index_view_class = InvitationIndexView
    list_display = [
        "participant",
        "project",
        "created_at",
        "expires_at",
        "last_used_at",
        Column("state", label=_("State"), accessor="state"),
    ]
    list_filter = ["project"]
    search_fields = ["participant__code"]
    form_fields = ["expires_at"]
    copy_view_enabled = False

    @property
    def add_view(self):
        return InviteView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        revoke = RevokeInvitationView.as_view(index_url_name=self.get_url_name("index"))
        return [*super().get_urlpatterns(), path("revoke/<int:pk>/", revoke, name="revoke")]


class ContributionViewSet(ModelViewSet):
    """What arrived through the portal, with the participant's choices (for
    a minor: wishes that wait for a guardian's consent)."""

    model = Contribution
    name = "portal_contributions"
    icon = "upload"
    menu_hook = ARCHIVE_MENU_HOOK
    menu_order = 41
    menu_label = _("Portal contributions")
    list_display = [
        "participant",
        Column("item", label=_("Item"), accessor="item"),
        "submitted_at",
        "wished_scopes",
        "wished_credit",
        "consent_text_version",
        "awaiting_guardian",
    ]
    list_filter = ["awaiting_guardian"]
    form_fields = []
    copy_view_enabled = False
    inspect_view_enabled = True


class ErasureRequestViewSet(ModelViewSet):
    model = ErasureRequest
    name = "erasure_requests"
    icon = "bin"
    menu_hook = ARCHIVE_MENU_HOOK
    menu_order = 42
    menu_label = _("Erasure requests")
    index_view_class = ErasureRequestIndexView
    list_display = [
        "participant_code",
        "requested_at",
        "message",
        Column("state", label=_("State"), accessor="state"),
        "completed_at",
    ]
    form_fields = []
    copy_view_enabled = False

    def get_urlpatterns(self):
        complete = CompleteErasureView.as_view(index_url_name=self.get_url_name("index"))
        return [*super().get_urlpatterns(), path("complete/<int:pk>/", complete, name="complete")]


@hooks.register("register_admin_viewset")
def register_portal_viewsets():
    return [InvitationViewSet(), ContributionViewSet(), ErasureRequestViewSet()]
