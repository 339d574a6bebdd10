"""Why a curator cannot place an item: the gate decides, this explains.

:func:`why_unavailable` asks the consent gate first; only when the gate
refuses does it look at the item to put the reason into words for the
curator. It never makes an item available on its own.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from photovoice.archive.models import (
    ConsentRecord,
    ModerationStatus,
    Photo,
    Scope,
    may_appear,
    scope_field,
)


def why_unavailable(item, scope: str) -> str:
    """An empty string when ``item`` may appear in ``scope`` now (the gate
    says so); otherwise a sentence telling the curator why it may not."""
    if may_appear(item, scope):
        return ""
    if item.participant_id is None:
        return _("This item has no author on record, so nobody could consent to showing it.")
    if item.moderation_status != ModerationStatus.ACCEPTED:
        return _("This item has not been accepted in review yet (status: %(status)s).") % {
            "status": item.get_moderation_status_display()
        }
    if (
        isinstance(item, Photo)
        and not Photo.objects.filter(pk=item.pk).filter(Photo.objects.item_conditions()).exists()
    ):
        return _(
            "Recognisable people in this photo have not consented (or it is not yet "
            "stated whether anyone is recognisable)."
        )
    records = ConsentRecord.objects.filter(participant_id=item.participant_id).current()
    own = records.filter(**{item.consent_field: item})
    governing = own if own.exists() else records.participant_wide()
    record = governing.order_by("-pk").first()
    if record is None:
        return _("The author has no consent on file for this item.")
    if record.withdrawn_at is not None:
        return _("The author withdrew consent on %(date)s.") % {
            "date": timezone.localtime(record.withdrawn_at).date().isoformat()
        }
    if record.expires_at is not None and record.expires_at <= timezone.now():
        return _("The author's consent expired on %(date)s.") % {
            "date": timezone.localtime(record.expires_at).date().isoformat()
        }
    if not getattr(record, scope_field(scope)):
        return _("The author's consent does not cover this use (%(scope)s).") % {
            "scope": Scope(scope).label
        }
    return _(
        "The author's consent is not in force for this use (for a minor, it needs a "
        "guardian and the minor's assent)."
    )
