"""The RSS 2.0 feed of one show in one language.

Built with the standard library's ElementTree, not a template: the library
escapes every text and attribute, so the feed stays well-formed whatever
curators type (ampersands, angle brackets, Cyrillic, Vietnamese, emoji).
The one thing escaping cannot fix, characters XML 1.0 forbids (most C0
controls), is removed by :func:`podcast.text.xml_safe` on the way in.

Namespaces: ``itunes`` (Apple), ``content`` (show notes as HTML), ``podcast``
(Podcasting 2.0) and ``atom`` (the feed's own address).
"""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from django.utils import timezone

from .models import EpisodePage, PodcastShowPage, ShowType
from .models.shows import DESCRIPTION_MAX_BYTES
from .text import rich_text_html, truncate_bytes, xml_safe

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NAMESPACES = {"itunes": ITUNES, "content": CONTENT, "podcast": PODCAST, "atom": ATOM}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

#: The namespace the Podcasting 2.0 spec fixes for ``podcast:guid``.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
GENERATOR = "PhotoVoice archive"


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid`` as the spec derives it: UUIDv5 over the feed URL with
    the scheme (``https://``) and any trailing slashes removed."""
    address = feed_url.strip()
    if "://" in address:
        address = address.split("://", 1)[1]
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address.rstrip("/")))


def rfc2822(moment: datetime) -> str:
    """A date as RSS wants it: ``Wed, 02 Oct 2002 13:00:00 GMT``."""
    return format_datetime(moment.astimezone(timezone.get_fixed_timezone(0)), usegmt=True)


def _q(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}" if prefix else name


def _add(parent: ET.Element, tag: str, text=None, **attributes) -> ET.Element:
    prefix, _, name = tag.rpartition(":")
    element = ET.SubElement(
        parent,
        _q(prefix, name),
        {k.rstrip("_"): xml_safe(str(v)) for k, v in attributes.items() if v not in (None, "")},
    )
    if text is not None:
        element.text = xml_safe(str(text))
    return element


@dataclass(frozen=True)
class FeedItem:
    episode: EpisodePage
    enclosure_url: str


def absolute(base: str, path: str) -> str:
    return path if "://" in path else base + path


def file_url(base: str, field_file) -> str:
    return absolute(base, field_file.url)


def feed_episodes(show: PodcastShowPage, at=None) -> list[EpisodePage]:
    """The episodes in this show's feed now: newest first (serial: in order)."""
    episodes = EpisodePage.objects.child_of(show).in_feed(at).select_related("testimony")
    if show.show_type == ShowType.SERIAL:
        return list(episodes.order_by("season", "episode_number", "pub_date"))
    return list(episodes.order_by("-pub_date", "-pk"))


def build_feed(show: PodcastShowPage, at=None) -> bytes:
    """The feed document, as UTF-8 bytes."""
    return render_feed(show, at)[0]


def render_feed(show: PodcastShowPage, at=None) -> tuple[bytes, datetime]:
    """The feed document and when its content last changed."""
    at = at or timezone.now()
    feed_url = show.feed_url()
    base = feed_url.split("/podcast/", 1)[0]
    episodes = feed_episodes(show, at)

    rss = ET.Element("rss", {"version": "2.0"})
    channel = _add(rss, "channel")
    _add(channel, "atom:link", href=feed_url, rel="self", type="application/rss+xml")
    _add(channel, "title", show.title)
    _add(channel, "link", absolute(base, show.get_url() or "/"))
    _add(channel, "description", truncate_bytes(show.description, DESCRIPTION_MAX_BYTES))
    _add(channel, "language", show.language)
    if show.copyright:
        _add(channel, "copyright", show.copyright)
    _add(channel, "generator", GENERATOR)
    modified = last_modified(show, episodes, at)
    _add(channel, "lastBuildDate", rfc2822(modified))
    if show.artwork:
        artwork_url = file_url(base, show.artwork)
        image = _add(channel, "image")
        _add(image, "url", artwork_url)
        _add(image, "title", show.title)
        _add(image, "link", absolute(base, show.get_url() or "/"))
        _add(channel, "itunes:image", href=artwork_url)
    category = _add(channel, "itunes:category", text_=show.category)
    if show.subcategory:
        _add(category, "itunes:category", text_=show.subcategory)
    _add(channel, "itunes:explicit", "true" if show.explicit else "false")
    _add(channel, "itunes:author", show.author)
    owner = _add(channel, "itunes:owner")
    _add(owner, "itunes:name", show.owner_name)
    _add(owner, "itunes:email", show.owner_email)
    serial = show.show_type == ShowType.SERIAL and all(
        e.episode_number is not None for e in episodes
    )
    _add(channel, "itunes:type", "serial" if serial else "episodic")
    _add(channel, "podcast:guid", show.podcast_guid or podcast_guid(feed_url))
    _add(channel, "podcast:locked", "yes" if show.podcast_locked else "no", owner=show.owner_email)
    _add(channel, "podcast:medium", "podcast")
    if show.license_name:
        _add(channel, "podcast:license", show.license_name, url=show.license_url)

    for episode in episodes:
        audio = episode.audio()
        if audio is None:
            continue
        _add_item(channel, episode, audio, base)

    ET.indent(rss, space="  ")
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n", modified


