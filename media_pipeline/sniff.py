"""Recognising what a file really is from its first bytes, whatever its name says."""

from io import BytesIO

from PIL import Image

# ISO base media ("ftyp") brands of the still-image formats we accept.
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})
# ftyp brands of MPEG-4 audio (voice memos, AAC/ALAC recordings).
_MP4_AUDIO_BRANDS = frozenset(
    {
        b"M4A ",
        b"M4B ",
        b"mp41",
        b"mp42",
        b"isom",
        b"iso2",
        b"iso5",
        b"iso6",
        b"3gp4",
        b"3gp5",
        b"qt  ",
    }
)


def _ftyp_brands(data: bytes) -> set[bytes]:
    """Major and compatible brands of an ISO base media file, or an empty set."""
    if data[4:8] != b"ftyp":
        return set()
    box_size = int.from_bytes(data[:4], "big")
    if not 16 <= box_size <= min(len(data), 4096):
        return set()
    brands = {data[8:12]}
    brands.update(data[i : i + 4] for i in range(16, box_size - 3, 4))
    return brands


def sniff_image(data: bytes) -> str | None:
    """Our name ("jpeg", "png", "webp", "avif", "heic") of an accepted image format, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    brands = _ftyp_brands(data)
    if brands & _AVIF_BRANDS:
        return "avif"
    if brands & _HEIC_BRANDS:
        return "heic"
    return None


def is_other_image(data: bytes) -> bool:
    """True when Pillow recognises the file as some image format (GIF, TIFF, BMP, ...).

    Only the header is parsed; pixels are never decoded.
    """
    try:
        with Image.open(BytesIO(data)):
            return True
    except Exception:  # any failure to recognise simply means "not an image"
        return False


def sniff_audio(data: bytes) -> str | None:
    """The container family of a sound file: "mp3", "mp4", "ogg", "wav", "flac", or None."""
    if data.startswith(b"ID3"):
        return "id3"  # MP3, or rarely FLAC, behind an ID3v2 tag
    if len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0:
        return "mp3"  # MPEG audio frame sync
    if data.startswith(b"OggS"):
        return "ogg"
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data.startswith(b"fLaC"):
        return "flac"
    if _ftyp_brands(data) & _MP4_AUDIO_BRANDS:
        return "mp4"
    return None
