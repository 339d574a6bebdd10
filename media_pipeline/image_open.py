"""Opening an uploaded photo safely: format by content, pixel limit before decoding, full decode.

Pillow only parses headers in ``Image.open``; ``decode`` then reads every pixel,
which is the only way to notice a truncated or damaged file.
"""

import struct
from io import BytesIO

import pillow_heif
from PIL import Image, ImageFile

from media_pipeline.exceptions import (
    ContentMismatch,
    CorruptFile,
    DecompressionBomb,
    UnsupportedFormat,
)
from media_pipeline.sniff import is_other_image, sniff_image
from media_pipeline.sources import IMAGE_EXTENSIONS, extension

pillow_heif.register_heif_opener()

MAX_PIXELS = 80_000_000

# Our format name -> the Pillow plugin allowed to open it.
_PLUGINS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF", "heic": "HEIF"}
# Errors Pillow, its plugins and libheif raise for damaged data.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, RuntimeError)


def open_image(data: bytes, filename: str | None, *, max_pixels: int) -> ImageFile.ImageFile:
    """Open ``data`` as one of our accepted image formats, without decoding pixels.

    Content decides the format: a JPEG named ``.png`` is fine, but a document named
    ``.jpg`` (ContentMismatch), a GIF (UnsupportedFormat) or a photo named ``.mp3``
    (ContentMismatch) is not. The pixel count is checked here, before any decoding,
    against ``max_pixels`` whatever ``Image.MAX_IMAGE_PIXELS`` is set to.
    """
    fmt = sniff_image(data)
    ext = extension(filename)
    if fmt is None:
        if ext in IMAGE_EXTENSIONS and not is_other_image(data):
            raise ContentMismatch()
        raise UnsupportedFormat()
    if ext and ext not in IMAGE_EXTENSIONS:
        raise ContentMismatch()
    try:
        image = Image.open(BytesIO(data), formats=[_PLUGINS[fmt]])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        # Pillow's own global guard fired first (the warning counts when a caller's
        # warning filters turn it into an exception).
        raise DecompressionBomb(limit=f"{max_pixels / 1e6:g}") from e
    except (Image.UnidentifiedImageError, *DECODE_ERRORS) as e:
        raise CorruptFile() from e
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise DecompressionBomb(limit=f"{max_pixels / 1e6:g}")
    if width < 1 or height < 1:
        image.close()
        raise CorruptFile()
    return image


def decode(image: ImageFile.ImageFile, *, at_least: tuple[int, int] | None = None) -> None:
    """Decode every pixel, turning a truncated or damaged file into CorruptFile.

    With ``at_least``, a JPEG is decoded straight to a size no smaller than that
    (libjpeg scales by 1/2, 1/4 or 1/8 while decoding), which is far cheaper and
    still reads all the data. Other formats ignore it: pillow-heif's ``draft``
    would swap in the embedded thumbnail, which may not even show the same picture.

    ``ImageFile.LOAD_TRUNCATED_IMAGES`` must stay False (Pillow's default) for
    truncation to be noticed; a process that sets it True is refused outright.
    """
    if ImageFile.LOAD_TRUNCATED_IMAGES:
        raise RuntimeError("media_pipeline needs PIL.ImageFile.LOAD_TRUNCATED_IMAGES = False")
    if at_least is not None and image.format == "JPEG":
        image.draft(image.mode, at_least)
    try:
        image.load()
    except DECODE_ERRORS as e:
        raise CorruptFile() from e
