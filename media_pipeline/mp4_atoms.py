"""Removing every metadata atom from an MPEG-4 audio file (.m4a), leaving the sound intact.

Tag libraries only know the iTunes ``moov/udta/meta/ilst`` list. Phones also
write QuickTime user data (``moov/udta/©xyz`` is where iPhone Voice Memos put the
location), ``moov/meta`` keyed metadata (``com.apple.quicktime.location.ISO6709``,
make, model), XMP in ``uuid`` atoms, and leftovers inside ``free`` padding.
So instead of deleting known tags we keep only the atoms playback needs:

* top level: ``ftyp``, ``moov`` and the media/fragment atoms;
* in ``moov``: ``mvhd``, ``trak``, ``mvex``, ``iods``; in ``trak``: all but ``udta``/``meta``;
* creation and modification times in ``mvhd``/``tkhd``/``mdhd`` are zeroed.

Sample data is never touched: only the chunk offsets (``stco``/``co64``) that
point into it are moved by however much the atoms before it shrank.
"""

import struct
from collections.abc import Callable, Iterator

from media_pipeline.exceptions import CorruptFile

_KEEP_TOP = frozenset({b"ftyp", b"moov", b"mdat", b"moof", b"mfra", b"sidx", b"styp", b"ssix"})
_KEEP_IN_MOOV = frozenset({b"mvhd", b"trak", b"mvex", b"iods"})
_DROP_IN_TRAK = frozenset({b"udta", b"meta"})
_DESCEND = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl"})
_TIMED_HEADERS = frozenset({b"mvhd", b"tkhd", b"mdhd"})

Relocate = Callable[[int], int]
Atom = tuple[bytes, int, int, int]  # (type, start, end, header length)


def strip_mp4_metadata(data: bytes) -> bytes:
    """``data`` without user data, metadata, XMP or padding atoms; raises CorruptFile."""
    try:
        top = [atom for atom in _atoms(data, 0, len(data)) if atom[0] in _KEEP_TOP]
        if not any(kind == b"moov" for kind, *_ in top):
            raise CorruptFile()
        # The rebuilt moov has the same size whatever the offsets, so lay out once
        # with offsets unchanged, then rebuild with the final positions.
        sizes = [len(_rebuild(data, atom, lambda offset: offset)) for atom in top]
        moves: list[tuple[int, int, int]] = []  # (old start, old end, shift)
        new_start = 0
        for (_, start, end, _), size in zip(top, sizes, strict=True):
            moves.append((start, end, new_start - start))
            new_start += size
        relocate = _relocator(moves)
        return b"".join(_rebuild(data, atom, relocate) for atom in top)
    except (struct.error, ValueError, IndexError) as e:
        raise CorruptFile() from e


def handler_types(data: bytes) -> set[bytes]:
    """Handler type of each track: b"soun" for sound, b"vide" for video, ...; CorruptFile."""
    try:
        handlers = set()
        for moov in _children(data, (b"", 0, len(data), 0), b"moov"):
            for trak in _children(data, moov, b"trak"):
                for mdia in _children(data, trak, b"mdia"):
                    for _, start, _, header in _children(data, mdia, b"hdlr"):
                        handlers.add(data[start + header + 8 : start + header + 12])
        return handlers
    except (struct.error, ValueError) as e:
        raise CorruptFile() from e


def _children(data: bytes, parent: Atom, kind: bytes) -> Iterator[Atom]:
    """Atoms of type ``kind`` inside ``parent``."""
    _, start, end, header = parent
    return (atom for atom in _atoms(data, start + header, end) if atom[0] == kind)


def _atoms(data: bytes, start: int, end: int) -> Iterator[Atom]:
    """The atoms laid end to end in ``data[start:end]``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise ValueError(f"atom {kind!r} at {pos} overruns its parent")
        yield kind, pos, pos + size, header
        pos += size
    if pos != end:
        raise ValueError("trailing bytes after the last atom")


def _rebuild(data: bytes, atom: Atom, relocate: Relocate) -> bytes:
    kind, start, end, header = atom
    if kind in _DESCEND:
        children = b"".join(
            _rebuild(data, child, relocate)
            for child in _atoms(data, start + header, end)
            if _keep_child(kind, child[0])
        )
        return struct.pack(">I", 8 + len(children)) + kind + children
    body = bytearray(data[start:end])
    if kind in _TIMED_HEADERS:
        _zero_times(body, header)
    elif kind == b"stco":
        _relocate_table(body, header, ">I", relocate)
    elif kind == b"co64":
        _relocate_table(body, header, ">Q", relocate)
    return bytes(body)


def _keep_child(parent: bytes, kind: bytes) -> bool:
    if parent == b"moov":
        return kind in _KEEP_IN_MOOV
    if parent == b"trak":
        return kind not in _DROP_IN_TRAK
    return True


def _zero_times(body: bytearray, header: int) -> None:
    """Set creation and modification time (after version and flags) to zero."""
    width = 8 if body[header] == 1 else 4
    start = header + 4
    body[start : start + 2 * width] = bytes(2 * width)


def _relocate_table(body: bytearray, header: int, fmt: str, relocate: Relocate) -> None:
    count = struct.unpack_from(">I", body, header + 4)[0]
    width = struct.calcsize(fmt)
    for index in range(count):
        at = header + 8 + index * width
        struct.pack_into(fmt, body, at, relocate(struct.unpack_from(fmt, body, at)[0]))


def _relocator(moves: list[tuple[int, int, int]]) -> Relocate:
    def relocate(offset: int) -> int:
        for start, end, shift in moves:
            if start <= offset < end:
                return offset + shift
        raise ValueError(f"chunk offset {offset} points outside the kept atoms")

    return relocate
