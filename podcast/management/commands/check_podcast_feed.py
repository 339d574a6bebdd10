"""``manage.py check_podcast_feed URL_OR_SLUG``: run our feed checks.

A feed name (``integrace``) checks that show's feeds in every language in
process, through Django's test client; an http(s) address is fetched over
the network. Exits with an error when any check fails; warnings (what
most apps accept but Apple does not list) are printed without failing."""

from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from podcast.feed_checks import check_feed
from podcast.fetchers import client_fetch, http_fetch
from podcast.models import PodcastShowPage


class Command(BaseCommand):
    help = "Check a podcast feed against Apple's and Podcasting 2.0 rules."

    def add_arguments(self, parser):
        parser.add_argument("feed", help="a feed address (http[s]://...) or a show's feed name")

    def handle(self, *args, feed: str, **options):
        if feed.startswith(("http://", "https://")):
            targets = [(feed, http_fetch)]
        else:
            shows = PodcastShowPage.objects.live().filter(feed_slug=feed).order_by("pk")
            if not shows:
                raise CommandError(f"No live podcast show has the feed name {feed!r}.")
            fetch = client_fetch(Client())
            targets = [(show.feed_url(), fetch) for show in shows]
        failed = 0
        for url, fetch in targets:
            report = check_feed(url, fetch)
            if report.ok:
                self.stdout.write(self.style.SUCCESS(f"OK {url} ({report.items} episodes)"))
            else:
                failed += 1
                self.stdout.write(self.style.ERROR(f"FAILED {url}"))
                for finding in report.findings:
                    self.stdout.write(f"  {finding}")
            for warning in report.warnings:
                self.stdout.write(self.style.WARNING(f"  warning {warning}"))
        if failed:
            raise CommandError(f"{failed} of {len(targets)} feeds failed the checks.")
