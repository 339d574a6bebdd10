"""A workshop's worth of phone media for ``bench_bulk_import.py``.

Photos are 12-megapixel (4032x3024) like a phone's: gradients, shapes and
sensor-like noise so they compress to a realistic 2.5-5 MB, each one different
(the importer skips a participant's re-imported bytes), with camera EXIF and GPS
so the importer's metadata stripping does real work. A share are HEIC, as an
iPhone saves them. Interviews are five-minute mono AAC ``.m4a`` recordings made
by ffmpeg, with a location tag, and a plain-text transcript each.
"""

import csv
import random
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw
from pillow_heif import register_heif_opener

register_heif_opener()

PHOTO_SIZE = (4032, 3024)
INTERVIEW_SECONDS = 300
MANIFEST_COLUMNS = [
    "file",
    "participant",
    "credit",
    "display_name",
    "title",
    "caption",
    "language",
    "scopes",
    "people_depicted",
    "themes",
    "transcript_file",
]
#: Strings in the generated files' metadata, which no public copy may contain.
CAMERA_MAKE = "BulkBenchPhone"
CAMERA_MODEL = "BulkBench Model 12"
LOCATION = "+50.0755+014.4378/"
THEMES = ["Domov", "Práce", "Město", "Rodina", "Cesta"]


@dataclass
class Workshop:
    manifest: Path
    photos: int
    heic_photos: int
    interviews: int
    bytes_photos: int
    bytes_audio: int


@cache
def _base_scene() -> Image.Image:
    """Gradients blended with noise, made once per process (the slow part)."""
    grey = Image.linear_gradient("L").resize(PHOTO_SIZE)
    radial = Image.radial_gradient("L").resize(PHOTO_SIZE)
    noise = Image.effect_noise(PHOTO_SIZE, 24)
    return Image.merge(
        "RGB", (Image.blend(grey, noise, 0.3), Image.blend(radial, noise, 0.2), grey)
    )


def _exif(number: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA_MAKE
    exif[ExifTags.Base.Model] = CAMERA_MODEL
    exif[ExifTags.Base.DateTime] = f"2026:05:{1 + number % 28:02d} 10:{number % 60:02d}:00"
    exif[ExifTags.Base.Orientation] = 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 4.0, float(number % 60))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (14.0, 25.0, 3.5)
    return exif


def make_photo(path: Path, number: int) -> int:
    """Write photo ``number`` (JPEG or HEIC by ``path``'s suffix); returns its size."""
    rng = random.Random(number)
    width, height = PHOTO_SIZE
    image = ImageChops.offset(_base_scene(), rng.randrange(width), rng.randrange(height))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(200, 1400), rng.randrange(200, 1000)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour)
    # Shapes are flat; blend some noise back so they look photographed.
    image = Image.blend(image, _base_scene(), 0.25)
    exif = _exif(number)
    if path.suffix == ".heic":
        # x265's "ultrafast" keeps generation time bearable; iPhone-like size.
        image.save(
            path, "HEIF", quality=60, exif=exif.tobytes(), enc_params={"preset": "ultrafast"}
        )
    else:
        image.save(path, "JPEG", quality=95, exif=exif)
    return path.stat().st_size


def make_interview(path: Path, number: int) -> int:
    """Write a five-minute mono 44.1 kHz AAC recording with a location tag."""
    seconds = INTERVIEW_SECONDS
    voice = f"sine=frequency={180 + number * 7}:sample_rate=44100:duration={seconds}"
    room = f"anoisesrc=color=pink:amplitude=0.08:sample_rate=44100:duration={seconds}:seed={number}"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y"]
        + ["-f", "lavfi", "-i", voice, "-f", "lavfi", "-i", room]
        + ["-filter_complex", "amix=inputs=2:duration=shortest", "-ac", "1", "-ar", "44100"]
        + ["-c:a", "aac", "-b:a", "64k"]
        + ["-metadata", f"location={LOCATION}", "-metadata", f"comment={CAMERA_MAKE}"]
        + [str(path)],
        check=True,
    )
    return path.stat().st_size


def transcript(number: int) -> str:
    """About five minutes of speech: some 700 words."""
    sentence = f"Interview {number}: this is where I live and what I wanted to show you. "
    return sentence * 50


def _participant(number: int, participants: int) -> str:
    return f"BB{number % participants + 1:02d}"


def make_workshop(
    folder: Path, *, photos: int, interviews: int, heic_share: float, participants: int = 20
) -> Workshop:
    """Write the media and ``manifest.csv`` into ``folder`` (in parallel on all cores)."""
    folder.mkdir(parents=True, exist_ok=True)
    heic_every = round(1 / heic_share) if heic_share > 0 else 0
    photo_paths = [
        folder
        / f"IMG_{n:04d}.{'heic' if heic_every and n % heic_every == heic_every - 1 else 'jpg'}"
        for n in range(photos)
    ]
    audio_paths = [folder / f"interview_{n:02d}.m4a" for n in range(interviews)]
    with ProcessPoolExecutor() as pool:
        photo_sizes = list(pool.map(make_photo, photo_paths, range(photos), chunksize=4))
        audio_sizes = list(pool.map(make_interview, audio_paths, range(interviews)))
    rows = []
    for n, path in enumerate(photo_paths):
        rows.append(
            {
                "file": path.name,
                "title": f"Photo {n}",
                "caption": f"What photo {n} shows, in the author's words.",
                "scopes": "archive;exhibitions",
                "people_depicted": "none",
                "themes": THEMES[n % len(THEMES)],
                "participant": _participant(n, participants),
            }
        )
    for n, path in enumerate(audio_paths):
        text = folder / f"interview_{n:02d}.txt"
        text.write_text(transcript(n), encoding="utf-8")
        rows.append(
            {
                "file": path.name,
                "title": f"Interview {n}",
                "caption": "",
                "scopes": "archive;podcast",
                "themes": THEMES[n % len(THEMES)],
                "transcript_file": text.name,
                "participant": _participant(n, participants),
            }
        )
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        for row in rows:
            code = row["participant"]
            writer.writerow(
                {
                    "credit": "pseudonym",
                    "display_name": f"Author {code}",
                    "language": "cs",
                    **row,
                }
            )
    return Workshop(
        manifest=manifest,
        photos=photos,
        heic_photos=sum(path.suffix == ".heic" for path in photo_paths),
        interviews=interviews,
        bytes_photos=sum(photo_sizes),
        bytes_audio=sum(audio_sizes),
    )
