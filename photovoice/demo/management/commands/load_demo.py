"""``manage.py load_demo``: seed a new install with demo content. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from photovoice.demo.accounts import ensure_demo_curator
from photovoice.demo.archive import ensure_demo_archive
from photovoice.demo.exhibitions import ensure_demo_exhibition
from photovoice.demo.podcast import ensure_demo_podcast
from photovoice.demo.site import ensure_home_page


class Command(BaseCommand):
    help = "Load demo content (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = ensure_home_page()
            project = ensure_demo_archive()
            show = ensure_demo_podcast()
            exhibition = ensure_demo_exhibition()
        self.stdout.write(f"Site ready: home page '{home.title}' in {settings.LANGUAGE_CODE}.")
        self.stdout.write(
            f"Demo project '{project.slug}': {project.participants.count()} participants."
        )
        self.stdout.write(f"Demo podcast '{show.title}'.")
        self.stdout.write(f"Demo exhibition '{exhibition.title}'.")
        if settings.DEBUG:
            username, password = ensure_demo_curator()
            self.stdout.write(
                self.style.SUCCESS(f"Admin login (development only): {username} / {password}")
            )
