"""Resized public copies of a photo (web sizes in AVIF/WebP/JPEG, and a print JPEG).

The photo is decoded once, as small as the largest copy allows (JPEG DCT scaling),
turned upright and converted to sRGB once at that size, and each smaller size is
resized from the previous one. Decoding and resizing then cost little next to
encoding. No copy carries EXIF, XMP, ICC or any other metadata.
"""

from dataclasses import dataclass
from typing import Literal

from PIL import Image

from media_pipeline import faces
from media_pipeline.encode import MIME_TYPES, encode
from media_pipeline.image_open import MAX_PIXELS, decode, open_image
from media_pipeline.pixels import display_size, orientation, resamplable, to_srgb, upright
from media_pipeline.sources import Source, read_limited

_MAX_BYTES = 50 * 1024 * 1024
# Pillow first shrinks by an integer factor with a box filter, then Lanczos for the
# last >= 3x: visually the same as pure Lanczos, much faster for big reductions.
_REDUCING_GAP = 3.0
_FILTER = Image.Resampling.LANCZOS


@dataclass(frozen=True)
class DerivativeSpec:
    """One public copy: at most ``width`` pixels wide (never enlarged)."""

    width: int
    format: Literal["avif", "webp", "jpeg"]
    quality: int


@dataclass(frozen=True)
class Derivative:
    data: bytes
    width: int
    height: int
    mime_type: str


#: What web pages show: three widths for ``srcset``, each as AVIF, WebP and JPEG.
WEB_DERIVATIVE_SPECS: tuple[DerivativeSpec, ...] = tuple(
    DerivativeSpec(width, fmt, quality)
    for width in (480, 960, 1600)
    for fmt, quality in (("avif", 58), ("webp", 80), ("jpeg", 82))
)
#: What printed zines and labels use; made only when something is printed, so the
#: web set can be decoded at a smaller JPEG scale.
PRINT_DERIVATIVE_SPECS: tuple[DerivativeSpec, ...] = (DerivativeSpec(2400, "jpeg", 90),)
DEFAULT_DERIVATIVE_SPECS = WEB_DERIVATIVE_SPECS


def make_derivatives(
    source: Source,
    specs: tuple[DerivativeSpec, ...] | list[DerivativeSpec] = DEFAULT_DERIVATIVE_SPECS,
    *,
    max_bytes: int = _MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    blur_faces: bool = False,
) -> dict[DerivativeSpec, Derivative]:
    """Make every copy in ``specs`` from one decode of ``source``; with
    ``blur_faces``, faces are blurred once in the largest copy, before the
    smaller ones are made from it (see :mod:`media_pipeline.faces`).

    Raises EmptyFile, FileTooLarge, UnsupportedFormat, DecompressionBomb or
    CorruptFile, and FaceDetectionUnavailable when faces cannot be blurred.
    """
    data = read_limited(source, max_bytes)
    if not specs:
        return {}
    with open_image(data, None, max_pixels=max_pixels) as image:
        turn = orientation(image)
        full_width, full_height = display_size(image.size, turn)
        sizes = _target_sizes({spec.width for spec in specs}, full_width, full_height)
        largest = display_size(sizes[0], turn)  # in the file's stored orientation
        decode(image, at_least=largest)
        first = resamplable(image)
        if first.size != largest:
            first = first.resize(largest, _FILTER, reducing_gap=_REDUCING_GAP)
        current = upright(to_srgb(first), turn)
    if blur_faces:
        current = faces.blur_faces(current)
    resized = {current.width: current}
    for size in sizes[1:]:
        current = current.resize(size, _FILTER, reducing_gap=_REDUCING_GAP)
        resized[size[0]] = current
    derivatives = {}
    for spec in specs:
        pixels = resized[min(spec.width, full_width)]
        derivatives[spec] = Derivative(
            data=encode(pixels, spec.format, quality=spec.quality),
            width=pixels.width,
            height=pixels.height,
            mime_type=MIME_TYPES[spec.format],
        )
    return derivatives


def _target_sizes(widths: set[int], full_width: int, full_height: int) -> list[tuple[int, int]]:
    """Distinct display sizes for ``widths``, largest first, none wider than the photo."""
    capped = sorted({min(width, full_width) for width in widths}, reverse=True)
    return [(width, max(1, round(full_height * width / full_width))) for width in capped]
