"""Turning decoded pictures of any mode into upright 8-bit sRGB pixels with nothing attached.

Phones and editors produce CMYK, 16-bit, palette, grey and wide-gamut (Display P3)
images. Browsers and printers of our derivatives expect plain sRGB, so colours
are converted with the embedded ICC profile while it is still known, and then
every profile, EXIF block and text chunk is dropped with ``info``.
"""

from io import BytesIO

from PIL import ExifTags, Image, ImageCms

_SRGB = ImageCms.createProfile("sRGB")

# How to undo each EXIF orientation (the same table Pillow's ImageOps.exif_transpose uses).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Colour modes LittleCMS can convert from, and the mode the sRGB result has.
_CMS_OUTPUT = {"RGB": "RGB", "RGBA": "RGBA", "CMYK": "RGB", "L": "RGB"}
_SIXTEEN_BIT_MODES = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I"})


def read_exif(image: Image.Image) -> Image.Exif | None:
    """The image's EXIF (empty when it has none), or None when the EXIF block is unreadable."""
    try:
        exif = image.getexif()
        exif.get_ifd(ExifTags.IFD.GPSInfo)  # parsing sub-IFDs is where broken EXIF fails
    except Exception:  # hostile or truncated EXIF; callers must assume the worst
        return None
    return exif


def orientation(image: Image.Image) -> int:
    """EXIF orientation 1-8 (1 = already upright; also for missing or nonsense values)."""
    exif = read_exif(image)
    value = exif.get(ExifTags.Base.Orientation, 1) if exif is not None else 1
    return value if value in _UPRIGHT else 1


def display_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """Width and height as the photo is shown, after undoing a quarter-turn orientation."""
    return (size[1], size[0]) if orientation >= 5 else size


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """The image turned and flipped so that it displays the right way up."""
    return image.transpose(_UPRIGHT[orientation]) if orientation in _UPRIGHT else image


def resamplable(image: Image.Image) -> Image.Image:
    """The image in a mode that resizes smoothly: L, LA, RGB, RGBA or CMYK, ICC kept.

    16-bit grey is scaled down to 8 bits (a plain convert would clip it to white);
    palette and 1-bit images are expanded, keeping transparency.
    """
    if image.mode in _SIXTEEN_BIT_MODES:
        scaled = image.convert("I").point(lambda v: v * (255 / 65535))
        converted = scaled.convert("L")
    elif image.mode in {"L", "LA", "RGB", "RGBA", "CMYK"}:
        return image
    elif image.mode == "1":
        converted = image.convert("L")
    else:  # P, PA, La, RGBa, RGBX, YCbCr, LAB, HSV, F ...
        converted = image.convert("RGBA" if _has_alpha(image) else "RGB")
    converted.info = dict(image.info)
    return converted


def to_srgb(image: Image.Image) -> Image.Image:
    """An RGB or RGBA copy in sRGB, with every info entry (EXIF, XMP, ICC, text) removed.

    An alpha channel that is fully opaque is dropped, so ordinary photos stay RGB.
    """
    image = resamplable(image)
    target = "RGBA" if _has_alpha(image) else "RGB"
    profile = _embedded_profile(image)
    if profile is not None and _CMS_OUTPUT.get(image.mode) == target:
        result = ImageCms.profileToProfile(image, profile, _SRGB, outputMode=target)
    else:
        result = image.convert(target) if image.mode != target else image.copy()
    if target == "RGBA" and result.getchannel("A").getextrema() == (255, 255):
        result = result.convert("RGB")
    result.info = {}
    return result


def flatten_on_white(image: Image.Image) -> Image.Image:
    """An RGB image: transparent areas become white (for JPEG, which has no alpha)."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or "transparency" in image.info


def _embedded_profile(image: Image.Image) -> ImageCms.ImageCmsProfile | None:
    """The embedded ICC profile if it needs applying: None for none, sRGB or unreadable."""
    icc = image.info.get("icc_profile")
    if not icc:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(BytesIO(icc))
        description = ImageCms.getProfileDescription(profile)
    except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
        return None  # a broken profile is ignored; the pixels are still usable
    return None if "srgb" in description.lower() else profile
