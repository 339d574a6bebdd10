"""Counting downloads the way the IAB podcast measurement rules describe.

* HEAD requests and ``Range: bytes=0-1`` probes (players checking the file
  size) never count.
* Known bots, link-preview fetchers and pre-loaders are filtered by user
  agent (:data:`NOT_LISTENERS`, a short list kept here on purpose: extend it
  when the logs show a new one). An empty user agent is not counted either.
* A listener is a salted hash of address + user agent. One listener counts at
  most once per episode in any rolling 24 hours (not per calendar day).
* A download counts once the bytes sent to that listener, as the union of the
  ranges they asked for, hold at least one minute of audio, converted with the
  file's own average byte rate (length ÷ duration); a file shorter than a
  minute must be sent whole.
* No address is stored. The hash salt rotates every UTC day and is deleted
  after three days, when no open window can need it; windows are deleted 24 h
  after they can no longer count or block a count. What remains is
  :class:`~podcast.models.DailyDownloads`: a number per episode, day and app.

The bytes counted are those the server was asked for and sent (or, on S3,
redirected to); a transfer cut short by the listener still counts as asked.
"""

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import DailyDownloads, EpisodeAudio, EpisodePage, ListenerWindow, RotatingSalt

WINDOW = timedelta(hours=24)
MINIMUM_SECONDS = 60
SALT_DAYS = 3

#: User agents that are not people listening: crawlers, link previews,
#: command-line tools, uptime monitors, podcast directories' feed checkers,
#: and the Apple Watch pre-loader (the phone's own download is counted).
NOT_LISTENERS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp"
    r"|^curl/|^wget/|python-requests|python-urllib|aiohttp|go-http-client|^java/|libwww-perl"
    r"|headlesschrome|phantomjs|lighthouse"
    r"|facebookexternalhit|whatsapp|skypeuripreview|embedly"
    r"|itms|podcastindex|podchaser|listennotes|podnews"
    r"|apple watch|watchos/"
    r"|uptimerobot|pingdom|statuscake",
    re.IGNORECASE,
)

#: Apps named in the statistics, first match wins.
APPS: list[tuple[str, re.Pattern]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("Apple Podcasts", r"^podcasts/|applecoremedia/|itunes/|apple ?podcasts"),
        ("Spotify", r"spotify"),
        ("Overcast", r"overcast"),
        ("Pocket Casts", r"pocket ?casts"),
        ("Castro", r"castro"),
        ("Castbox", r"castbox"),
        ("Podcast Addict", r"podcastaddict|podcast addict"),
        ("AntennaPod", r"antennapod"),
        ("Podverse", r"podverse"),
        ("Fountain", r"fountain"),
        ("Amazon Music", r"amazonmusic|amazon music"),
        ("Deezer", r"deezer"),
        ("YouTube Music", r"youtubemusic|youtube music"),
        ("Web browser", r"^mozilla/.*(firefox|chrome|safari|edg)"),
    ]
]
OTHER_APP = "Other"


def listener_app(user_agent: str) -> str | None:
    """The app named by ``user_agent``, or None for bots and pre-loaders."""
    user_agent = (user_agent or "").strip()
    if not user_agent or NOT_LISTENERS.search(user_agent):
        return None
    for name, pattern in APPS:
        if pattern.search(user_agent):
            return name
    return OTHER_APP


def is_probe(start: int, end: int) -> bool:
    """A request for the first byte or two only: a player checking the file."""
    return start == 0 and end <= 1


def minimum_bytes(length: int, duration_seconds: float) -> int:
    """Bytes that hold a minute of audio at the file's average byte rate; the
    whole file when it lasts a minute or less (or its duration is unknown)."""
    if duration_seconds <= MINIMUM_SECONDS or length <= 0:
        return length
    return min(length, math.ceil(length * MINIMUM_SECONDS / duration_seconds))


def merge_range(ranges: list[list[int]], start: int, end: int) -> list[list[int]]:
    """``ranges`` (sorted, disjoint, inclusive) with ``start``-``end`` added."""
    merged: list[list[int]] = []
    for first, last in sorted([*ranges, [start, end]]):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return merged


