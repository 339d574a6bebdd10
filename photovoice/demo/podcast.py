"""A demo podcast: "Příběhy města" in Czech and English, four episodes, one of
them playing an archive testimony (so its consent applies), transcripts and
chapters on two. Speech comes from espeak-ng when it is installed, else
calm tones (so ``make demo`` needs nothing but Python). Safe to run again."""

import io
import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Locale

from photovoice.archive.models import AudioTestimony, Scope
from photovoice.home.models import HomePage
from podcast.audio import publish_episode_audio
from podcast.models import AudioSource, EpisodePage, EpisodeType, PodcastShowPage
from podcast.transcripts import build_webvtt

from .media import demo_photo_jpeg, demo_recording_wav
from .site import ensure_home_page
from .translation import translate

SHOW = {
    "title": "Příběhy města",
    "slug": "pribehy-mesta",
    "description": (
        "Čtyři lidé, kteří do města přišli odjinud, vyprávějí, jak se tu zabydleli: "
        "o jazyce, úřadech, sousedech a domově. Podcast projektu PhotoVoice."
    ),
    "category": "Society & Culture",
    "subcategory": "Documentary",
    "author": "Integrační centrum",
    "owner_name": "Integrační centrum",
    "owner_email": "podcast@example.org",
    "copyright": "© 2025 Integrační centrum",
    "license_name": "CC BY-NC-ND 4.0",
    "license_url": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}
SHOW_EN = {
    SHOW["title"]: "City stories",
    SHOW["description"]: (
        "Four people who came to the city from elsewhere tell how they made it home: "
        "language, offices, neighbours and belonging. A PhotoVoice project podcast."
    ),
    SHOW["copyright"]: "© 2025 Integration centre",
}

# (slug, type, title cs, title en, notes cs, notes en, lines for speech/transcript)
EPISODES = [
    (
        "upoutavka",
        EpisodeType.TRAILER,
        "Upoutávka: Příběhy města",
        "Trailer: City stories",
        "Co vás v podcastu čeká.",
        "What the podcast is about.",
        [("Jana", "Vítejte u podcastu Příběhy města.")],
    ),
    (
        "olga-jazyk-a-odvaha",
        EpisodeType.FULL,
        "Olga: o jazyce a odvaze",
        "Olga: on language and courage",
        "Olga přijela bez znalosti češtiny. Dnes pomáhá ostatním s formuláři.",
        "Olga arrived without a word of Czech. Today she helps others with forms.",
        None,  # plays the archive testimony
    ),
    (
        "tomas-dilna",
        EpisodeType.FULL,
        "Tomás: dílna na kola",
        "Tomás: a bicycle workshop",
        "Tomás opravuje kola a s nimi i sousedské vztahy.",
        "Tomás repairs bicycles, and with them the neighbourhood.",
        [
            ("Jana", "Dnes jsme v dílně na kola."),
            ("Tomás", "Nejtěžší nebyla práce, ale papíry."),
            ("Jana", "A co vám pomohlo?"),
            ("Tomás", "Sousedé. Přinesli mi první kolo."),
        ],
    ),
    (
        "lan-obchod",
        EpisodeType.FULL,
        "Lan: obchod od šesti ráno",
        "Lan: a shop open from six",
        "Lan vyrůstala mezi dvěma jazyky v maminčině obchodě.",
        "Lan grew up between two languages in her mother's shop.",
        [
            ("Jana", "Lan, jak vypadalo vaše dětství?"),
            ("Lan", "Obchod se otvíral v šest ráno. Učila jsem se u pultu."),
            ("Jana", "Děkujeme za rozhovor."),
        ],
    ),
]


def speech_wav(lines: list[tuple[str, str]], seed: int, seconds: float = 75.0) -> bytes:
    """Spoken lines from espeak-ng when installed (padded with tones to a
    length that counts as a download), else tones alone."""
    espeak = shutil.which("espeak-ng")
    if espeak is None or not lines:
        return demo_recording_wav(seed, seconds=seconds)
    text = " ".join(text for _speaker, text in lines)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "speech.wav"
        subprocess.run(  # noqa: S603 - fixed arguments, text passed as one argument
            [espeak, "-v", "cs", "-w", str(out), text], check=True, capture_output=True
        )
        return out.read_bytes()


def transcript_for(lines: list[tuple[str, str]] | None) -> str:
    if not lines:
        return ""
    step = 4.0
    return build_webvtt(
        [(i * step, (i + 1) * step, speaker, text) for i, (speaker, text) in enumerate(lines)]
    )


def chapters_for(lines: list[tuple[str, str]] | None) -> list:
    if not lines or len(lines) < 2:
        return []
    return [
        (
            "chapter",
            {
                "start": "0:00",
                "title": "Úvod",
                "url": "",
                "image_url": "",
                "location": {"name": "", "geo": ""},
            },
        ),
        (
            "chapter",
            {
                "start": "0:08",
                "title": "Rozhovor",
                "url": "",
                "image_url": "",
                "location": {"name": "Praha", "geo": "geo:50.0875,14.4213"},
            },
        ),
    ]


def artwork_jpeg() -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(demo_photo_jpeg(7, size=(1400, 1400)))) as image:
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def demo_testimony() -> AudioTestimony | None:
    """Olga's interview from the demo archive, when its consent allows the
    podcast. Its public copy may still be on its way (made after commit)."""
    return AudioTestimony.objects.allowed_in(Scope.PODCAST).filter(participant__code="P01").first()


def ensure_demo_podcast() -> PodcastShowPage:
    """The demo show in Czech with its English translation and four episodes."""
    home = ensure_home_page()
    czech = Locale.objects.get(language_code="cs")
    show = PodcastShowPage.objects.filter(feed_slug=SHOW["slug"], locale=czech).first()
    if show is None:
        show = PodcastShowPage(
            **SHOW, artwork=ContentFile(artwork_jpeg(), name="pribehy-mesta.jpg")
        )
        HomePage.objects.get(pk=home.pk).add_child(instance=show)
        show.save_revision().publish()
    start = timezone.now() - timedelta(days=28)
    english_titles = {}
    for index, (slug, kind, title, title_en, notes, notes_en, lines) in enumerate(EPISODES):
        english_titles[title] = title_en
        english_titles[notes] = notes_en
        if EpisodePage.objects.child_of(show).filter(slug=slug).exists():
            continue
        episode = EpisodePage(
            title=title,
            slug=slug,
            show_notes=f"<p>{notes}</p>",
            episode_type=kind,
            season=1,
            episode_number=index if kind == EpisodeType.FULL else None,
            pub_date=start + timedelta(days=7 * index),
            transcript_vtt=transcript_for(lines),
            chapters=chapters_for(lines),
            people=[("person", {"name": "Jana Nováková", "role": "host", "href": "", "img": ""})],
            location_name="Praha",
            location_geo="geo:50.0875,14.4213",
        )
        testimony = demo_testimony() if lines is None else None
        if testimony is not None:
            episode.audio_source = AudioSource.TESTIMONY
            episode.testimony = testimony
        else:
            episode.audio_upload = ContentFile(
                speech_wav(lines or [], seed=40 + index), name=f"{slug}.wav"
            )
        show.add_child(instance=episode)
        episode.save_revision().publish()
        publish_episode_audio(episode)
    translate(show, "en", SHOW_EN)
    for episode in EpisodePage.objects.child_of(show):
        translate(episode, "en", english_titles)
    return show
