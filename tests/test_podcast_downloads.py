"""Download counts by the IAB rules, with no personal data kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from podcast.downloads import (
    DownloadRequest,
    listener_app,
    merge_range,
    minimum_bytes,
    purge,
    record_download,
)
from podcast.models import DailyDownloads, ListenerWindow, RotatingSalt
from tests.builders import wav_bytes
from tests.podcast_builders import make_episode, make_show

pytestmark = pytest.mark.django_db

APPLE = "AppleCoreMedia/1.0.0.21E236 (iPhone; U; CPU OS 17_4 like Mac OS X; cs_cz)"
SPOTIFY = "Spotify/8.9.28 Android/34 (Pixel 8)"


@pytest.fixture
def episode(site_home):
    """An episode lasting 120 s: one minute of audio is about half the file."""
    return make_episode(make_show(site_home), audio=wav_bytes(seconds=120))


def get(start, end, *, ua=APPLE, address="203.0.113.7", method="GET"):
    return DownloadRequest(method=method, start=start, end=end, address=address, user_agent=ua)


def total(episode) -> int:
    return sum(DailyDownloads.objects.filter(episode=episode).values_list("count", flat=True))


def whole(audio, **kwargs):
    return get(0, audio.length - 1, **kwargs)


def test_a_whole_download_counts_once_per_app_and_day(episode):
    audio = episode.audio()
    assert record_download(episode, audio, whole(audio))
    row = DailyDownloads.objects.get(episode=episode)
    assert (row.app, row.count, row.day) == ("Apple Podcasts", 1, timezone.localdate())


def test_two_byte_probes_and_head_requests_never_count(episode):
    audio = episode.audio()
    for _ in range(3):
        assert not record_download(episode, audio, get(0, 1))
    assert not record_download(episode, audio, whole(audio, method="HEAD"))
    assert total(episode) == 0
    assert not ListenerWindow.objects.exists()


def test_the_same_listener_counts_once_within_24_hours_and_again_after(episode):
    audio = episode.audio()
    start = timezone.now()
    assert record_download(episode, audio, whole(audio), at=start)
    assert not record_download(episode, audio, whole(audio), at=start + timedelta(hours=1))
    assert not record_download(
        episode, audio, whole(audio), at=start + timedelta(hours=23, minutes=59)
    )
    assert total(episode) == 1
    assert record_download(episode, audio, whole(audio), at=start + timedelta(hours=24, seconds=1))
    assert total(episode) == 2


def test_the_window_is_rolling_not_a_calendar_day(episode):
    audio = episode.audio()
    late = timezone.now().replace(hour=23, minute=50)
    assert record_download(episode, audio, whole(audio), at=late)
    # Twenty minutes later it is another day (and another salt), same listener.
    assert not record_download(episode, audio, whole(audio), at=late + timedelta(minutes=20))
    assert total(episode) == 1


def test_another_listener_or_app_counts_separately(episode):
    audio = episode.audio()
    assert record_download(episode, audio, whole(audio))
    assert record_download(episode, audio, whole(audio, address="198.51.100.2"))
    assert record_download(episode, audio, whole(audio, ua=SPOTIFY))
    apps = dict(DailyDownloads.objects.filter(episode=episode).values_list("app", "count"))
    assert apps == {"Apple Podcasts": 2, "Spotify": 1}


def test_partial_ranges_count_once_they_sum_past_one_minute(episode):
    audio = episode.audio()
    needed = minimum_bytes(audio.length, audio.duration_seconds)
    # About half of the 120 s file (its MP3 copy lasts a few milliseconds longer).
    assert abs(needed - audio.length // 2) < audio.length // 100
    third = needed // 3
    assert not record_download(episode, audio, get(0, third - 1))
    # The same bytes again add nothing.
    assert not record_download(episode, audio, get(0, third - 1))
    assert not record_download(episode, audio, get(third, 2 * third - 1))
    assert total(episode) == 0
    assert record_download(episode, audio, get(2 * third, needed + 10))
    assert total(episode) == 1
    assert not record_download(episode, audio, get(needed + 11, audio.length - 1))
    assert total(episode) == 1


def test_less_than_a_minute_of_audio_does_not_count(episode):
    audio = episode.audio()
    needed = minimum_bytes(audio.length, audio.duration_seconds)
    assert not record_download(episode, audio, get(0, needed - 2))
    assert total(episode) == 0


def test_a_short_file_must_be_sent_whole(site_home):
    episode = make_episode(make_show(site_home), audio=wav_bytes(seconds=20))
    audio = episode.audio()
    assert minimum_bytes(audio.length, audio.duration_seconds) == audio.length
    assert not record_download(episode, audio, get(0, audio.length - 2))
    assert record_download(episode, audio, get(audio.length - 1, audio.length - 1))


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "curl/8.5.0",
        "python-requests/2.32",
        "facebookexternalhit/1.1",
        "iTMS",
        "AppleCoreMedia/1.0.0.20R362 (Apple Watch; U; CPU OS 10_4 like Mac OS X; en_us)",
        "Podcasts/1585.0.1 CFNetwork watchOS/10.4",
    ],
)
def test_bots_and_preloaders_are_not_counted(episode, user_agent):
    audio = episode.audio()
    assert listener_app(user_agent) is None
    assert not record_download(episode, audio, whole(audio, ua=user_agent))
    assert total(episode) == 0


@pytest.mark.parametrize(
    ("user_agent", "app"),
    [
        (APPLE, "Apple Podcasts"),
        ("Podcasts/1585.0.1 CFNetwork/1494.0.7 Darwin/23.4.0", "Apple Podcasts"),
        (SPOTIFY, "Spotify"),
        ("Overcast/3.0 (+http://overcast.fm/; iOS podcast app)", "Overcast"),
        ("Pocket Casts", "Pocket Casts"),
        ("AntennaPod/3.4.0", "AntennaPod"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Web browser"),
        ("SomethingNew/1.0", "Other"),
    ],
)
def test_the_app_is_named_from_the_user_agent(user_agent, app):
    assert listener_app(user_agent) == app


def test_no_address_is_stored_and_salts_rotate_away(episode):
    audio = episode.audio()
    start = timezone.now()
    record_download(episode, audio, get(0, 1000, address="203.0.113.7"), at=start)
    window = ListenerWindow.objects.get()
    stored = " ".join(str(value) for value in window.__dict__.values())
    assert "203.0.113.7" not in stored and APPLE not in stored
    assert len(window.listener) == 64

    later = start + timedelta(days=4)
    record_download(episode, audio, get(0, 1000, address="198.51.100.9"), at=later)
    purge(later)
    days = set(RotatingSalt.objects.values_list("day", flat=True))
    assert days == {later.astimezone(timezone.get_fixed_timezone(0)).date()}
    assert ListenerWindow.objects.count() == 1  # only the new listener's open window


def test_counting_through_the_enclosure_address(client, episode):
    audio = episode.audio()
    url = episode.enclosure_path(audio)
    client.head(url, HTTP_USER_AGENT=APPLE)
    client.get(url, HTTP_RANGE="bytes=0-1", HTTP_USER_AGENT=APPLE)
    client.get(url, HTTP_USER_AGENT="Googlebot/2.1")
    assert total(episode) == 0
    half = audio.length // 2
    client.get(url, HTTP_RANGE=f"bytes=0-{half}", HTTP_USER_AGENT=APPLE)
    client.get(url, HTTP_RANGE=f"bytes={half + 1}-", HTTP_USER_AGENT=APPLE)
    client.get(url, HTTP_USER_AGENT=APPLE)
    assert total(episode) == 1


def test_merge_range_joins_touching_and_overlapping_parts():
    assert merge_range([[0, 9], [20, 29]], 10, 19) == [[0, 29]]
    assert merge_range([[0, 9]], 5, 14) == [[0, 14]]
    assert merge_range([[0, 9]], 30, 39) == [[0, 9], [30, 39]]
