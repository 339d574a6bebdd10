"""Our own checks of a podcast feed against what Apple Podcasts, Spotify and
the Podcasting 2.0 namespace require: every rule the issue lists, each with a
code, so tests and ``manage.py check_podcast_feed`` report the same things.

:func:`check_feed_xml` reads only the document. :func:`check_feed_resources`
also fetches what the feed points to (artwork, enclosures with HEAD and
``Range: bytes=0-1``, transcripts, chapters) through a ``fetch`` callable, so
it runs against the test client or a real server alike.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from media_pipeline.audio import probe_audio
from media_pipeline.exceptions import MediaError

from .artwork import ArtworkError, check_artwork
from .categories import is_valid_category
from .feed import ATOM, CONTENT, ITUNES, PODCAST, podcast_guid
from .transcripts import TranscriptError, parse_webvtt

DESCRIPTION_MAX_BYTES = 4000
#: Roles of the podcast taxonomy's "cast" group that we use or accept.
PERSON_ROLES = {"host", "co-host", "guest host", "guest", "narrator", "voice actor", "announcer"}
_MEDIUMS = (
    "podcast",
    "music",
    "video",
    "film",
    "audiobook",
    "newsletter",
    "blog",
    "publisher",
    "course",
)
#: podcast:medium values the namespace lists: each medium, its list variant
#: ("podcastL": a feed listing other feeds) and "mixed".
MEDIUMS = {*_MEDIUMS, *(f"{medium}L" for medium in _MEDIUMS), "mixed"}
#: What Apple's "Podcaster's guide to RSS" lists for enclosures (PDF aside):
#: file extensions (which decide whether Apple shows the episode at all) and
#: their MIME types. Other audio (WAV, FLAC, Ogg) plays in many apps, so it is
#: a warning here, not an error; but Apple will not list such an episode.
APPLE_ENCLOSURE_EXTENSIONS = {"m4a", "mp3", "mov", "mp4", "m4v"}
APPLE_ENCLOSURE_TYPES = {"audio/x-m4a", "audio/mpeg", "video/quicktime", "video/mp4", "video/x-m4v"}
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
#: Hosts where a plain-http address is expected (development and tests).
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "testserver"}
CHECKER_USER_AGENT = "PhotoVoice-feed-check/1.0 (bot)"
_RFC2822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT|UT|[A-Z]{3})$"
)


def q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    where: str = "channel"

    def __str__(self) -> str:
        return f"[{self.code}] {self.where}: {self.message}"


@dataclass
class FeedReport:
    """Findings are errors (a directory refuses or misreads the feed);
    warnings are what works in most apps but not everywhere."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    items: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, code: str, message: str, where: str = "channel") -> None:
        self.findings.append(Finding(code, message, where))

    def warn(self, code: str, message: str, where: str = "channel") -> None:
        self.warnings.append(Finding(code, message, where))


