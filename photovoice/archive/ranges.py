"""HTTP byte ranges (RFC 9110, section 14) for serving audio.

Podcast apps and browsers seeking in a recording ask for part of a file with
``Range: bytes=start-end``. Only single ranges are honoured; anything this
module does not understand is ignored, which the RFC allows, and the whole
file is sent.
"""

import re
from dataclasses import dataclass

_SINGLE_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class RangeNotSatisfiable(ValueError):
    """A well-formed range that lies wholly outside the file (answer 416)."""


@dataclass(frozen=True)
class ByteRange:
    """Bytes ``start`` to ``end`` of a file, both inclusive."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


def parse_byte_range(header: str | None, size: int) -> ByteRange | None:
    """The part of a ``size``-byte file that ``header`` asks for.

    Returns None to send the whole file (no header, another unit, several
    ranges, or a malformed one) and raises :class:`RangeNotSatisfiable` when
    the range starts at or past the end of the file or asks for no bytes.
    An end past the file is cut to the last byte; ``bytes=-N`` is the last N.
    """
    if not header:
        return None
    match = _SINGLE_RANGE.match(header)
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable(header)
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable(header)
    return ByteRange(start, min(int(last), size - 1) if last else size - 1)
