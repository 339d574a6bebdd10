"""Making the public copy of an uploaded episode recording: the glue between
the page, storage and the plain-Python ``media_pipeline``.

Apple Podcasts lists only MP3 and M4A episodes (its guide to RSS: "the file
extension ... determines whether or not content appears"), so a recording
uploaded as WAV, FLAC or Ogg gets an MP3 public copy, encoded by ffmpeg. The
private original is kept as uploaded. Without ffmpeg the copy keeps the
upload's format, and ``check_podcast_feed`` warns that Apple will not show it.
"""

import hashlib
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile

from media_pipeline.audio import probe_audio, strip_audio_metadata

from .models import EpisodePage, ProcessedAudio
from .text import audio_mime_type

logger = logging.getLogger(__name__)

#: Formats Apple Podcasts shows; anything else is encoded to MP3.
APPLE_FORMATS = {"mp3", "m4a"}
#: Apple's recommendation for MP3 podcasts: 128 kbit/s at 44.1 kHz.
MP3_OPTIONS = ["-ar", "44100", "-codec:a", "libmp3lame", "-b:a", "128k"]
ENCODE_TIMEOUT_SECONDS = 600


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
    info = probe_audio(data, name)
    if info.format not in APPLE_FORMATS:
        encoded = encode_mp3(data, info.format)
        if encoded is not None:
            data = encoded
            info = probe_audio(data, "episode.mp3")
    clean = strip_audio_metadata(
        data, title=episode.title, artist=episode.show().author, filename_hint=f"x.{info.format}"
    )
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


def encode_mp3(data: bytes, source_format: str) -> bytes | None:
    """``data`` encoded as MP3 without any tags, or None when ffmpeg is not
    installed or cannot read it (the caller then keeps the original format)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        logger.warning("ffmpeg is missing: the %s episode stays %s", source_format, source_format)
        return None
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / f"in.{source_format}", Path(folder) / "out.mp3"
        source.write_bytes(data)
        command = [ffmpeg, "-v", "error", "-i", str(source), "-map_metadata", "-1", "-vn"]
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, our own temporary files
                [*command, *MP3_OPTIONS, str(target)],
                check=True,
                capture_output=True,
                timeout=ENCODE_TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            logger.warning("ffmpeg could not encode a %s episode: %s", source_format, e)
            return None
        return target.read_bytes()
