"""Reading uploads into memory within a size limit, and what a file name claims to be."""

from pathlib import PurePath
from typing import BinaryIO

from media_pipeline.exceptions import EmptyFile, FileTooLarge

Source = BinaryIO | bytes

IMAGE_EXTENSIONS = frozenset(
    {"jpg", "jpeg", "jpe", "jfif", "heic", "heif", "hif", "png", "webp", "avif"}
)
AUDIO_EXTENSIONS = frozenset({"mp3", "m4a", "mp4", "aac", "ogg", "oga", "opus", "wav", "flac"})


def read_limited(source: Source, max_bytes: int) -> bytes:
    """Return the whole upload as bytes, refusing empty files and files over ``max_bytes``.

    File objects are read from their current position and never beyond
    ``max_bytes + 1`` bytes, so a huge upload is not pulled into memory.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        data = source.read(max_bytes + 1)
    if not data:
        raise EmptyFile()
    if len(data) > max_bytes:
        raise FileTooLarge(limit=format_size(max_bytes))
    return data


def format_size(n_bytes: int) -> str:
    """A size as people say it: "50 MB", "500 MB", "1.5 GB"."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n_bytes >= factor:
            return f"{n_bytes / factor:.3g} {unit}"
    return f"{n_bytes} bytes"


def extension(filename: str | None) -> str:
    """The lower-case extension without the dot, or "" when there is none."""
    return PurePath(filename or "").suffix.lower().lstrip(".")
