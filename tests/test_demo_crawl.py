"""Crawl the demo site as a visitor would, following every link, the
sitemap and the feeds, and check that exactly what the consent gate allows
is public; then withdraw one participant and crawl again."""

import html
import re
from collections import deque
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from photovoice.archive.models import (
    AudioTestimony,
    AuditEvent,
    Participant,
    Photo,
    Scope,
    may_appear,
)

pytestmark = pytest.mark.django_db

START = ["/cs/", "/en/", "/sitemap.xml"]
SKIP = ("/admin/", "/portal/", "/static/", "/q/")
LINK = re.compile(r'(?:href|src|srcset)="([^"]+)"|<loc>([^<]+)</loc>|<link[^>]*href="([^"]+)"')


def crawl(client) -> dict[str, str]:
    """Every reachable page, feed and audio URL of the site, with its body."""
    seen: dict[str, str] = {}
    queue = deque(START)
    while queue:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        response = client.get(path)
        if response.status_code != 200:
            seen[path] = ""
            continue
        if path.startswith("/media/"):
            seen[path] = "<audio>"
            continue
        body = response.content.decode()
        seen[path] = body
        for match in LINK.finditer(body):
            for url in filter(None, match.groups()):
                for candidate in url.split(","):
                    target = urlsplit(urljoin(path, candidate.strip().split(" ")[0]))
                    if target.netloc not in ("", "testserver", "localhost"):
                        continue
                    if target.path.startswith(
                        ("/cs/", "/en/", "/media/audio/")
                    ) or target.path.endswith(("feed/", "feed.xml")):
                        queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


def public_text(pages: dict[str, str]) -> str:
    return html.unescape("\n".join(pages.values()))


def test_demo_site_shows_exactly_what_the_gate_allows_and_withdrawal_removes_it(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.BASE_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    pages = crawl(client)
    text = public_text(pages)
    for photo in Photo.objects.filter(participant__isnull=False):
        shown = photo.caption in text
        assert shown is may_appear(photo, Scope.ARCHIVE), (photo.title, shown)
    audio_urls = [path for path in pages if path.startswith("/media/audio/")]
    assert len(audio_urls) == AudioTestimony.objects.allowed_in(Scope.ARCHIVE).count()

    olga = Participant.objects.get(code="P01")
    her_captions = [p.caption for p in olga.photos.all()]
    her_pages = [path for path in pages if re.search(r"/photos/\d+/$", path)]
    her_pages = [p for p in her_pages if any(c in html.unescape(pages[p]) for c in her_captions)]
    her_audio = [
        path
        for path in audio_urls
        for testimony in AudioTestimony.objects.filter(participant=olga)
        if f"/{testimony.pk}." in path
    ]
    assert her_pages and her_audio
    others = [p.caption for p in Photo.objects.allowed_in(Scope.ARCHIVE).exclude(participant=olga)]

    call_command("withdraw_consent", "P01", "--reason", "asked by phone", stdout=StringIO())

    after = public_text(crawl(client))
    assert not any(caption in after for caption in her_captions)
    assert olga.display_name not in after
    assert all(caption in after for caption in others)
    for path in her_pages + her_audio:
        assert client.get(path).status_code == 410, path
    assert AuditEvent.objects.filter(participant_code="P01", action="consent_withdrawn").exists()
