"""``manage.py purge_listener_hashes``: delete listener hashes and salts
past the 24-hour counting window. Run it daily (see "Curator commands" in
the README); the first download of each day runs the same purge, so this
matters most on days without downloads. Safe to run at any time and as
often as wanted: it deletes only what can no longer count or block a count,
and the download numbers themselves are already stored per day."""

from django.core.management.base import BaseCommand, no_translations

from podcast.downloads import purge


class Command(BaseCommand):
    help = "Delete podcast listener hashes and salts older than the 24-hour counting window."

    @no_translations
    def handle(self, *args, **options):
        done = purge()
        self.stdout.write(
            f"Listener hashes deleted: {done.windows} "
            f"(kept {done.windows_kept} still inside their 24-hour window). "
            f"Salts deleted: {done.salts} (kept {done.salts_kept})."
        )
