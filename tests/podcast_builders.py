"""Builders for podcast tests: shows, episodes and real audio made on the spot."""

import io
import itertools
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from photovoice.archive.media import publish_testimony_audio
from podcast.audio import publish_episode_audio
from podcast.fetchers import client_fetch
from podcast.models import AudioSource, EpisodePage, PodcastShowPage
from podcast.transcripts import build_webvtt
from tests.builders import give_consent, make_participant, make_testimony, wav_bytes

_numbers = itertools.count(1)

TRANSCRIPT = build_webvtt(
    [
        (0.0, 4.0, "Jana", "Vítejte v podcastu. Dnes mluvíme s Olgou."),
        (4.0, 9.5, "Olga", "Přišla jsem v zimě & bylo to <těžké>."),
        (9.5, 15.0, "Jana", "Co vám pomohlo? 😊"),
    ]
)


def artwork_bytes(size=(1400, 1400), mode="RGB", fmt="JPEG", exif: bool = False) -> bytes:
    image = Image.new(mode, size, (30, 90, 140) if mode == "RGB" else 0)
    if mode == "RGB":
        ImageDraw.Draw(image).ellipse((100, 100, size[0] - 100, size[1] - 100), fill=(240, 200, 60))
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Secret Camera Maker"  # Make
        options["exif"] = data.tobytes()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def mp3_bytes(seconds: float = 75.0) -> bytes | None:
    """An MP3 made by ffmpeg, or None when ffmpeg is not installed."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "tone.mp3"
        subprocess.run(
            [
                ffmpeg,
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=330:duration={seconds}",
                "-ac",
                "1",
                "-b:a",
                "64k",
                str(out),
            ],
            check=True,
        )
        return out.read_bytes()


def make_show(home, **fields) -> PodcastShowPage:
    n = next(_numbers)
    defaults = {
        "title": f"Příběhy města {n}",
        "slug": f"pribehy-{n}",
        "description": "Čtyři lidé, kteří přišli odjinud, vyprávějí o životě ve městě.",
        "category": "Society & Culture",
        "subcategory": "Documentary",
        "author": "Integrační centrum",
        "owner_name": "Integrační centrum",
        "owner_email": "podcast@example.org",
    }
    show = PodcastShowPage(**{**defaults, **fields})
    if not show.artwork:
        show.artwork = ContentFile(artwork_bytes(), name=f"show-{n}.jpg")
    home.add_child(instance=show)
    show.save_revision().publish()
    show.refresh_from_db()
    return show


def make_episode(show, *, audio: bytes | None = None, filename: str = "episode.wav", **fields):
    """A published episode with its own uploaded recording (public copy made)."""
    n = next(_numbers)
    defaults = {
        "title": f"Epizoda {n}",
        "slug": f"epizoda-{n}",
        "show_notes": f"<p>Poznámky k epizodě {n}.</p>",
        "episode_number": n,
    }
    episode = EpisodePage(**{**defaults, **fields})
    if episode.audio_source == AudioSource.UPLOAD and not episode.audio_upload:
        episode.audio_upload = ContentFile(
            audio if audio is not None else wav_bytes(seconds=70), name=filename
        )
    show.add_child(instance=episode)
    episode.save_revision().publish()
    episode.refresh_from_db()
    if episode.audio_source == AudioSource.UPLOAD:
        publish_episode_audio(episode)
    return episode


def make_testimony_episode(show, *, credit_name: str = "Olga K.", anonymous=False, **fields):
    """An episode that plays an archive testimony with podcast consent."""
    from photovoice.archive.models import Credit

    participant = make_participant(
        display_name=credit_name, credit=Credit.ANONYMOUS if anonymous else Credit.PSEUDONYM
    )
    give_consent(participant)
    testimony = make_testimony(participant, transcript_vtt=TRANSCRIPT)
    testimony.file.save("interview.wav", ContentFile(wav_bytes(seconds=65)), save=True)
    publish_testimony_audio(testimony)
    testimony.refresh_from_db()
    episode = make_episode(show, audio_source=AudioSource.TESTIMONY, testimony=testimony, **fields)
    return episode, testimony


def site_fetch(client):
    """Like :func:`podcast.fetchers.client_fetch`, but reads public media
    (artwork) from storage, as the web server would serve it."""
    fetch = client_fetch(client)

    def fetch_with_media(url: str, method: str, headers: dict):
        path = url.split("://", 1)[-1].split("/", 1)[-1]
        path = "/" + path
        if path.startswith(settings.MEDIA_URL):
            name = path[len(settings.MEDIA_URL) :]
            if not default_storage.exists(name):
                return 404, {}, b""
            with default_storage.open(name, "rb") as handle:
                return 200, {}, handle.read()
        return fetch(url, method, headers)

    return fetch_with_media


def episode_of(page) -> EpisodePage:
    return EpisodePage.objects.get(pk=page.pk)


def parse_xml(body: bytes):
    """Parse a feed this site made (expat refuses entity bombs anyway)."""
    from xml.etree import ElementTree as ET

    return ET.fromstring(body)  # noqa: S314
