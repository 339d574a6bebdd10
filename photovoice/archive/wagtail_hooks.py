"""Wagtail admin registration of the archive: the "Archive" menu (see
:mod:`photovoice.archive.admin.viewsets`) and the permission policies that
keep consent records and the audit trail from being rewritten."""

from django.contrib.auth.models import Permission
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin.permissions import WithoutActionsPolicy
from .admin.viewsets import ArchiveViewSetGroup, ThemeViewSet
from .models import AuditEvent, ConsentRecord, Participant

# Registered first: Wagtail refuses a policy once a fallback policy exists.
register_permission_policy(
    ConsentRecord, WithoutActionsPolicy(ConsentRecord, refused={"change", "delete"})
)
register_permission_policy(
    AuditEvent, WithoutActionsPolicy(AuditEvent, refused={"add", "change", "delete"})
)
register_permission_policy(Participant, WithoutActionsPolicy(Participant, refused={"delete"}))

register_snippet(ThemeViewSet)


@hooks.register("register_admin_viewset")
def register_archive_viewsets():
    return ArchiveViewSetGroup()


@hooks.register("register_permissions")
def review_permissions():
    """Reviewing photos is ``archive.change_photo``; Wagtail's image library
    has its own permissions, so this one is offered in the group editor here."""
    return Permission.objects.filter(content_type__app_label="archive", codename="change_photo")
