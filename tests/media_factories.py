"""Builders of real photo and sound files, in memory, carrying the metadata phones leak.

Every personal detail uses a distinctive marker (``LEAKS``) so tests can search
the raw bytes of a public copy for it.
"""

import hashlib
import struct
import subprocess
import tempfile
import zlib
from io import BytesIO
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image

pillow_heif.register_heif_opener()

PRAGUE = (50.0, 4.0, 31.8), (14.0, 26.0, 15.72)  # degrees, minutes, seconds
LOCATION_ISO6709 = "+50.0755+014.4378/"
LEAKS = (
    b"LeakyPhoneMaker",
    b"SecretModel X",
    b"SERIAL-0042-PRIVATE",
    b"Jana's iPhone",
    b"2024:05:01 10:11:12",
    b"Jana Novakova",
    b"Wenceslas Square",
    LOCATION_ISO6709.encode(),
)
SRGB_RED_D50 = (0.4360, 0.2225, 0.0139)
SRGB_GREEN_D50 = (0.3851, 0.7169, 0.0971)
SRGB_BLUE_D50 = (0.1431, 0.0606, 0.7141)


def phone_exif(*, gps: bool = True, orientation: int | None = None) -> Image.Exif:
    """EXIF as a phone writes it: maker, model, serial, time taken and (optionally) GPS."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "LeakyPhoneMaker"
    exif[ExifTags.Base.Model] = "SecretModel X"
    exif[ExifTags.Base.Software] = "Jana's iPhone 17.1"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = "2024:05:01 10:11:12"
    sub[ExifTags.Base.BodySerialNumber] = "SERIAL-0042-PRIVATE"
    sub[ExifTags.Base.CameraOwnerName] = "Jana Novakova"
    if gps:
        latitude, longitude = PRAGUE
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: latitude,
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: longitude,
            }
        )
    return exif


def xmp(*, gps: bool = True) -> bytes:
    """An XMP packet naming the place, and with ``gps`` its coordinates too."""
    coordinates = b'exif:GPSLatitude="50,4.53N" ' if gps else b""
    return (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        b'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
        + coordinates
        + b'Iptc4xmpCore:Location="Wenceslas Square"/></rdf:RDF></x:xmpmeta>'
    )


def picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A photo-like picture: a gradient with noise, so encoders do real work."""
    width, height = size
    grey = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 30)
    picture = Image.merge("RGB", (grey, noise, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    return picture.convert(mode) if mode != "RGB" else picture


def jpeg_bytes(
    size: tuple[int, int] = (64, 48),
    *,
    exif_gps: bool = True,
    xmp_gps: bool | None = None,
    orientation: int | None = None,
    mode: str = "RGB",
    image: Image.Image | None = None,
) -> bytes:
    """A phone JPEG with EXIF (GPS of Prague, maker, serial), XMP, IPTC and a comment.

    The XMP holds coordinates too unless ``xmp_gps`` (default: ``exif_gps``) is False.
    """
    buffer = BytesIO()
    (image or picture(size, mode)).save(
        buffer,
        "JPEG",
        quality=90,
        exif=phone_exif(gps=exif_gps, orientation=orientation),
        xmp=xmp(gps=exif_gps if xmp_gps is None else xmp_gps),
        comment=b"Taken by Jana Novakova",
    )
    return _insert_after_soi(buffer.getvalue(), _iptc_segment("Wenceslas Square"))


def jpeg_with_thumbnail_bytes(photo_colour: str = "blue", thumb_colour: str = "red") -> bytes:
    """A JPEG whose EXIF embeds a thumbnail showing a *different* picture.

    Editors that crop a photo often leave the old uncropped thumbnail behind.
    """
    thumb = BytesIO()
    Image.new("RGB", (32, 24), thumb_colour).save(thumb, "JPEG", quality=50)
    buffer = BytesIO()
    Image.new("RGB", (64, 48), photo_colour).save(
        buffer, "JPEG", exif=_exif_with_thumbnail(thumb.getvalue())
    )
    return buffer.getvalue()


def heic_bytes(size: tuple[int, int] = (64, 48), *, orientation: int | None = None) -> bytes:
    """An iPhone-style HEIC with EXIF (GPS, maker, serial) and XMP."""
    buffer = BytesIO()
    picture(size).save(
        buffer, "HEIF", quality=80, exif=phone_exif(orientation=orientation).tobytes(), xmp=xmp()
    )
    return buffer.getvalue()


def image_bytes(fmt: str, size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    """A picture saved by Pillow as ``fmt`` (PNG, WEBP, AVIF, GIF, TIFF, BMP...) with EXIF."""
    buffer = BytesIO()
    options = {"exif": phone_exif().tobytes()} if fmt in {"PNG", "WEBP", "AVIF"} else {}
    picture(size, mode).save(buffer, fmt, **options)
    return buffer.getvalue()


def cmyk_jpeg_bytes(cmyk: tuple[int, int, int, int] = (0, 255, 255, 0)) -> bytes:
    """A print-shop CMYK JPEG (Adobe marker) filled with one colour; default pure red."""
    buffer = BytesIO()
    Image.new("CMYK", (40, 30), cmyk).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def png16_bytes(value: int = 0x8000, *, rgb: bool = False) -> bytes:
    """A 16-bit PNG (grey, or RGB when ``rgb``) filled with ``value`` out of 65535."""
    if rgb:
        # Pillow cannot write 16-bit RGB; write the PNG chunks directly.
        width, height = 8, 6
        row = b"\x00" + struct.pack(">HHH", value, value, value) * width
        ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
        idat = zlib.compress(row * height)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b"")
        )
    buffer = BytesIO()
    Image.new("I;16", (8, 6), value).save(buffer, "PNG")
    return buffer.getvalue()


def transparent_png_bytes() -> bytes:
    """A 48x48 RGBA PNG: left half opaque green, right half fully transparent."""
    image = Image.new("RGBA", (48, 48), (0, 0, 0, 0))
    image.paste((0, 200, 0, 255), (0, 0, 24, 48))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def tagged_rgb_png_bytes(colour: tuple[int, int, int], icc_profile: bytes) -> bytes:
    """A PNG of one colour carrying ``icc_profile``."""
    buffer = BytesIO()
    Image.new("RGB", (16, 16), colour).save(buffer, "PNG", icc_profile=icc_profile)
    return buffer.getvalue()


def truncated_jpeg_bytes(size: tuple[int, int] = (256, 192)) -> bytes:
    """A phone JPEG cut off part-way through its pixel data (an interrupted upload)."""
    data = jpeg_bytes(size)
    return data[: len(data) * 2 // 3]


def decompression_bomb_bytes(side: int = 30_000) -> bytes:
    """A PNG of ``side``x``side`` 1-bit pixels: tiny on disk, gigabytes once decoded."""
    rows = b"\x00" + bytes((side + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(rows) for _ in range(side)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def swapped_rgb_icc_profile() -> bytes:
    """An ICC v2 RGB profile whose red and blue primaries are swapped relative to sRGB.

    Pure red tagged with it *means* sRGB blue, so honouring the profile is visible.
    """

    def xyz(values: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    description = b"Swapped primaries test\0"
    tags = {
        b"desc": b"desc\0\0\0\0"
        + struct.pack(">I", len(description))
        + description
        + bytes(4 + 4 + 2 + 1 + 67),
        b"wtpt": xyz((0.9642, 1.0, 0.8249)),
        b"rXYZ": xyz(SRGB_BLUE_D50),
        b"gXYZ": xyz(SRGB_GREEN_D50),
        b"bXYZ": xyz(SRGB_RED_D50),
        b"rTRC": b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233),
    }
    tags[b"gTRC"] = tags[b"bTRC"] = tags[b"rTRC"]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table, body = struct.pack(">I", len(tags)), b""
    for signature, data in tags.items():
        data += bytes(-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = 128 + table_size + len(body)
    header = (
        struct.pack(">I4sI4s4s4s", size, b"\0\0\0\0", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
        + bytes(12)
        + b"acsp"
        + bytes(24)
        + struct.pack(">I", 0)
        + b"".join(struct.pack(">i", round(v * 65536)) for v in (0.9642, 1.0, 0.8249))
        + bytes(48)
    )
    return header + table + body


def pseudo_random_bytes(n: int, seed: bytes = b"media") -> bytes:
    """Deterministic noise (the same every run)."""
    return hashlib.shake_256(seed).digest(n)


# --- sound -------------------------------------------------------------------------------

PERSONAL_AUDIO_TAGS = {
    "title": "Interview with Jana Novakova",
    "artist": "Jana Novakova",
    "comment": f"Recorded at Wenceslas Square {LOCATION_ISO6709}",
    "location": LOCATION_ISO6709,
    "encoder": "SecretModel X recorder",
}
_FFMPEG_ARGS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "64k", "-write_id3v1", "1"],
    "m4a": ["-c:a", "aac", "-b:a", "64k"],
    "ogg": ["-c:a", "libvorbis", "-q:a", "2"],
    "opus": ["-c:a", "libopus", "-b:a", "32k"],
    "wav": ["-c:a", "pcm_s16le"],
    "flac": ["-c:a", "flac"],
}


def audio_bytes(
    fmt: str,
    seconds: float = 2,
    *,
    tags: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
) -> bytes:
    """A ``seconds``-long 440 Hz tone made by ffmpeg as ``fmt`` (mp3, m4a, ogg, opus, wav, flac)."""
    metadata = PERSONAL_AUDIO_TAGS if tags is None else tags
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"tone.{fmt}"
        command = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440"]
        command += ["-t", str(seconds)]
        for key, value in metadata.items():
            command += ["-metadata", f"{key}={value}"]
        command += [*_FFMPEG_ARGS[fmt], *extra_args, str(path)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        return path.read_bytes()


def voice_memo_m4a_bytes(location: str = LOCATION_ISO6709, *, faststart: bool = False) -> bytes:
    """An iPhone Voice Memos-like AAC .m4a: ``moov/udta/©xyz`` location plus iTunes tags.

    Besides title and comment, it carries the location both as a QuickTime user-data
    atom (where the iPhone writes it) and as an ``ilst`` item, the recording app in
    ``©too``, the device in ``©mak``/``©mod`` and in a ``----`` freeform atom.
    """
    from mutagen.mp4 import MP4, MP4FreeForm

    args = ("-movflags", "+faststart") if faststart else ()
    data = _add_udta_location(audio_bytes("m4a", 3, tags={}, extra_args=args), location)
    buffer = BytesIO(data)
    memo = MP4(buffer)
    if memo.tags is None:
        memo.add_tags()
    memo.tags.update(
        {
            "\xa9nam": ["Wenceslas Square 3"],
            "\xa9cmt": ["Jana Novakova talks about her journey"],
            "\xa9xyz": [location],
            "\xa9too": ["com.apple.VoiceMemos (Jana's iPhone Version 17.1)"],
            "\xa9mak": ["LeakyPhoneMaker"],
            "\xa9mod": ["SecretModel X"],
            "----:com.apple.iTunes:device": [MP4FreeForm(b"SERIAL-0042-PRIVATE")],
        }
    )
    buffer.seek(0)
    memo.save(buffer)
    return buffer.getvalue()


def _add_udta_location(m4a: bytes, location: str) -> bytes:
    """Add ``moov/udta/©xyz`` (QuickTime string: length, language, text) to an m4a.

    The new atom goes at the end of ``moov``; when ``moov`` comes before ``mdat``
    the sample offsets in ``stco`` are shifted to match.
    """
    text = location.encode()
    xyz = _atom(b"\xa9xyz", struct.pack(">HH", len(text), 0x15C7) + text)
    udta = _atom(b"udta", xyz)
    pos = 0
    out = b""
    moov_before_mdat = m4a.find(b"moov") < m4a.find(b"mdat")
    while pos < len(m4a):
        size, kind = struct.unpack(">I4s", m4a[pos : pos + 8])
        atom = m4a[pos : pos + size]
        if kind == b"moov":
            if moov_before_mdat:
                atom = _shift_stco(atom, len(udta))
            atom = struct.pack(">I", size + len(udta)) + atom[4:] + udta
        out += atom
        pos += size
    return out


def _shift_stco(moov: bytes, delta: int) -> bytes:
    """``moov`` with every 32-bit chunk offset in its ``stco`` tables increased by ``delta``."""
    moov = bytearray(moov)
    index = moov.find(b"stco")
    while index != -1:
        count = struct.unpack_from(">I", moov, index + 8)[0]
        for i in range(count):
            at = index + 12 + 4 * i
            struct.pack_into(">I", moov, at, struct.unpack_from(">I", moov, at)[0] + delta)
        index = moov.find(b"stco", index + 4)
    return bytes(moov)


# --- byte-level helpers ------------------------------------------------------------------


def _atom(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def _insert_after_soi(jpeg: bytes, segment: bytes) -> bytes:
    return jpeg[:2] + segment + jpeg[2:]


def _iptc_segment(city: str) -> bytes:
    """An APP13 Photoshop segment holding an IPTC record with the city (2:90)."""
    value = city.encode()
    iptc = b"\x1c\x02\x5a" + struct.pack(">H", len(value)) + value
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(iptc)) + iptc
    resource += bytes(len(resource) % 2)
    payload = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + struct.pack(">H", 2 + len(payload)) + payload


def _exif_with_thumbnail(thumbnail: bytes) -> bytes:
    """A raw EXIF block: IFD0 with Make, then IFD1 pointing at an embedded JPEG thumbnail."""
    make = b"LeakyPhoneMaker\0"
    # TIFF header (8) + IFD0: count(2) + 1 entry(12) + next(4) = 26 -> IFD1 at 26.
    ifd1_offset = 8 + 2 + 12 + 4
    # IFD1: count(2) + 2 entries(24) + next(4) = 30 -> make string, then thumbnail.
    make_offset = ifd1_offset + 30
    thumb_offset = make_offset + len(make)
    tiff = b"MM\0\x2a" + struct.pack(">I", 8)
    tiff += struct.pack(">H", 1) + struct.pack(">HHII", 0x010F, 2, len(make), make_offset)
    tiff += struct.pack(">I", ifd1_offset)
    tiff += struct.pack(">H", 2)
    tiff += struct.pack(">HHII", 0x0201, 4, 1, thumb_offset)
    tiff += struct.pack(">HHII", 0x0202, 4, 1, len(thumbnail))
    tiff += struct.pack(">I", 0)
    return b"Exif\0\0" + tiff + make + thumbnail


def video_mp4_bytes() -> bytes:
    """A one-second phone-style video (picture and sound) in an .mp4 container."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "clip.mp4"
        command = [
            "ffmpeg", "-v", "error",
            "-f", "lavfi", "-i", "testsrc=size=64x48:duration=1",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
            "-c:v", "mpeg4", "-c:a", "aac", str(path),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        return path.read_bytes()


def zero_width_png_bytes() -> bytes:
    """A PNG whose header declares 0 x 10 pixels."""
    ihdr = struct.pack(">IIBBBBB", 0, 10, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IEND", b"")


def with_riff_chunk(wav: bytes, kind: bytes, body: bytes) -> bytes:
    """``wav`` with an extra chunk (e.g. ``bext``) inserted before the others."""
    chunk = struct.pack("<4sI", kind, len(body)) + body + bytes(len(body) % 2)
    rest = wav[12:]
    return b"RIFF" + struct.pack("<I", 4 + len(chunk) + len(rest)) + b"WAVE" + chunk + rest
