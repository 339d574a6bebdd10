"""Making the public copy of an uploaded episode recording: the glue between
the page, storage and the plain-Python ``media_pipeline``.

Apple Podcasts lists only MP3 and M4A episodes (its guide to RSS: "the file
extension ... determines whether or not content appears"), so a recording
uploaded as WAV, FLAC or Ogg gets an MP3 public copy (``media_pipeline.transcode``).
The private original is kept as uploaded. Without ffmpeg the copy keeps the
upload's format, and ``check_podcast_feed`` warns that Apple will not show it.
"""

import hashlib

from django.core.files.base import ContentFile

from media_pipeline.audio import public_audio_copy

from .models import EpisodePage, ProcessedAudio
from .text import audio_mime_type


def publish_episode_audio(episode: EpisodePage) -> ProcessedAudio | None:
    """Make (once) the public copy of ``episode``'s uploaded recording: the
    same sound (as MP3 when Apple would not list the upload's format) with
    every tag removed but the episode title and the show's author, plus its
    exact length, MIME type and duration read by mutagen."""
    if not episode.audio_upload:
        return None
    name = episode.audio_upload.name
    existing = ProcessedAudio.objects.filter(source_name=name).first()
    if existing is not None:
        return existing
    with episode.audio_upload.open("rb") as original:
        data = original.read()
    clean, info = public_audio_copy(data, name, title=episode.title, artist=episode.show().author)
    folder = hashlib.sha256(name.encode()).hexdigest()[:24]
    processed = ProcessedAudio(
        source_name=name,
        length=len(clean),
        mime_type=audio_mime_type(f"x.{info.format}"),
        duration_seconds=info.duration_seconds,
    )
    processed.public_file.save(f"{folder}/episode.{info.format}", ContentFile(clean), save=False)
    processed.save()
    return processed
