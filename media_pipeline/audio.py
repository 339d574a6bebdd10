"""Checking uploaded voice recordings; public copies say nothing but title and artist.

The container is recognised from its first bytes, then parsed by the matching
mutagen class (``mutagen.File`` guesses, and returns None for some valid untagged
Opus and WAV files). Tags are removed by cutting whole metadata blocks out of the
container, not by deleting the tag names a library happens to know.
"""

import math
import struct
from dataclasses import dataclass
from io import BytesIO

from mutagen import FileType, MutagenError
from mutagen.flac import FLAC, SeekTable, StreamInfo
from mutagen.id3 import TIT2, TPE1
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from media_pipeline.exceptions import (
    ContentMismatch,
    CorruptFile,
    EmptyRecording,
    NotAudio,
)
from media_pipeline.mp3_tags import strip_mp3_tags
from media_pipeline.mp4_atoms import handler_types, strip_mp4_metadata
from media_pipeline.sniff import sniff_audio
from media_pipeline.sources import AUDIO_EXTENSIONS, Source, extension, read_limited
from media_pipeline.transcode import encode_mp3, needs_mp3_copy
from media_pipeline.wav_chunks import strip_wav_metadata, wav_codec

MAX_AUDIO_BYTES = 500 * 1024 * 1024

# Container family (from sniff_audio) -> mutagen classes to try, most likely first.
_CANDIDATES: dict[str, tuple[type[FileType], ...]] = {
    "id3": (FLAC, MP3),
    "mp3": (MP3,),
    "ogg": (OggOpus, OggVorbis),
    "wav": (WAVE,),
    "flac": (FLAC,),
    "mp4": (MP4,),
}
_FORMATS: dict[type[FileType], tuple[str, str]] = {
    MP3: ("mp3", "audio/mpeg"),
    MP4: ("m4a", "audio/mp4"),
    OggOpus: ("opus", "audio/ogg"),
    OggVorbis: ("ogg", "audio/ogg"),
    WAVE: ("wav", "audio/wav"),
    FLAC: ("flac", "audio/flac"),
}
# mutagen wraps most parse failures in MutagenError; hostile input can still surface these.
_PARSE_ERRORS = (MutagenError, struct.error, ValueError, IndexError, EOFError, OverflowError)
_VENDOR = "Mutagen"  # neutral Vorbis-comment vendor string, replacing the recorder's own


@dataclass(frozen=True)
class AudioInfo:
    format: str  # "mp3", "m4a", "ogg", "opus", "wav" or "flac"
    mime_type: str
    codec: str  # e.g. "mp3", "aac", "vorbis", "opus", "pcm", "flac"
    duration_seconds: float
    bitrate: int | None  # bits per second, when the container tells
    sample_rate: int
    channels: int


def probe_audio(
    source: Source, filename: str | None = None, *, max_bytes: int = MAX_AUDIO_BYTES
) -> AudioInfo:
    """Check an upload is a sound recording we accept and describe it.

    Content decides the format (an .m4a named .mp3 is fine). Raises EmptyFile,
    FileTooLarge, ContentMismatch (a photo or document named like a sound file),
    NotAudio, CorruptFile or EmptyRecording.
    """
    data = read_limited(source, max_bytes)
    return _describe(_parse(data, filename), data)


def strip_audio_metadata(
    source: Source,
    *,
    title: str,
    artist: str,
    filename_hint: str | None = None,
    max_bytes: int = MAX_AUDIO_BYTES,
) -> bytes:
    """A copy whose only tags are ``title`` and ``artist``; the audio frames are unchanged.

    Everything else goes: ID3 frames (comments, GEOB, PRIV, pictures), APE and ID3v1
    tags, all MP4 user data and metadata atoms (``©xyz`` location, ``©too``, ``©mak``,
    ``----`` freeform), Vorbis comments and pictures, FLAC application blocks, and WAV
    ``LIST``/``bext``/``iXML``/``id3`` chunks; MP4 creation times are zeroed.
    Raises what probe_audio raises.
    """
    data = read_limited(source, max_bytes)
    audio = _parse(data, filename_hint)
    _describe(audio, data)
    try:
        return _clean_copy(data, audio, title, artist)
    except _PARSE_ERRORS as e:
        raise CorruptFile() from e


