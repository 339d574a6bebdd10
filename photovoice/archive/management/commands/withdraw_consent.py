"""``manage.py withdraw_consent CODE [--item ID] [--scope SCOPE] [--reason TEXT]``

Withdraws a participant's consent through the consent service, so the change
is versioned, audited and takes effect on every public surface at once.
"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from ...consent import Actor, ConsentError, withdraw_consent
from ...item_references import item_reference
from ...models import PUBLIC_SCOPES, ConsentRecord, Scope, may_appear
from ..options import item_of, participant_by_code, scope_from_option


class Command(BaseCommand):
    help = (
        "Withdraw a participant's consent: for every item or one (--item), "
        "for every use or one (--scope)."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="the participant's code, e.g. P07")
        parser.add_argument(
            "--item",
            help="a photo id, or photo:ID / testimony:ID (default: all the participant's items)",
        )
        parser.add_argument(
            "--scope",
            help=f"withdraw only this use: {', '.join(Scope.values)} (default: every use)",
        )
        parser.add_argument(
            "--reason", default="", help="why, in the participant's words (kept in the audit trail)"
        )

    @no_translations
    def handle(self, *args, code, item, scope, reason, **options):
        scope = scope_from_option(scope)
        participant = participant_by_code(code)
        target = item_of(participant, item) if item else None
        if not ConsentRecord.objects.current().filter(participant=participant).exists():
            raise CommandError(f"{participant.code} has no consent on file.")
        try:
            change = withdraw_consent(
                participant,
                actor=Actor(label="command withdraw_consent"),
                item=target,
                scope=scope,
                reason=reason,
            )
        except ConsentError as e:
            raise CommandError(str(e)) from e

        what = scope.label if scope else "every use"
        which = item_reference(target) if target else "all items"
        self.stdout.write(f"Withdrew {what} for {participant.code}, {which}.")
        if not change.records:
            self.stdout.write("No consent in force granted that; no record changed.")
        else:
            self.stdout.write(f"Consent records changed: {len(change.records)}.")
        for affected in change.items:
            still_public = [str(s.label) for s in PUBLIC_SCOPES if may_appear(affected, s)]
            where = (
                f"still public in {', '.join(still_public)}"
                if still_public
                else "not public anywhere"
            )
            self.stdout.write(f"  {item_reference(affected)} {affected.title!r}: {where}")