def _add_item(channel: ET.Element, episode: EpisodePage, audio, base: str) -> None:
    item = _add(channel, "item")
    _add(item, "title", episode.title)
    _add(item, "itunes:title", episode.title)
    _add(item, "description", episode.plain_description())
    _add(item, "content:encoded", rich_text_html(episode.show_notes))
    _add(item, "link", absolute(base, episode.get_url() or "/"))
    _add(item, "guid", str(episode.guid), isPermaLink="false")
    _add(item, "pubDate", rfc2822(episode.pub_date))
    _add(
        item,
        "enclosure",
        url=absolute(base, episode.enclosure_path(audio)),
        length=str(audio.length),
        type=audio.mime_type,
    )
    _add(item, "itunes:duration", str(round(audio.duration_seconds)))
    _add(item, "itunes:episodeType", episode.episode_type)
    if episode.season is not None:
        _add(item, "itunes:season", str(episode.season))
    if episode.episode_number is not None:
        _add(item, "itunes:episode", str(episode.episode_number))
    _add(item, "itunes:explicit", "true" if episode.explicit else "false")
    if episode.artwork:
        _add(item, "itunes:image", href=file_url(base, episode.artwork))
    if episode.transcript().strip():
        _add(
            item,
            "podcast:transcript",
            url=absolute(base, episode.transcript_path()),
            type="text/vtt",
            language=episode.transcript_language(),
            rel="captions",
        )
    if episode.chapters:
        _add(
            item,
            "podcast:chapters",
            url=absolute(base, episode.chapters_path()),
            type="application/json+chapters",
        )
    for person in episode.person_list():
        _add(
            item,
            "podcast:person",
            person["name"],
            role=person["role"],
            group="cast",
            href=person["href"],
            img=person["img"],
        )
    if episode.location_name:
        _add(
            item,
            "podcast:location",
            episode.location_name[:128],
            geo=episode.location_geo,
            osm=episode.location_osm,
        )


def last_modified(show: PodcastShowPage, episodes: list[EpisodePage], at) -> datetime:
    """When the feed last changed: the newest of the pages' publications, the
    episodes' release times and the latest consent change (a withdrawal drops
    an episode without any page being republished)."""
    from photovoice.archive.models import AuditEvent

    moments = [show.last_published_at or show.latest_revision_created_at or at]
    for episode in episodes:
        moments += [episode.last_published_at, episode.pub_date]
    latest_consent = AuditEvent.objects.order_by("-at").values_list("at", flat=True).first()
    if latest_consent is not None:
        moments.append(latest_consent)
    return min(max(m for m in moments if m is not None), at)


def chapters_document(episode: EpisodePage) -> str:
    """The episode's chapters as JSON Chapters 1.2.0."""
    chapters = []
    for chapter in episode.chapter_list():
        entry: dict = {"startTime": round(chapter["start"], 3), "title": chapter["title"]}
        if chapter["img"]:
            entry["img"] = chapter["img"]
        if chapter["url"]:
            entry["url"] = chapter["url"]
        if chapter["location_name"] and chapter["location_geo"]:
            entry["location"] = {"name": chapter["location_name"], "geo": chapter["location_geo"]}
        chapters.append(entry)
    document = {
        "version": "1.2.0",
        "title": episode.title,
        "podcastName": episode.show().title,
        "chapters": chapters,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
