"""Permission policies for records the admin must never rewrite.

Consent records are versioned and the audit trail is append-only, so their
admin refuses the actions that would rewrite history, to superusers too.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

#: Lets a curator see participants' legal names and contacts.
PRIVATE_DETAILS = "archive.view_private_details"


class WithoutActionsPolicy(ModelPermissionPolicy):
    """Django's model permissions, minus ``refused`` actions for everyone."""

    def __init__(self, model, *, refused: set[str]):
        super().__init__(model)
        self.refused = frozenset(refused)

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.refused]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
