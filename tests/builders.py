"""Small builders for archive objects, made in the test that needs them.

Files are real: photos are drawn with Pillow, recordings are WAV files
written with the standard library, both small so tests stay fast.
"""

import io
import itertools
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from photovoice.archive.consent import Actor, record_consent, set_review
from photovoice.archive.models import (
    AudioTestimony,
    ConsentMethod,
    Credit,
    ModerationStatus,
    Participant,
    PeopleDepicted,
    Photo,
    Project,
    Scope,
)

_numbers = itertools.count(1)
CURATOR = Actor(label="test curator")


def jpeg_bytes(size=(96, 64), colour=(30, 110, 160)) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((8, 8, size[0] - 8, size[1] - 8), fill=(240, 200, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def wav_bytes(seconds: float = 1.0, frequency: float = 440.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = (
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate)))
            for i in range(int(seconds * rate))
        )
        out.writeframes(b"".join(frames))
    return buffer.getvalue()


def make_project(**fields) -> Project:
    n = next(_numbers)
    defaults = {"title": f"Project {n}", "slug": f"project-{n}", "organisation": "City centre"}
    return Project.objects.create(**{**defaults, **fields})


def make_participant(project: Project | None = None, **fields) -> Participant:
    n = next(_numbers)
    defaults = {
        "code": f"T{n:03d}",
        "credit": Credit.PSEUDONYM,
        "display_name": f"Author {n}",
        "legal_name": f"Legal Name {n}",
        "email": f"author{n}@example.org",
    }
    return Participant.objects.create(project=project or make_project(), **{**defaults, **fields})


def make_photo(participant: Participant | None = None, *, accepted: bool = True, **fields) -> Photo:
    n = next(_numbers)
    defaults = {
        "title": f"Photo {n}",
        "caption": f"Caption number {n} in the author's words",
        "description": f"Alt text {n}",
        "people_depicted": PeopleDepicted.NONE,
        "language": "cs",
    }
    photo = Photo.objects.create(
        participant=participant,
        file=ImageFile(io.BytesIO(jpeg_bytes()), name=f"photo-{n}.jpg"),
        **{**defaults, **fields},
    )
    if accepted:
        photo.moderation_status = ModerationStatus.ACCEPTED
        photo.save(update_fields=["moderation_status"])
    return photo


def make_testimony(participant: Participant, *, accepted: bool = True, **fields) -> AudioTestimony:
    n = next(_numbers)
    defaults = {
        "title": f"Interview {n}",
        "transcript": f"Transcript {n}: I came here...",
        "language": "cs",
    }
    testimony = AudioTestimony.objects.create(
        participant=participant,
        file=ContentFile(wav_bytes(), name=f"interview-{n}.wav"),
        duration_seconds=1.0,
        audio_format="wav",
        **{**defaults, **fields},
    )
    if accepted:
        testimony.moderation_status = ModerationStatus.ACCEPTED
        testimony.save(update_fields=["moderation_status"])
    return testimony


def give_consent(participant: Participant, scopes=tuple(Scope), *, item=None, **fields):
    defaults = {
        "text_version": "2026-1",
        "text_language": "cs",
        "method": ConsentMethod.PAPER,
        "actor": CURATOR,
    }
    return record_consent(participant, scopes=scopes, item=item, **{**defaults, **fields})


def accept(item) -> None:
    set_review(item, ModerationStatus.ACCEPTED, actor=CURATOR)
