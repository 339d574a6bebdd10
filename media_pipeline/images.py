"""Checking uploaded photos and making a copy without any metadata (the "stripped master").

Resized web and print copies are made by :mod:`media_pipeline.derivatives`; its
public names are re-exported here so callers need only this module for photos.
"""

from dataclasses import dataclass
from typing import Literal

from PIL import ExifTags, Image

from media_pipeline.derivatives import (
    DEFAULT_DERIVATIVE_SPECS,
    PRINT_DERIVATIVE_SPECS,
    WEB_DERIVATIVE_SPECS,
    Derivative,
    DerivativeSpec,
    make_derivatives,
)
from media_pipeline.encode import MIME_TYPES, encode
from media_pipeline.image_open import MAX_PIXELS, decode, open_image
from media_pipeline.pixels import display_size, orientation, read_exif, to_srgb, upright
from media_pipeline.sources import Source, read_limited

__all__ = [
    "DEFAULT_DERIVATIVE_SPECS",
    "PRINT_DERIVATIVE_SPECS",
    "WEB_DERIVATIVE_SPECS",
    "MAX_IMAGE_BYTES",
    "Derivative",
    "DerivativeSpec",
    "ImageInfo",
    "make_derivatives",
    "probe_image",
    "strip_metadata",
]

MAX_IMAGE_BYTES = 50 * 1024 * 1024

# info keys under which Pillow and pillow-heif expose metadata a person could be traced by.
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment", "metadata")


@dataclass(frozen=True)
class ImageInfo:
    """What an accepted photo is. ``width``/``height`` are as displayed (EXIF rotation applied)."""

    format: str  # "jpeg", "heic", "png", "webp" or "avif"
    mime_type: str
    width: int
    height: int
    mode: str  # Pillow mode of the decoded pixels, e.g. "RGB", "CMYK", "I;16"
    has_metadata: bool  # EXIF, XMP, IPTC, comments, text chunks or embedded thumbnails
    has_gps: bool  # a location, or EXIF too broken to rule one out


def probe_image(
    source: Source,
    filename: str | None = None,
    *,
    max_bytes: int = MAX_IMAGE_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> ImageInfo:
    """Check an upload is a photo we accept and describe it.

    Raises EmptyFile, FileTooLarge, UnsupportedFormat, ContentMismatch,
    DecompressionBomb or CorruptFile. Every pixel is decoded once to catch
    truncation; JPEGs are decoded at 1/8 scale, which reads all the data for
    a fraction of the cost.
    """
    data = read_limited(source, max_bytes)
    with open_image(data, filename, max_pixels=max_pixels) as image:
        fmt = image.format
        width, height = display_size(image.size, orientation(image))
        decode(image, at_least=(1, 1))  # JPEG: the smallest DCT scale, 1/8
        has_metadata, has_gps = _metadata_flags(image)
        mode = image.mode
    our_format = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "HEIF": "heic"}[fmt]
    return ImageInfo(
        format=our_format,
        mime_type=MIME_TYPES[our_format],
        width=width,
        height=height,
        mode=mode,
        has_metadata=has_metadata,
        has_gps=has_gps,
    )


def strip_metadata(
    source: Source,
    *,
    output_format: Literal["jpeg", "png", "webp", "avif"] | None = None,
    max_bytes: int = MAX_IMAGE_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> bytes:
    """Full-size copy holding only pixels: upright, 8-bit sRGB, no EXIF/XMP/IPTC/ICC/thumbnails.

    The default format is JPEG, or PNG when the photo has real transparency;
    asking for JPEG puts transparent areas on white. Raises what probe_image raises.
    """
    data = read_limited(source, max_bytes)
    with open_image(data, None, max_pixels=max_pixels) as image:
        turn = orientation(image)
        decode(image)
        pixels = upright(to_srgb(image), turn)
    fmt = output_format or ("png" if pixels.mode == "RGBA" else "jpeg")
    return encode(pixels, fmt, quality=90)


def _metadata_flags(image: Image.Image) -> tuple[bool, bool]:
    """(has_metadata, has_gps) of an opened image; PNG text is complete only after decoding."""
    info = image.info
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp") or b""
    xmp_bytes = xmp.encode() if isinstance(xmp, str) else bytes(xmp)
    exif = read_exif(image)
    has_metadata = (
        exif is None
        or len(exif) > 0
        or any(info.get(key) for key in _METADATA_KEYS)
        or bool(info.get("thumbnails"))
        or bool(getattr(image, "text", None))
    )
    has_gps = (
        exif is None
        or (bool(info.get("exif")) and len(exif) == 0)  # EXIF present but unparseable
        or bool(exif.get_ifd(ExifTags.IFD.GPSInfo))
        or b"GPSLatitude" in xmp_bytes
    )
    return has_metadata, has_gps
