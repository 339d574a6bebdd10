"""``manage.py erase_participant CODE --confirm [--reason TEXT]``

Erases a participant at their request through the consent service: items,
originals, derivatives, consent records and documents, personal details. The
audit trail keeps only the code and what was done. Cannot be undone.
"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from ...consent import Actor, erase_participant
from ..options import participant_by_code


class Command(BaseCommand):
    help = "Erase a participant and everything they contributed (needs --confirm)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="the participant's code, e.g. P07")
        parser.add_argument(
            "--confirm", action="store_true", help="really erase; nothing can be restored"
        )
        parser.add_argument("--reason", default="", help="why (kept in the audit trail)")

    @no_translations
    def handle(self, *args, code, confirm, reason, **options):
        participant = participant_by_code(code)
        photos = participant.photos.count()
        testimonies = participant.audiotestimonys.count()
        records = participant.consent_records.count()
        contents = f"{photos} photo(s), {testimonies} testimony(ies), {records} consent record(s)"
        if not confirm:
            raise CommandError(
                f"This erases {participant.code} with {contents}, for good. "
                "Run again with --confirm to do it."
            )
        erase_participant(
            participant, actor=Actor(label="command erase_participant"), reason=reason
        )
        self.stdout.write(
            f"Erased {code}: {contents}. Their former addresses now answer "
            "'removed at the author's request'; the audit trail keeps the code."
        )
