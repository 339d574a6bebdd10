"""Podcast endpoints outside the language prefix: feeds, enclosures,
transcripts and chapters. Every episode endpoint asks the episode (and so
the consent gate) whether it may be heard before serving anything."""

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.views.decorators.http import require_safe

from photovoice.archive.public_audio import file_response, serves_ranges_itself
from photovoice.archive.ranges import RangeNotSatisfiable, parse_byte_range

from .consent import refuse_episode
from .downloads import DownloadRequest, record_download
from .feed import chapters_document, render_feed
from .models import EpisodePage, PodcastShowPage

FEED_TYPE = "application/rss+xml; charset=utf-8"


def _live_episode(guid) -> EpisodePage:
    return get_object_or_404(EpisodePage.objects.live().select_related("testimony"), guid=guid)


@require_safe
def feed(request, feed_slug: str, lang: str):
    """The show's feed in one language, with ETag and Last-Modified; answers
    conditional requests with 304 (podcast apps poll often)."""
    show = get_object_or_404(
        PodcastShowPage.objects.live(), feed_slug=feed_slug, locale__language_code=lang
    )
    body, modified = render_feed(show)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(modified.timestamp()),
        "Cache-Control": "public, max-age=300",
    }
    if _not_modified(request, etag, int(modified.timestamp())):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=FEED_TYPE)
        response["Content-Length"] = str(len(body))
    for name, value in headers.items():
        response[name] = value
    return response


def _not_modified(request, etag: str, modified: int) -> bool:
    """RFC 9110 section 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        weak = [tag.removeprefix("W/") for tag in tags]
        return "*" in tags or etag in weak
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and modified <= since


@require_safe
def enclosure(request, guid, ext: str):
    """An episode's audio: HEAD, whole file or one byte range (206), counted
    by the IAB rules; on S3 a redirect to the storage, which serves ranges."""
    episode = _live_episode(guid)
    if episode.withheld_reason() is not None:
        return refuse_episode(request, episode)
    audio = episode.audio()
    if audio is None or audio.extension != ext.lower():
        raise Http404
    _count(request, episode, audio)
    if serves_ranges_itself(audio.file.storage):
        response = HttpResponseRedirect(audio.file.url)
        response["Cache-Control"] = "no-store"
        return response
    response = file_response(request, audio.file.storage, audio.file.name)
    if response.status_code in (200, 206):
        response["Content-Type"] = audio.mime_type
    return response


def _count(request, episode: EpisodePage, audio) -> None:
    try:
        part = parse_byte_range(request.headers.get("Range"), audio.length)
    except RangeNotSatisfiable:
        return
    start, end = (part.start, part.end) if part else (0, audio.length - 1)
    record_download(
        episode,
        audio,
        DownloadRequest(
            method=request.method,
            start=start,
            end=end,
            address=request.META.get("REMOTE_ADDR", ""),
            user_agent=request.headers.get("User-Agent", ""),
        ),
    )


@require_safe
def transcript(request, guid):
    """The episode's WebVTT transcript (with speaker names)."""
    episode = _live_episode(guid)
    if episode.withheld_reason() is not None:
        return refuse_episode(request, episode)
    text = episode.transcript()
    if not text.strip():
        raise Http404
    response = HttpResponse(text, content_type="text/vtt; charset=utf-8")
    response["Content-Language"] = episode.transcript_language()
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def chapters(request, guid):
    """The episode's chapters as JSON Chapters 1.2.0."""
    episode = _live_episode(guid)
    if episode.withheld_reason() is not None:
        return refuse_episode(request, episode)
    if not episode.chapters:
        raise Http404
    response = HttpResponse(
        chapters_document(episode), content_type="application/json+chapters; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response
