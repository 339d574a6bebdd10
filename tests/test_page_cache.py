"""The page cache: anonymous visitors get finished copies of public pages,
and never one the consent gate would no longer allow.

"Served from the cache" is shown without timing: such a request makes no
database query at all.
"""

import gzip
import http.server
import socket
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from exhibitions.models import ScanCount, ShortCode
from photovoice.archive.consent import withdraw_consent
from photovoice.archive.derivatives import make_photo_derivatives
from photovoice.page_cache.tasks import purge_front_cache
from tests.builders import CURATOR, give_consent, make_curator
from tests.exhibition_builders import make_exhibition
from tests.portal_builders import portal_url, sign_in

pytestmark = pytest.mark.django_db


def exhibit_url(page, photo):
    return page.url + page.reverse_subpage("exhibit", args=[photo.pk])


def queries_of(client, url, **headers):
    """The response to ``url`` and how many database queries answering it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.fixture
def built(site_home):
    return make_exhibition(site_home)


@pytest.fixture
def exhibit(built):
    """The address of an English exhibit page, already visited once."""
    url = exhibit_url(built.english, built.photos[0])
    assert Client().get(url).status_code == 200
    return url


def test_second_visit_is_answered_from_the_cache_without_the_database(
    client, exhibit, django_assert_num_queries
):
    first = client.get(exhibit)
    with django_assert_num_queries(0):
        second = client.get(exhibit)
    assert second.status_code == 200
    assert second.content == first.content


def test_cached_reply_has_the_same_body_and_headers_as_a_fresh_render(client, built):
    url = exhibit_url(built.english, built.photos[0])
    rendered, rendering_queries = queries_of(client, url)
    cached, cached_queries = queries_of(client, url)
    assert rendering_queries > 0 and cached_queries == 0
    assert cached.content == rendered.content
    assert dict(cached.headers) == dict(rendered.headers)
    assert cached["Content-Language"] == "en"
    assert "default-src 'self'" in cached["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"
    assert not cached.cookies


def test_head_request_is_answered_from_the_cache(client, exhibit, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.head(exhibit)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_withdrawn_exhibit_is_a_410_for_the_very_next_visitor(client, built):
    gone = built.photos[0]
    exhibit = exhibit_url(built.english, gone)
    assert gone.title in client.get(built.english.url).content.decode()
    assert client.get(exhibit).status_code == 200
    withdraw_consent(gone.participant, actor=CURATOR, item=gone)
    response = client.get(exhibit)
    assert response.status_code == 410
    assert "removed at the author" in response.content.decode()
    assert gone.title not in client.get(built.english.url).content.decode()


def test_withdrawal_reaches_visitors_when_it_commits(
    client, built, settings, django_capture_on_commit_callbacks
):
    """As in production: the cache is invalidated after commit only."""
    settings.PAGE_CACHE_INVALIDATE_AT_ONCE = False
    gone = built.photos[0]
    exhibit = exhibit_url(built.english, gone)
    client.get(exhibit)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(gone.participant, actor=CURATOR, item=gone)
    assert client.get(exhibit).status_code == 410


def test_edited_and_published_title_shows_at_once(client, built):
    page = built.page
    assert "Integrace očima" in client.get(page.url).content.decode()
    page.title = "Domov očima"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Domov očima" in html and "Integrace očima" not in html


def test_photo_replaces_its_placeholder_once_its_copies_are_made(client, built, exhibit):
    assert "This photo is being prepared" in client.get(exhibit).content.decode()
    make_photo_derivatives(built.photos[0])
    html = client.get(exhibit).content.decode()
    assert "<picture>" in html and "This photo is being prepared" not in html


def test_page_is_not_served_from_the_cache_after_consent_expires(client, built, monkeypatch):
    author = built.participants[0]
    expiry = timezone.now() + timedelta(hours=1)
    give_consent(author, expires_at=expiry)
    exhibit = exhibit_url(built.english, built.photos[0])
    assert client.get(exhibit).status_code == 200
    _cached, queries = queries_of(client, exhibit)
    assert queries == 0
    later = expiry + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(exhibit).status_code == 410
    assert built.photos[0].title not in client.get(built.english.url).content.decode()


def test_gzipped_reply_unpacks_to_the_same_page(client, exhibit):
    plain = client.get(exhibit)
    zipped = client.get(exhibit, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert len(zipped.content) < len(plain.content)
    assert gzip.decompress(zipped.content) == plain.content
    assert zipped["ETag"] != plain["ETag"]
    again, queries = queries_of(client, exhibit, HTTP_ACCEPT_ENCODING="gzip")
    assert queries == 0
    assert again.content == zipped.content


def test_a_copy_the_browser_already_holds_gets_304(client, exhibit):
    etag = client.get(exhibit)["ETag"]
    response = client.get(exhibit, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(exhibit, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_curators_are_never_served_a_cached_page_nor_fill_the_cache(client, built):
    url = exhibit_url(built.english, built.photos[0])
    client.force_login(make_curator())
    _curators, curator_queries = queries_of(client, url)
    assert curator_queries > 0
    visitor = Client()
    _first, first_queries = queries_of(visitor, url)
    assert first_queries > 0  # the curator's page was not kept
    seen, queries = queries_of(visitor, url)
    assert queries == 0
    assert "userbar" not in seen.content.decode()
    _again, curator_queries = queries_of(client, url)
    assert curator_queries > 0


def test_portal_participants_are_never_served_a_cached_page(client, exhibit):
    sign_in(client)
    for url in [portal_url("home"), portal_url("home"), exhibit]:
        response, queries = queries_of(client, url)
        assert response.status_code == 200
        assert queries > 0


def test_every_scan_of_a_short_code_is_counted_and_keeps_pages_cached(client, built):
    code = ShortCode.for_target(built.page, built.page.exhibits.first(), language="en")
    exhibit = exhibit_url(built.english, built.photos[0])
    client.get(exhibit)
    for _n in range(3):
        assert client.get(code.path).status_code == 302
    assert ScanCount.objects.get(code=code).count == 3
    _page, queries = queries_of(client, exhibit)
    assert queries == 0


def test_no_cache_when_page_cache_seconds_is_zero(client, settings, exhibit):
    settings.PAGE_CACHE_SECONDS = 0
    _page, queries = queries_of(client, exhibit)
    assert queries > 0


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A front cache that only notes the purges it is sent."""

    received: list[tuple[str, str]] = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append((self.command, self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONT_CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge-all"
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_withdrawal_purges_the_front_cache_once_after_commit(
    built, front_cache, django_capture_on_commit_callbacks
):
    gone = built.photos[0]
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(gone.participant, actor=CURATOR, item=gone)
        assert front_cache == []
    assert front_cache == [("PURGE", "/purge-all")]


def test_withdrawal_succeeds_when_the_front_cache_is_down(
    client, built, settings, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.FRONT_CACHE_PURGE_URL = f"http://127.0.0.1:{port}/purge-all"
    gone = built.photos[0]
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(gone.participant, actor=CURATOR, item=gone)
    assert client.get(exhibit_url(built.english, gone)).status_code == 410
    assert "Could not purge the front cache" in caplog.text


def test_front_cache_is_told_to_let_go_when_consent_expires(client, built, front_cache, settings):
    """Nobody saves anything when consent expires, so the front cache is
    purged at that moment by a deferred task, and keeps no copy past it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    expiry = (timezone.now() + timedelta(minutes=5)).replace(microsecond=0)
    give_consent(built.participants[0], expires_at=expiry)
    response = client.get(exhibit_url(built.english, built.photos[0]))
    assert response["X-Accel-Expires"] == f"@{int(expiry.timestamp())}"
    purges = DBTaskResult.objects.filter(task_path=purge_front_cache.module_path)
    assert list(purges.values_list("run_after", flat=True)) == [expiry]
    client.get(exhibit_url(built.english, built.photos[1]))
    assert purges.count() == 1
