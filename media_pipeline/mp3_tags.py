"""Cutting every tag off an MP3: ID3v2 in front (all of them), APEv2 and ID3v1 at the end.

ID3v2 frames carry comments, pictures, ``PRIV``/``GEOB`` blobs and whatever else an
app chose; rather than delete frames we drop the whole tag blocks, leaving only
MPEG audio frames.
"""

import struct

_ID3V1_SIZE = 128
_APE_FOOTER_SIZE = 32


def strip_mp3_tags(data: bytes) -> bytes:
    """The MPEG audio frames of ``data`` without any surrounding tags."""
    start = 0
    while data[start : start + 3] == b"ID3" and start + 10 <= len(data):
        flags = data[start + 5]
        size = _synchsafe(data[start + 6 : start + 10])
        start += 10 + size + (10 if flags & 0x10 else 0)  # 0x10: footer present
    end = previous_end = len(data)
    while True:  # trailing tags come in either order, so peel until none is left
        if end - start >= _ID3V1_SIZE and data[end - _ID3V1_SIZE : end - _ID3V1_SIZE + 3] == b"TAG":
            end -= _ID3V1_SIZE
        footer = data[end - _APE_FOOTER_SIZE : end]
        if end - start >= _APE_FOOTER_SIZE and footer.startswith(b"APETAGEX"):
            size, _, flags = struct.unpack_from("<III", footer, 12)
            end -= size + (_APE_FOOTER_SIZE if flags & 0x80000000 else 0)  # header present
        if end == previous_end or end <= start:
            return data[start : max(start, end)]
        previous_end = end


def _synchsafe(four: bytes) -> int:
    """ID3v2 sizes use 7 bits per byte."""
    return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3]
