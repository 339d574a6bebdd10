"""``manage.py sweep_expired_consent``: the daily expiry sweep.

The consent gate already hides items whose consent expired; this records each
expiry once in the audit trail and deletes the public files of items that may
no longer appear anywhere. Run it daily (see "Curator commands" in the README).
"""

from django.core.management.base import BaseCommand, no_translations

from ...consent import sweep_expired_consent


class Command(BaseCommand):
    help = "Record expired consent in the audit trail and retract what may no longer appear."

    @no_translations
    def handle(self, *args, **options):
        count = sweep_expired_consent()
        self.stdout.write(f"Consent records expired since the last sweep: {count}.")
