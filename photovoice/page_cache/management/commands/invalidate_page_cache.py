"""``manage.py invalidate_page_cache``: after a deploy, when templates or
translations changed but no content did."""

from django.core.management.base import BaseCommand

from photovoice.page_cache import invalidate


class Command(BaseCommand):
    help = "Make every cached public page stale (and purge the front cache, if configured)."

    def handle(self, *args, **options):
        invalidate()
        self.stdout.write("Cached pages will be rendered afresh.")
