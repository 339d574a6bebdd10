"""Photos: uploads are checked, and nothing public can reveal who took them or where."""

import struct
import time
from io import BytesIO

import pytest
from media_factories import (
    LEAKS,
    audio_bytes,
    cmyk_jpeg_bytes,
    decompression_bomb_bytes,
    heic_bytes,
    image_bytes,
    jpeg_bytes,
    jpeg_with_thumbnail_bytes,
    png16_bytes,
    pseudo_random_bytes,
    swapped_rgb_icc_profile,
    tagged_rgb_png_bytes,
    transparent_png_bytes,
    truncated_jpeg_bytes,
    zero_width_png_bytes,
)
from PIL import Image

from media_pipeline import exceptions
from media_pipeline.images import (
    DEFAULT_DERIVATIVE_SPECS,
    PRINT_DERIVATIVE_SPECS,
    WEB_DERIVATIVE_SPECS,
    DerivativeSpec,
    make_derivatives,
    probe_image,
    strip_metadata,
)

ACCEPTED = {
    "jpeg": lambda: jpeg_bytes(),
    "heic": lambda: heic_bytes(),
    "png": lambda: image_bytes("PNG"),
    "webp": lambda: image_bytes("WEBP"),
    "avif": lambda: image_bytes("AVIF"),
}
MIME = {"jpeg": "image/jpeg", "heic": "image/heic", "png": "image/png", "webp": "image/webp",
        "avif": "image/avif"}  # fmt: skip


# --- what "carries nothing but pixels" means, checked at the byte level ---------------------


def jpeg_markers(data: bytes) -> list[int]:
    """Marker bytes of every JPEG segment up to the image data."""
    markers, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        pos += 2 + struct.unpack_from(">H", data, pos + 2)[0]
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    chunks, pos = [], 8
    while pos < len(data):
        size, kind = struct.unpack_from(">I4s", data, pos)
        chunks.append(kind)
        pos += 12 + size
    return chunks


def riff_chunks(data: bytes) -> list[bytes]:
    chunks, pos = [], 12
    while pos < len(data):
        kind, size = struct.unpack_from("<4sI", data, pos)
        chunks.append(kind)
        pos += 8 + size + size % 2
    return chunks


