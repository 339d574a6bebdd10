"""Keeping only the sound in a WAV file: every RIFF chunk except ``fmt ``/``fact``/``data`` goes.

Recorders store names, comments, dates and device details in ``LIST``/``INFO``,
``bext`` (broadcast WAV originator), ``iXML`` and ``id3 `` chunks; none is needed
to play the file. Title and artist are then written as the standard ``LIST``/``INFO``
``INAM``/``IART`` entries, which players read.
"""

import struct

from media_pipeline.exceptions import CorruptFile

_KEEP = frozenset({b"fmt ", b"fact", b"data"})
_CODECS = {1: "pcm", 3: "pcm_float", 6: "alaw", 7: "mulaw", 0x11: "adpcm_ima", 0xFFFE: "pcm"}


def strip_wav_metadata(data: bytes, *, title: str, artist: str) -> bytes:
    """``data`` with only the format, fact and sample chunks plus title and artist.

    Raises CorruptFile.
    """
    chunks = [(kind, body) for kind, body in _chunks(data) if kind in _KEEP]
    info = _chunk(b"INAM", title.encode() + b"\0") + _chunk(b"IART", artist.encode() + b"\0")
    # INFO goes before the samples, where streaming readers (ffmpeg on a pipe) still see it.
    header = b"".join(_chunk(kind, body) for kind, body in chunks if kind != b"data")
    samples = b"".join(_chunk(kind, body) for kind, body in chunks if kind == b"data")
    body = b"WAVE" + header + _chunk(b"LIST", b"INFO" + info) + samples
    return b"RIFF" + struct.pack("<I", len(body)) + body


def wav_codec(data: bytes) -> str:
    """The sample encoding named by the ``fmt `` chunk's format tag, e.g. "pcm"."""
    for kind, body in _chunks(data):
        if kind == b"fmt " and len(body) >= 2:
            tag = struct.unpack_from("<H", body)[0]
            return _CODECS.get(tag, f"wav-0x{tag:04x}")
    raise CorruptFile()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack("<4sI", kind, len(body)) + body + bytes(len(body) % 2)


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(id, body) of each chunk. A final chunk claiming more bytes than remain is cut
    to what remains, as streaming recorders leave the ``data`` size unset."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise CorruptFile()
    chunks = []
    pos = 12
    while pos + 8 <= len(data):
        kind, size = struct.unpack_from("<4sI", data, pos)
        body = data[pos + 8 : pos + 8 + size]
        chunks.append((kind, body))
        pos += 8 + size + size % 2
    if not any(kind == b"data" for kind, _ in chunks):
        raise CorruptFile()
    return chunks
