"""Podcast artwork as Apple requires it: a square JPEG or PNG, 1400 to 3000
pixels a side, RGB. Plain Python over bytes, like ``media_pipeline``."""

import io
import warnings

from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MIN_SIDE = 1400
MAX_SIDE = 3000
MAX_BYTES = 20 * 1024 * 1024
FORMATS = {"JPEG": "jpg", "PNG": "png"}


class ArtworkError(ValueError):
    """Artwork a podcast directory would refuse; ``reason`` says why, for the curator."""

    def __init__(self, reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


def check_artwork(data: bytes) -> tuple[bytes, str]:
    """Validate artwork and return a copy without metadata (EXIF, GPS, text
    chunks) and its extension ("jpg" or "png"). Raises :class:`ArtworkError`."""
    if len(data) > MAX_BYTES:
        raise ArtworkError(_("The artwork file is larger than 20 MB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                size = image.size
                mode = image.mode
                if fmt not in FORMATS:
                    raise ArtworkError(
                        _("Podcast artwork must be a JPEG or PNG file (this one is %(format)s).")
                        % {"format": fmt or _("unknown")}
                    )
                width, height = size
                if width != height:
                    raise ArtworkError(
                        _("Podcast artwork must be square (this one is %(w)s × %(h)s pixels).")
                        % {"w": width, "h": height}
                    )
                if not MIN_SIDE <= width <= MAX_SIDE:
                    raise ArtworkError(
                        _(
                            "Podcast artwork must be between 1400 and 3000 pixels wide "
                            "(this one is %(w)s)."
                        )
                        % {"w": width}
                    )
                if mode != "RGB":
                    raise ArtworkError(
                        _("Podcast artwork must use RGB colours (this one is %(mode)s).")
                        % {"mode": mode}
                    )
                image.load()
                clean = image.copy()  # pixels only: no EXIF, ICC or text chunks
    except ArtworkError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as e:
        raise ArtworkError(_("This file is not an image we can read.")) from e
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, "JPEG", quality=92, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue(), FORMATS[fmt]


def validate_artwork_file(file) -> None:
    """A model-field validator: reject artwork that :func:`check_artwork` refuses."""
    from django.core.exceptions import ValidationError

    if not file:
        return
    file.open("rb")
    try:
        file.seek(0)
        data = file.read()
    finally:
        file.seek(0)
    try:
        check_artwork(data)
    except ArtworkError as e:
        raise ValidationError(e.reason, code="podcast_artwork") from e