def assert_only_pixels(data: bytes) -> None:
    """No EXIF, XMP, IPTC, ICC, comment, text chunk or embedded picture in ``data``."""
    for leak in LEAKS:
        assert leak not in data
    for marker in (b"Exif\0\0", b"<x:xmpmeta", b"Photoshop 3.0", b"ICC_PROFILE", b"8BIM"):
        assert marker not in data
    with Image.open(BytesIO(data)) as image:
        fmt = image.format
        assert not {"exif", "xmp", "icc_profile", "photoshop", "comment"} & image.info.keys()
        assert len(image.getexif()) == 0
    if fmt == "JPEG":
        # Only JFIF (APP0), tables, frame and scan headers; one SOI = no embedded thumbnail.
        assert set(jpeg_markers(data)) <= {0xD8, 0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD, 0xDA}
        assert data.count(b"\xff\xd8") == 1
    elif fmt == "PNG":
        assert set(png_chunks(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    elif fmt == "WEBP":
        chunks = riff_chunks(data)
        assert set(chunks) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
        if b"VP8X" in chunks:
            flags = data[20]
            assert flags & 0b101100 == 0  # ICC, EXIF, XMP flags
    else:
        assert fmt == "AVIF"
        assert b"Exif" not in data  # EXIF item type
        assert b"colrprof" not in data  # embedded ICC colour profile
        assert b"application/rdf+xml" not in data  # XMP item


def pixel(data: bytes, xy: tuple[int, int]) -> tuple[int, ...]:
    with Image.open(BytesIO(data)) as image:
        return image.convert("RGBA").getpixel(xy)


def close(colour: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=False))


def red_left_blue_right(size: tuple[int, int] = (64, 48)) -> Image.Image:
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


# --- accepted photos ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ACCEPTED)
def test_every_accepted_photo_format_is_recognised(fmt):
    info = probe_image(ACCEPTED[fmt](), f"photo.{fmt}")
    assert (info.format, info.mime_type) == (fmt, MIME[fmt])
    assert (info.width, info.height) == (64, 48)
    assert info.has_metadata and info.has_gps


def test_phone_photo_location_is_detected():
    info = probe_image(BytesIO(jpeg_bytes()), "IMG_0001.JPG")
    assert info.has_gps and info.has_metadata and info.mode == "RGB"


def test_photo_without_location_is_not_flagged_as_located():
    info = probe_image(jpeg_bytes(exif_gps=False))
    assert info.has_metadata and not info.has_gps


def test_location_written_only_in_xmp_is_detected():
    assert probe_image(jpeg_bytes(exif_gps=False, xmp_gps=True)).has_gps


def test_photo_without_any_metadata_is_reported_clean():
    buffer = BytesIO()
    Image.new("RGB", (10, 10), "green").save(buffer, "PNG")
    info = probe_image(buffer.getvalue())
    assert not info.has_metadata and not info.has_gps


def test_photo_with_the_wrong_image_extension_is_accepted():
    assert probe_image(image_bytes("PNG"), "holiday.jpg").format == "png"
    assert probe_image(heic_bytes(), "IMG_0002.jpeg").format == "heic"


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_unreadable_exif_is_treated_as_possibly_located():
    buffer = BytesIO()
    Image.new("RGB", (16, 16), "green").save(buffer, "JPEG", exif=b"Exif\0\0MM\0*\xff\xff\xff\xff")
    info = probe_image(buffer.getvalue())
    assert info.has_metadata and info.has_gps
    assert_only_pixels(strip_metadata(buffer.getvalue()))


# --- public copies carry nothing but pixels -------------------------------------------------


def test_public_derivative_of_phone_photo_has_no_gps_or_exif():
    derivatives = make_derivatives(jpeg_bytes((1000, 750)))
    assert set(derivatives) == set(DEFAULT_DERIVATIVE_SPECS)
    for spec, derivative in derivatives.items():
        assert_only_pixels(derivative.data)
        assert derivative.mime_type == f"image/{spec.format}"
        with Image.open(BytesIO(derivative.data)) as image:
            assert image.format.lower() == spec.format
            assert image.size == (derivative.width, derivative.height)


@pytest.mark.parametrize("fmt", ACCEPTED)
def test_public_copies_of_every_format_carry_no_metadata(fmt):
    for derivative in make_derivatives(ACCEPTED[fmt]()).values():
        assert_only_pixels(derivative.data)
    assert_only_pixels(strip_metadata(ACCEPTED[fmt]()))


def test_stripped_master_keeps_full_size_and_drops_metadata():
    master = strip_metadata(jpeg_bytes((300, 200)))
    assert_only_pixels(master)
    with Image.open(BytesIO(master)) as image:
        assert (image.format, image.size, image.mode) == ("JPEG", (300, 200), "RGB")


def test_stripped_master_can_be_asked_for_in_another_format():
    for fmt in ("png", "webp", "avif"):
        master = strip_metadata(heic_bytes(), output_format=fmt)
        assert_only_pixels(master)
        assert Image.open(BytesIO(master)).format == fmt.upper()


def test_old_embedded_thumbnail_is_never_published():
    original = jpeg_with_thumbnail_bytes(photo_colour="blue", thumb_colour="red")
    assert probe_image(original).has_metadata
    for data in [strip_metadata(original), *(d.data for d in make_derivatives(original).values())]:
        assert_only_pixels(data)
        assert close(pixel(data, (5, 5)), (0, 0, 255, 255))


# --- the picture itself looks right ---------------------------------------------------------


def test_sideways_phone_photo_is_shown_upright():
    # Stored landscape, red on the left; EXIF 6 says "turn 90 degrees clockwise to view".
    original = jpeg_bytes(orientation=6, image=red_left_blue_right((64, 48)))
    info = probe_image(original)
    assert (info.width, info.height) == (48, 64)
    master = strip_metadata(original)
    web = make_derivatives(original, [DerivativeSpec(24, "webp", 90)])[
        DerivativeSpec(24, "webp", 90)
    ]
    assert (web.width, web.height) == (24, 32)
    for data in (master, web.data):
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
        assert height > width
        assert close(pixel(data, (width // 2, 2)), (255, 0, 0, 255), 40)  # top is red
        assert close(pixel(data, (width // 2, height - 3)), (0, 0, 255, 255), 40)


def test_sideways_heic_from_iphone_is_shown_upright():
    buffer = BytesIO()
    red_left_blue_right((64, 48)).save(buffer, "HEIF", quality=90, exif=_orientation_exif(6))
    original = buffer.getvalue()
    assert (probe_image(original).width, probe_image(original).height) == (48, 64)
    master = strip_metadata(original)
    assert Image.open(BytesIO(master)).size == (48, 64)
    assert close(pixel(master, (24, 2)), (255, 0, 0, 255), 40)


def _orientation_exif(value: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()


def test_derivatives_keep_the_shape_of_the_photo():
    derivatives = make_derivatives(
        jpeg_bytes((3000, 2000)), WEB_DERIVATIVE_SPECS + PRINT_DERIVATIVE_SPECS
    )
    sizes = {(spec.width, d.width, d.height) for spec, d in derivatives.items()}
    assert sizes == {(480, 480, 320), (960, 960, 640), (1600, 1600, 1067), (2400, 2400, 1600)}


def test_small_photo_is_never_enlarged():
    derivatives = make_derivatives(image_bytes("PNG", (640, 480)))
    for spec, derivative in derivatives.items():
        expected = (480, 360) if spec.width == 480 else (640, 480)
        assert (derivative.width, derivative.height) == expected


def test_cmyk_jpeg_colours_survive():
    original = cmyk_jpeg_bytes((0, 255, 255, 0))  # pure red in print colours
    assert probe_image(original).mode == "CMYK"
    assert close(pixel(strip_metadata(original), (5, 5)), (255, 0, 0, 255))
    for derivative in make_derivatives(original).values():
        assert close(pixel(derivative.data, (5, 5)), (255, 0, 0, 255), 16)


@pytest.mark.parametrize("rgb", [False, True], ids=["grey", "rgb"])
def test_16_bit_png_is_not_washed_out_to_white(rgb):
    original = png16_bytes(0x8000, rgb=rgb)  # middle grey
    for data in (
        strip_metadata(original),
        make_derivatives(original)[DEFAULT_DERIVATIVE_SPECS[1]].data,
    ):
        assert close(pixel(data, (3, 3)), (128, 128, 128, 255), 3)


def test_colour_profile_is_applied_before_it_is_dropped():
    # Pure red tagged with a profile whose "red" primary is sRGB blue must come out blue.
    original = tagged_rgb_png_bytes((255, 0, 0), swapped_rgb_icc_profile())
    master = strip_metadata(original)
    assert_only_pixels(master)
    assert close(pixel(master, (5, 5)), (0, 0, 255, 255), 6)
    for derivative in make_derivatives(original).values():
        assert close(pixel(derivative.data, (5, 5)), (0, 0, 255, 255), 16)


def test_transparent_png_stays_transparent_where_the_format_allows():
    original = transparent_png_bytes()
    master = strip_metadata(original)
    with Image.open(BytesIO(master)) as image:
        assert (image.format, image.mode) == ("PNG", "RGBA")
    assert pixel(master, (40, 5))[3] == 0
    derivatives = make_derivatives(original)
    for spec, derivative in derivatives.items():
        right_side = pixel(derivative.data, (40, 5))
        if spec.format == "jpeg":
            assert close(right_side, (255, 255, 255, 255))  # JPEG has no alpha: white
        else:
            assert right_side[3] < 10
        assert close(pixel(derivative.data, (5, 5)), (0, 200, 0, 255), 16)
    assert close(pixel(strip_metadata(original, output_format="jpeg"), (40, 5)), (255,) * 4)


@pytest.mark.parametrize("mode", ["L", "P", "1", "LA"])
def test_greyscale_and_palette_photos_become_ordinary_colour_images(mode):
    original = image_bytes("PNG", (50, 40), mode=mode)
    master = strip_metadata(original)
    assert Image.open(BytesIO(master)).mode in {"RGB", "RGBA"}
    for derivative in make_derivatives(original).values():
        assert Image.open(BytesIO(derivative.data)).mode in {"RGB", "RGBA"}


# --- rejected uploads -----------------------------------------------------------------------


@pytest.mark.parametrize("empty", [b"", BytesIO()], ids=["bytes", "file"])
def test_empty_file_is_rejected(empty):
    with pytest.raises(exceptions.EmptyFile):
        probe_image(empty)


def test_file_over_the_size_limit_is_rejected_without_reading_all_of_it():
    upload = BytesIO(jpeg_bytes((200, 200)))
    with pytest.raises(exceptions.FileTooLarge) as caught:
        probe_image(upload, max_bytes=1024)
    assert caught.value.params == {"limit": "1 KB"}
    assert upload.tell() <= 1025


def test_renamed_text_file_is_rejected_as_not_a_photo():
    with pytest.raises(exceptions.ContentMismatch):
        probe_image(b"Dear diary, today we walked to the border.", "photo.jpg")
    with pytest.raises(exceptions.UnsupportedFormat):
        probe_image(b"Dear diary, today we walked to the border.", "notes.txt")


def test_random_bytes_named_like_a_photo_are_rejected():
    with pytest.raises(exceptions.ContentMismatch):
        probe_image(pseudo_random_bytes(4096), "IMG_1234.HEIC")


@pytest.mark.parametrize("fmt", ["GIF", "TIFF", "BMP", "ICO"])
def test_other_image_formats_are_rejected_as_unsupported(fmt):
    for name in (None, "photo.jpg", f"photo.{fmt.lower()}"):
        with pytest.raises(exceptions.UnsupportedFormat):
            probe_image(image_bytes(fmt, (32, 32)), name)


def test_document_named_like_a_photo_is_rejected():
    with pytest.raises(exceptions.ContentMismatch):
        probe_image(image_bytes("PDF", (32, 32)), "scan.jpg")


def test_sound_file_named_like_a_photo_is_rejected():
    with pytest.raises(exceptions.ContentMismatch):
        probe_image(audio_bytes("mp3", 1), "photo.jpg")


def test_photo_named_like_a_sound_file_is_rejected():
    with pytest.raises(exceptions.ContentMismatch):
        probe_image(image_bytes("PNG"), "interview.mp3")


def test_decompression_bomb_is_rejected_before_decoding():
    bomb = decompression_bomb_bytes(30_000)  # 900 megapixels in ~100 KB
    assert len(bomb) < 200_000
    for check in (probe_image, strip_metadata, make_derivatives):
        started = time.process_time()
        with pytest.raises(exceptions.DecompressionBomb):
            check(bomb)
        assert time.process_time() - started < 0.5


def test_pixel_limit_holds_even_when_pillows_global_guard_is_off(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with pytest.raises(exceptions.DecompressionBomb) as caught:
        probe_image(decompression_bomb_bytes(9_000))  # 81 MP: over our 80 MP
    assert caught.value.params == {"limit": "80"}
    with pytest.raises(exceptions.DecompressionBomb):
        make_derivatives(jpeg_bytes((100, 100)), max_pixels=5_000)


def test_truncated_photo_is_rejected_as_damaged():
    damaged = truncated_jpeg_bytes()
    for check in (probe_image, strip_metadata, make_derivatives):
        with pytest.raises(exceptions.CorruptFile):
            check(damaged)


@pytest.mark.parametrize("fmt", ACCEPTED)
def test_interrupted_upload_of_every_format_is_rejected_as_damaged(fmt):
    original = {"jpeg": jpeg_bytes((256, 192)), "heic": heic_bytes((256, 192))}.get(fmt) or (
        image_bytes(fmt.upper(), (256, 192))
    )
    for cut in (len(original) * 9 // 10, len(original) // 2, 40):
        with pytest.raises(exceptions.CorruptFile):
            probe_image(original[:cut])


def test_photo_with_no_pixels_is_rejected_as_damaged():
    with pytest.raises(exceptions.CorruptFile):
        probe_image(zero_width_png_bytes())


# --- messages -------------------------------------------------------------------------------


@pytest.fixture
def english():
    from django.conf import settings
    from django.utils import translation

    if not settings.configured:
        settings.configure(USE_I18N=False)
    with translation.override("en"):
        yield


def test_rejections_explain_themselves_in_plain_words(english):
    assert str(exceptions.EmptyFile()) == "This file is empty."
    assert str(exceptions.FileTooLarge(limit="50 MB")) == "This file is too large (over 50 MB)."
    assert "JPEG, HEIC, PNG or WebP" in str(exceptions.UnsupportedFormat())
    assert "80 million" in str(exceptions.DecompressionBomb(limit="80"))


def test_every_rejection_has_its_own_stable_code():
    kinds = exceptions.MediaError.__subclasses__()
    codes = [kind.code for kind in kinds]
    assert len(kinds) >= 8 and len(set(codes)) == len(codes)
    assert (
        repr(exceptions.FileTooLarge(limit="1 KB"))
        == "FileTooLarge(code='file_too_large', params={'limit': '1 KB'})"
    )
