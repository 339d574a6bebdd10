"""Listening on the site, the curators' admin views, and the demo podcast."""

import re

import pytest
from django.contrib.auth import get_user_model

from podcast.feed_checks import check_feed
from podcast.models import DailyDownloads, EpisodePage, PodcastShowPage
from tests.builders import run_command, use_local_public_storage
from tests.podcast_builders import (
    TRANSCRIPT,
    make_episode,
    make_show,
    make_testimony_episode,
    site_fetch,
)
from tests.test_podcast_feed import CHAPTERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_public_files(settings, tmp_path):
    """These tests read enclosures and artwork through our own views; keep the
    public files local in the PostgreSQL + S3 pass too (where the enclosure
    redirects to the object store instead, tested separately)."""
    use_local_public_storage(settings, tmp_path)


def test_episode_page_has_player_chapters_and_transcript_without_inline_scripts(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show, transcript_vtt=TRANSCRIPT, chapters=CHAPTERS)
    html = client.get(episode.url).content.decode()
    audio = episode.audio()
    assert f'<source src="{episode.enclosure_path(audio)}" type="audio/mpeg">' in html
    assert '<audio id="episode-audio" controls preload="metadata"' in html
    assert f'src="{episode.transcript_path()}" srclang="cs"' in html
    assert 'data-start="30" data-seek><span class="timecode">0:30</span> Příjezd do Prahy' in html
    assert "<strong>Olga:</strong> Přišla jsem v zimě &amp; bylo to &lt;těžké&gt;." in html
    assert '<html lang="cs"' in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(' src="/static/' in tag for tag in scripts)
    assert all(
        not body.strip() for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    )
    assert "rss+xml" in html


def test_show_page_lists_only_episodes_in_the_feed(client, site_home):
    show = make_show(site_home)
    heard = make_episode(show)
    draft = make_episode(show, title="Koncept")
    draft.unpublish()
    html = client.get(show.url).content.decode()
    assert heard.title in html and "Koncept" not in html


def test_curators_see_downloads_and_withheld_episodes_in_the_admin(client, site_home):
    show = make_show(site_home)
    episode, testimony = make_testimony_episode(show)
    DailyDownloads.objects.create(episode=episode, day="2026-01-05", app="Spotify", count=3)
    admin = get_user_model().objects.create_superuser("podcast-admin", "a@example.org", "x")
    client.force_login(admin)
    html = client.get("/admin/podcast/downloads/").content.decode()
    assert episode.title in html and "Spotify: 3" in html

    from photovoice.archive.consent import Actor, withdraw_consent
    from photovoice.archive.models import Scope

    withdraw_consent(testimony.participant, actor=Actor("t"), item=testimony, scope=Scope.PODCAST)
    attention = client.get("/admin/podcast/attention/").content.decode()
    assert episode.title in attention
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/podcast/attention/" in dashboard


def test_the_demo_podcast_passes_our_checks_in_both_languages(
    client, site_home, django_capture_on_commit_callbacks
):
    from photovoice.demo.archive import ensure_demo_archive
    from photovoice.demo.podcast import ensure_demo_podcast

    # As in load_demo: one transaction, public audio copies made after commit.
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo_archive()
        show = ensure_demo_podcast()
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo_podcast()  # again: nothing is duplicated
    shows = PodcastShowPage.objects.live().filter(feed_slug=show.feed_slug)
    assert sorted(s.locale.language_code for s in shows) == ["cs", "en"]
    assert EpisodePage.objects.child_of(show).count() == 4
    assert EpisodePage.objects.child_of(show).filter(testimony__isnull=False).count() == 1
    assert EpisodePage.objects.child_of(show).exclude(transcript_vtt="").count() >= 2
    assert EpisodePage.objects.child_of(show).exclude(chapters=[]).count() >= 2
    for each in shows:
        report = check_feed(each.feed_url(), site_fetch(client))
        assert report.ok, [str(f) for f in report.findings]
        assert report.items == 4


def test_check_podcast_feed_command_reports_success_and_failure(site_home):
    show = make_show(site_home)
    make_episode(show)
    result = run_command("check_podcast_feed", "no-such-show")
    assert result.status != 0 and "no-such-show" in result.err
