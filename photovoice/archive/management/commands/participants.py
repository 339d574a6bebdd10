"""``manage.py participants [--json]``

Lists participants as the public knows them: code, public credit and how many
of their items the online archive shows. Never prints legal names or contacts.
"""

import json
from collections import Counter

from django.core.management.base import BaseCommand, no_translations

from ...models import AudioTestimony, Participant, Photo, Scope


class Command(BaseCommand):
    help = "List participants: code, public credit and number of items public in the archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json",
            action="store_true",
            help='print a JSON array of {"code", "credit", "public_items", "project"}',
        )

    @no_translations
    def handle(self, *args, **options):
        rows = participant_rows()
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        headings = {"code": "CODE", "project": "PROJECT", "credit": "CREDIT"}
        widths = {
            key: max([len(heading), *(len(row[key]) for row in rows)])
            for key, heading in headings.items()
        }
        self.stdout.write(
            "  ".join(heading.ljust(widths[key]) for key, heading in headings.items())
            + "  PUBLIC ITEMS"
        )
        for row in rows:
            self.stdout.write(
                "  ".join(row[key].ljust(widths[key]) for key in headings)
                + f"  {row['public_items']}"
            )


def participant_rows() -> list[dict]:
    """One dict per participant; items are counted through the consent gate."""
    public = Counter(
        Photo.objects.allowed_in(Scope.ARCHIVE).values_list("participant_id", flat=True)
    )
    public.update(
        AudioTestimony.objects.allowed_in(Scope.ARCHIVE).values_list("participant_id", flat=True)
    )
    return [
        {
            "code": participant.code,
            "credit": participant.public_credit(),
            "public_items": public[participant.pk],
            "project": participant.project.slug,
        }
        for participant in Participant.objects.select_related("project")
    ]