def public_audio_copy(
    data: bytes, filename: str, *, title: str, artist: str
) -> tuple[bytes, AudioInfo]:
    """What the public hears of a recording: the same sound, as MP3 when its
    format is not one every phone and podcast directory plays (WAV, FLAC,
    Ogg; kept as it is when ffmpeg cannot help), with no tags but ``title``
    and ``artist``; and what mutagen reads of that copy."""
    info = probe_audio(data, filename)
    if needs_mp3_copy(info.format):
        encoded = encode_mp3(data, info.format)
        if encoded is not None:
            data = encoded
            info = probe_audio(data, "copy.mp3")
    clean = strip_audio_metadata(data, title=title, artist=artist, filename_hint=f"x.{info.format}")
    return clean, info


def _parse(data: bytes, filename: str | None) -> FileType:
    family = sniff_audio(data)
    ext = extension(filename)
    if family is None:
        raise ContentMismatch() if ext in AUDIO_EXTENSIONS else NotAudio()
    if ext and ext not in AUDIO_EXTENSIONS:
        raise ContentMismatch()
    if family == "mp4":
        _require_sound_only(data)
    for kind in _CANDIDATES[family]:
        try:
            return kind(BytesIO(data))
        except _PARSE_ERRORS:
            continue
    raise CorruptFile()


def _require_sound_only(data: bytes) -> None:
    """An MPEG-4 file must hold sound and no pictures (a video is not a voice recording)."""
    handlers = handler_types(data)
    if not handlers:
        raise EmptyRecording()
    if b"soun" not in handlers or b"vide" in handlers:
        raise NotAudio()


def _describe(audio: FileType, data: bytes) -> AudioInfo:
    info = audio.info
    duration = float(info.length or 0)
    if not math.isfinite(duration) or duration < 0:
        raise CorruptFile()
    if duration == 0:
        raise EmptyRecording()
    fmt, mime_type = _FORMATS[type(audio)]
    return AudioInfo(
        format=fmt,
        mime_type=mime_type,
        codec=_codec(audio, data),
        duration_seconds=duration,
        bitrate=int(info.bitrate) if getattr(info, "bitrate", 0) else None,
        # Opus headers keep the input rate only as a hint; decoders always output 48 kHz.
        sample_rate=48_000 if isinstance(audio, OggOpus) else int(info.sample_rate),
        channels=int(info.channels),
    )


def _codec(audio: FileType, data: bytes) -> str:
    if isinstance(audio, MP3):
        return f"mp{audio.info.layer}"
    if isinstance(audio, MP4):
        codec = audio.info.codec
        return "aac" if codec.startswith("mp4a.40") else codec
    if isinstance(audio, WAVE):
        return wav_codec(data)
    return {OggOpus: "opus", OggVorbis: "vorbis", FLAC: "flac"}[type(audio)]


def _clean_copy(data: bytes, audio: FileType, title: str, artist: str) -> bytes:
    """``data`` with every metadata block removed and only ``title`` and ``artist`` added."""
    if isinstance(audio, WAVE):
        return strip_wav_metadata(data, title=title, artist=artist)
    if isinstance(audio, MP3 | MP4):
        stripped = strip_mp3_tags(data) if isinstance(audio, MP3) else strip_mp4_metadata(data)
        buffer = BytesIO(stripped)
        audio = type(audio)(buffer)
        audio.add_tags()
    else:
        buffer = BytesIO(data)
        if isinstance(audio, FLAC):
            audio.metadata_blocks = [
                block
                for block in audio.metadata_blocks
                if isinstance(block, StreamInfo | SeekTable)
            ]
            audio.tags = audio.cuesheet = None
            audio.add_tags()
        audio.tags.clear()  # Vorbis comments, including embedded pictures
        audio.tags.vendor = _VENDOR
    _set_title_and_artist(audio, title, artist)
    buffer.seek(0)
    if isinstance(audio, FLAC):
        audio.save(buffer, deleteid3=True)
    else:
        audio.save(buffer)
    return buffer.getvalue()


def _set_title_and_artist(audio: FileType, title: str, artist: str) -> None:
    if isinstance(audio, MP3):
        audio.tags.add(TIT2(encoding=3, text=[title]))
        audio.tags.add(TPE1(encoding=3, text=[artist]))
    elif isinstance(audio, MP4):
        audio.tags["\xa9nam"] = [title]
        audio.tags["\xa9ART"] = [artist]
    else:
        audio.tags["title"] = [title]
        audio.tags["artist"] = [artist]