def _text(element, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _declared_namespaces(body: bytes) -> set[str]:
    events = ET.iterparse(_bytes_io(body), events=["start-ns"])  # noqa: S314 (see _parse)
    return {uri for _event, (_prefix, uri) in events}


def _bytes_io(body: bytes):
    import io

    return io.BytesIO(body)


def check_feed_xml(body: bytes) -> tuple[FeedReport, ET.Element | None]:
    """Check the feed document itself. Returns the report and the parsed root."""
    report = FeedReport()
    try:
        # expat (2.4.1+, bundled with Python 3.11) refuses entity-expansion
        # bombs and never fetches external entities, so plain ElementTree is
        # safe for the feeds this reads.
        root = ET.fromstring(body)  # noqa: S314
    except ET.ParseError as e:
        report.add("xml", f"not well-formed XML: {e}")
        return report, None
    if root.tag != "rss" or root.get("version") != "2.0":
        report.add("rss", 'the root element must be <rss version="2.0">')
    declared = _declared_namespaces(body)
    for uri, prefix in ((ITUNES, "itunes"), (PODCAST, "podcast")):
        if uri not in declared:
            report.add("namespace", f"the {prefix} namespace ({uri}) is not declared")
    if root.find(f".//{q(CONTENT, 'encoded')}") is not None and CONTENT not in declared:
        report.add("namespace", "content:encoded is used but the content namespace is missing")
    channel = root.find("channel")
    if channel is None:
        report.add("rss", "no <channel>")
        return report, root
    _check_channel(channel, report)
    _check_https(root, report)
    items = channel.findall("item")
    report.items = len(items)
    guids: set[str] = set()
    for index, item in enumerate(items, start=1):
        _check_item(item, f"item {index}", guids, report)
    if _text(channel, q(ITUNES, "type")) == "serial":
        for index, item in enumerate(items, start=1):
            if not _text(item, q(ITUNES, "episode")).isdigit():
                report.add(
                    "serial", "a serial show needs itunes:episode on every episode", f"item {index}"
                )
    return report, root


def _check_channel(channel, report: FeedReport) -> None:
    for tag in ("title", "link", "description", "language"):
        if not _text(channel, tag):
            report.add("required", f"<{tag}> is missing or empty")
    description = _text(channel, "description")
    if len(description.encode("utf-8")) > DESCRIPTION_MAX_BYTES:
        report.add("description", "the show description is over 4000 bytes")
    image = channel.find(q(ITUNES, "image"))
    href = image.get("href", "") if image is not None else ""
    if not href:
        report.add("required", "itunes:image with an href is missing")
    elif not href.lower().endswith((".jpg", ".jpeg", ".png")):
        report.add("artwork", "itunes:image must point at a .jpg or .png file")
    categories = channel.findall(q(ITUNES, "category"))
    if not categories:
        report.add("required", "itunes:category is missing")
    for category in categories:
        sub = category.find(q(ITUNES, "category"))
        if not is_valid_category(
            category.get("text", ""), sub.get("text", "") if sub is not None else ""
        ):
            report.add("category", f"not an Apple category: {category.get('text')!r}")
    if _text(channel, q(ITUNES, "explicit")) not in ("true", "false"):
        report.add("explicit", "itunes:explicit must be 'true' or 'false'")
    if not _text(channel, q(ITUNES, "author")):
        report.add("recommended", "itunes:author is missing")
    owner = channel.find(q(ITUNES, "owner"))
    if owner is None or not _text(owner, q(ITUNES, "email")):
        report.add("recommended", "itunes:owner with itunes:email is missing")
    show_type = _text(channel, q(ITUNES, "type"))
    if show_type not in ("episodic", "serial"):
        report.add("type", "itunes:type must be 'episodic' or 'serial'")
    self_link = channel.find(q(ATOM, "link"))
    feed_url = self_link.get("href", "") if self_link is not None else ""
    if not feed_url:
        report.add("self", 'atom:link rel="self" with the feed address is missing')
    guid = _text(channel, q(PODCAST, "guid"))
    if not guid:
        report.add("podcast-guid", "podcast:guid is missing")
    elif not _UUID.match(guid):
        report.add("podcast-guid", f"podcast:guid {guid!r} is not a UUID")
    elif feed_url and guid != podcast_guid(feed_url):
        # Assigned once from the first feed address, then kept for life.
        report.warn(
            "podcast-guid",
            f"podcast:guid {guid} is not the UUIDv5 of {feed_url}: right only if the feed moved",
        )
    locked = channel.find(q(PODCAST, "locked"))
    if locked is None or (locked.text or "").strip() not in ("yes", "no"):
        report.add("podcast-locked", "podcast:locked must be 'yes' or 'no'")
    medium = _text(channel, q(PODCAST, "medium"))
    if medium and medium not in MEDIUMS:
        report.add("podcast-medium", f"unknown podcast:medium {medium!r}")


def _check_https(root: ET.Element, report: FeedReport) -> None:
    """The podcast namespace wants every address it carries as https (and
    Apple asks for https throughout); plain http on a local host is fine."""
    for element in root.iter():
        if not element.tag.startswith(f"{{{PODCAST}}}"):
            continue
        for attribute in ("url", "href", "img"):
            address = element.get(attribute, "")
            host = urlsplit(address).hostname or ""
            if address.startswith("http:") and host not in LOCAL_HOSTS:
                name = element.tag.rpartition("}")[2]
                report.warn("https", f"podcast:{name} {attribute} is not https: {address}")


def _check_item(item, where: str, guids: set[str], report: FeedReport) -> None:
    if not _text(item, "title"):
        report.add("required", "<title> is missing", where)
    enclosure = item.find("enclosure")
    if enclosure is None:
        report.add("required", "<enclosure> is missing", where)
    else:
        if not enclosure.get("url"):
            report.add("enclosure", "enclosure has no url", where)
        if not (enclosure.get("length") or "").isdigit() or int(enclosure.get("length")) <= 0:
            report.add("enclosure", "enclosure length must be the file size in bytes", where)
        enclosure_type = enclosure.get("type") or ""
        if not enclosure_type.startswith("audio/"):
            report.add("enclosure", "enclosure type must be an audio MIME type", where)
        else:
            extension = urlsplit(enclosure.get("url") or "").path.rpartition(".")[2].lower()
            if (
                enclosure_type not in APPLE_ENCLOSURE_TYPES
                or extension not in APPLE_ENCLOSURE_EXTENSIONS
            ):
                report.warn(
                    "enclosure-format",
                    f"Apple Podcasts does not list {enclosure_type} (.{extension}) and will not"
                    " show this episode: publish MP3 or M4A for Apple",
                    where,
                )
    guid = _text(item, "guid")
    if not guid:
        report.add("required", "<guid> is missing", where)
    elif guid in guids:
        report.add("guid", f"guid {guid} is used twice", where)
    guids.add(guid)
    pub_date = _text(item, "pubDate")
    try:
        if not _RFC2822.match(pub_date):
            raise ValueError(pub_date)
        parsedate_to_datetime(pub_date)
    except (TypeError, ValueError):
        report.add("pubdate", f"pubDate is not an RFC 2822 date: {pub_date!r}", where)
    duration = _text(item, q(ITUNES, "duration"))
    if not duration.isdigit():
        report.add("duration", f"itunes:duration must be whole seconds: {duration!r}", where)
    explicit = item.find(q(ITUNES, "explicit"))
    if explicit is not None and (explicit.text or "").strip() not in ("true", "false"):
        report.add("explicit", "itunes:explicit must be 'true' or 'false'", where)
    episode_type = _text(item, q(ITUNES, "episodeType"))
    if episode_type and episode_type not in ("full", "trailer", "bonus"):
        report.add("episode-type", f"unknown itunes:episodeType {episode_type!r}", where)
    for tag in ("season", "episode"):
        value = _text(item, q(ITUNES, tag))
        if value and not (value.isdigit() and int(value) > 0):
            report.add("numbers", f"itunes:{tag} must be a positive whole number", where)
    if len(_text(item, "description").encode("utf-8")) > DESCRIPTION_MAX_BYTES:
        report.add("description", "the episode description is over 4000 bytes", where)
    for transcript in item.findall(q(PODCAST, "transcript")):
        if not transcript.get("url") or not transcript.get("type"):
            report.add("podcast-transcript", "podcast:transcript needs url and type", where)
    for chapters in item.findall(q(PODCAST, "chapters")):
        if not chapters.get("url") or chapters.get("type") != "application/json+chapters":
            report.add("podcast-chapters", "podcast:chapters needs url and the JSON type", where)
    for person in item.findall(q(PODCAST, "person")):
        name = (person.text or "").strip()
        if not name:
            report.add("podcast-person", "podcast:person needs a name", where)
        elif len(name) > 128:
            report.add("podcast-person", "podcast:person name is over 128 characters", where)
        if person.get("role", "host").lower() not in PERSON_ROLES:
            report.add("podcast-person", f"unknown role {person.get('role')!r}", where)
    location = item.find(q(PODCAST, "location"))
    if location is not None and len((location.text or "").strip()) > 128:
        report.add("podcast-location", "podcast:location text is over 128 characters", where)


# Fetching what the feed points to ------------------------------------------

#: fetch(url, method, headers) -> (status, headers (lower-case names), body)
Fetch = Callable[[str, str, dict], tuple[int, dict, bytes]]


def check_feed_resources(root: ET.Element, fetch: Fetch, report: FeedReport) -> None:
    """Fetch artwork, enclosures, transcripts and chapters and check them."""
    channel = root.find("channel")
    if channel is None:
        return
    image = channel.find(q(ITUNES, "image"))
    if image is not None and image.get("href"):
        status, _headers, body = fetch(image.get("href"), "GET", {})
        if status != 200:
            report.add("artwork", f"artwork answers {status}")
        else:
            try:
                _clean, extension = check_artwork(body)
            except ArtworkError as e:
                report.add("artwork", str(e.reason))
            else:
                named = urlsplit(image.get("href")).path.rpartition(".")[2].lower()
                if named.replace("jpeg", "jpg") != extension:
                    report.add("artwork", f"artwork named .{named} is a {extension.upper()} file")
    for index, item in enumerate(channel.findall("item"), start=1):
        where = f"item {index}"
        enclosure = item.find("enclosure")
        if enclosure is not None and enclosure.get("url"):
            _check_enclosure(item, enclosure, fetch, report, where)
        for transcript in item.findall(q(PODCAST, "transcript")):
            _check_transcript(transcript.get("url", ""), fetch, report, where)
        for chapters in item.findall(q(PODCAST, "chapters")):
            _check_chapters(chapters.get("url", ""), fetch, report, where)


def _check_enclosure(item, enclosure, fetch: Fetch, report: FeedReport, where: str) -> None:
    url, length = enclosure.get("url"), enclosure.get("length", "")
    status, headers, _body = fetch(url, "HEAD", {})
    if status != 200:
        report.add("enclosure-head", f"HEAD answers {status}", where)
    elif headers.get("content-length") != length:
        report.add(
            "enclosure-length",
            f"HEAD Content-Length {headers.get('content-length')} is not the feed's {length}",
            where,
        )
    status, headers, body = fetch(url, "GET", {"Range": "bytes=0-1"})
    if status != 206:
        report.add("enclosure-range", f"Range: bytes=0-1 answers {status}, not 206", where)
    elif headers.get("content-range") != f"bytes 0-1/{length}" or len(body) != 2:
        report.add(
            "enclosure-range",
            f"Content-Range {headers.get('content-range')!r} does not match length {length}",
            where,
        )
    status, headers, body = fetch(url, "GET", {})
    if status != 200:
        report.add("enclosure", f"GET answers {status}", where)
        return
    if str(len(body)) != length:
        report.add("enclosure-length", f"{len(body)} bytes served, the feed says {length}", where)
    if headers.get("content-type", "").split(";")[0] != enclosure.get("type"):
        report.add("enclosure-type", f"served as {headers.get('content-type')}", where)
    try:
        info = probe_audio(body)
    except MediaError as e:
        report.add("enclosure-audio", f"not audio we can read: {e.code}", where)
        return
    duration = _text(item, q(ITUNES, "duration"))
    if duration.isdigit() and abs(int(duration) - info.duration_seconds) > 1:
        report.add(
            "duration",
            f"itunes:duration {duration} s, the file lasts {info.duration_seconds:.1f} s",
            where,
        )


def _check_transcript(url: str, fetch: Fetch, report: FeedReport, where: str) -> None:
    status, headers, body = fetch(url, "GET", {})
    if status != 200:
        report.add("transcript", f"transcript answers {status}", where)
        return
    if headers.get("content-type", "").split(";")[0] != "text/vtt":
        report.add("transcript", f"transcript served as {headers.get('content-type')}", where)
    try:
        parse_webvtt(body.decode("utf-8"))
    except (UnicodeDecodeError, TranscriptError) as e:
        report.add("transcript", f"not valid WebVTT: {e}", where)


def _check_chapters(url: str, fetch: Fetch, report: FeedReport, where: str) -> None:
    status, _headers, body = fetch(url, "GET", {})
    if status != 200:
        report.add("chapters", f"chapters answer {status}", where)
        return
    try:
        document = json.loads(body)
    except ValueError:
        report.add("chapters", "chapters are not JSON", where)
        return
    if document.get("version") != "1.2.0" or not isinstance(document.get("chapters"), list):
        report.add("chapters", "chapters must be JSON Chapters 1.2.0 with a list", where)
        return
    for chapter in document["chapters"]:
        if not isinstance(chapter.get("startTime"), int | float) or not chapter.get("title"):
            report.add("chapters", "every chapter needs startTime and title", where)


def check_conditional_get(feed_url: str, fetch: Fetch, report: FeedReport) -> None:
    """A repeated request with the feed's ETag must answer 304."""
    status, headers, _body = fetch(feed_url, "GET", {})
    etag = headers.get("etag")
    if not etag or not headers.get("last-modified"):
        report.add("caching", "the feed has no ETag or Last-Modified")
        return
    status, _headers, _body = fetch(feed_url, "GET", {"If-None-Match": etag})
    if status != 304:
        report.add("caching", f"If-None-Match with the ETag answers {status}, not 304")


def check_feed(feed_url: str, fetch: Fetch) -> FeedReport:
    """Every check: the document, what it points to, and conditional GET."""
    status, _headers, body = fetch(feed_url, "GET", {})
    if status != 200:
        report = FeedReport()
        report.add("feed", f"the feed answers {status}")
        return report
    report, root = check_feed_xml(body)
    if root is not None:
        check_feed_resources(root, fetch, report)
    check_conditional_get(feed_url, fetch, report)
    return report
