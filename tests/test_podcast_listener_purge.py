"""Listener hashes and their salts do not outlive the 24-hour counting window:
``purge_listener_hashes`` (run daily) deletes them, and so does the first
download of each day on a site whose operator forgot the schedule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from podcast.downloads import DownloadRequest, record_download
from podcast.models import DailyDownloads, ListenerWindow, RotatingSalt
from tests.builders import run_command, wav_bytes
from tests.podcast_builders import make_episode, make_show

pytestmark = pytest.mark.django_db

APPLE = "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; cs_cz)"


@pytest.fixture
def episode(site_home):
    return make_episode(make_show(site_home), audio=wav_bytes(seconds=120))


def window(episode, listener: str, opened_hours_ago: float, counted_hours_ago=None):
    now = timezone.now()
    return ListenerWindow.objects.create(
        episode=episode,
        listener=listener,
        opened_at=now - timedelta(hours=opened_hours_ago),
        counted_at=None if counted_hours_ago is None else now - timedelta(hours=counted_hours_ago),
        app="Apple Podcasts",
        ranges=[[0, 99]] if counted_hours_ago is None else [],
    )


def salt_days_ago(days: int) -> RotatingSalt:
    day = timezone.now().astimezone(timezone.get_fixed_timezone(0)).date() - timedelta(days=days)
    return RotatingSalt.objects.create(day=day, secret=f"{days:064d}")


def test_purge_command_deletes_what_can_no_longer_count_and_is_idempotent(episode):
    window(episode, "a" * 64, opened_hours_ago=1)  # still open
    window(episode, "b" * 64, opened_hours_ago=25)  # never reached a minute
    window(episode, "c" * 64, opened_hours_ago=30, counted_hours_ago=23)  # still blocks a recount
    window(episode, "d" * 64, opened_hours_ago=40, counted_hours_ago=25)  # done
    for days in (0, 1, 2, 3, 10):
        salt_days_ago(days)
    DailyDownloads.objects.create(episode=episode, day="2026-01-05", app="Apple Podcasts", count=2)

    result = run_command("purge_listener_hashes")
    assert result.status == 0
    assert result.out.strip() == (
        "Listener hashes deleted: 2 (kept 2 still inside their 24-hour window). "
        "Salts deleted: 2 (kept 3)."
    )
    assert sorted(ListenerWindow.objects.values_list("listener", flat=True)) == ["a" * 64, "c" * 64]
    assert RotatingSalt.objects.count() == 3
    assert DailyDownloads.objects.get(episode=episode).count == 2  # counts are never touched

    again = run_command("purge_listener_hashes")
    assert again.status == 0
    assert again.out.strip() == (
        "Listener hashes deleted: 0 (kept 2 still inside their 24-hour window). "
        "Salts deleted: 0 (kept 3)."
    )


def test_the_first_download_of_a_day_purges_without_the_schedule(episode):
    window(episode, "b" * 64, opened_hours_ago=50)
    window(episode, "d" * 64, opened_hours_ago=60, counted_hours_ago=40)
    salt_days_ago(5)
    audio = episode.audio()
    request = DownloadRequest("GET", 0, audio.length - 1, "203.0.113.7", APPLE)

    assert record_download(episode, audio, request)

    assert ListenerWindow.objects.count() == 1  # the new listener's own window
    assert not ListenerWindow.objects.filter(listener__in=["b" * 64, "d" * 64]).exists()
    assert [salt.day for salt in RotatingSalt.objects.all()] == [
        timezone.now().astimezone(timezone.get_fixed_timezone(0)).date()
    ]