def covered_bytes(ranges: list[list[int]]) -> int:
    return sum(last - first + 1 for first, last in ranges)


@dataclass(frozen=True)
class DownloadRequest:
    """What the counter needs from one request: never stored as such."""

    method: str
    start: int
    end: int  # inclusive
    address: str
    user_agent: str


def salts(at) -> list[str]:
    """Today's salt (made if missing) and the two before it, newest first."""
    today = at.astimezone(UTC).date()
    if not RotatingSalt.objects.filter(day=today).exists():
        try:
            with transaction.atomic():
                RotatingSalt.objects.create(day=today, secret=secrets.token_hex(32))
        except IntegrityError:  # made by a concurrent request
            pass
        purge(at)
    days = [today - timedelta(days=n) for n in range(SALT_DAYS)]
    found = dict(RotatingSalt.objects.filter(day__in=days).values_list("day", "secret"))
    return [found[day] for day in days if day in found]


def listener_hash(salt: str, address: str, user_agent: str) -> str:
    return hashlib.sha256(f"{salt}\n{address}\n{user_agent}".encode()).hexdigest()


@dataclass(frozen=True)
class Purged:
    """What one purge deleted and what it had to keep."""

    windows: int
    salts: int
    windows_kept: int
    salts_kept: int


def purge(at=None) -> Purged:
    """Delete salts and listener windows no longer needed: a window once it
    can neither count nor block a count (24 h after it opened, or after it
    counted), a salt once no such window can be keyed with it. Counts are
    already in :class:`DailyDownloads` (added by the request that completed
    the download), so nothing is lost. Run by ``manage.py
    purge_listener_hashes`` (daily) and with the first download of each day."""
    at = at or timezone.now()
    today = at.astimezone(UTC).date()
    _count, salts = RotatingSalt.objects.filter(day__lte=today - timedelta(days=SALT_DAYS)).delete()
    _count, windows = ListenerWindow.objects.filter(
        Q(counted_at__isnull=True, opened_at__lte=at - WINDOW) | Q(counted_at__lte=at - WINDOW)
    ).delete()
    return Purged(
        windows=windows.get(ListenerWindow._meta.label, 0),
        salts=salts.get(RotatingSalt._meta.label, 0),
        windows_kept=ListenerWindow.objects.count(),
        salts_kept=RotatingSalt.objects.count(),
    )


def record_download(
    episode: EpisodePage, audio: EpisodeAudio, request: DownloadRequest, at=None
) -> bool:
    """Note one request for an episode's audio; True when it completes a download."""
    at = at or timezone.now()
    if request.method != "GET" or is_probe(request.start, request.end):
        return False
    app = listener_app(request.user_agent)
    if app is None:
        return False
    hashes = [listener_hash(s, request.address, request.user_agent) for s in salts(at)]
    since = at - WINDOW
    with transaction.atomic():
        windows = ListenerWindow.objects.select_for_update().filter(
            episode=episode, listener__in=hashes
        )
        if windows.filter(counted_at__gt=since).exists():
            return False
        window = (
            windows.filter(counted_at__isnull=True, opened_at__gt=since)
            .order_by("opened_at")
            .first()
        )
        if window is None:
            window = ListenerWindow(episode=episode, opened_at=at, app=app, ranges=[])
        window.listener = hashes[0]  # re-keyed to today's salt while in use
        window.ranges = merge_range(window.ranges, request.start, request.end)
        counted = covered_bytes(window.ranges) >= minimum_bytes(
            audio.length, audio.duration_seconds
        )
        if counted:
            window.counted_at = at
            window.ranges = []  # not needed any more
            _add_download(episode, timezone.localdate(at), window.app)
        window.save()
    return counted


def _add_download(episode: EpisodePage, day, app: str) -> None:
    updated = DailyDownloads.objects.filter(episode=episode, day=day, app=app).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                DailyDownloads.objects.create(episode=episode, day=day, app=app, count=1)
        except IntegrityError:
            DailyDownloads.objects.filter(episode=episode, day=day, app=app).update(
                count=F("count") + 1
            )
