"""Small builders for archive objects, made in the test that needs them.

Files are real: photos are drawn with Pillow, recordings are WAV files
written with the standard library, both small so tests stay fast.
"""

import io
import itertools
import math
import struct
import wave
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image, ImageDraw
from wagtail.users.models import UserProfile

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


@dataclass
class CommandResult:
    """What a shell user sees: the exit status, standard output and the error message."""

    status: int
    out: str
    err: str


def run_command(*args: str) -> CommandResult:
    """Run a management command in the test's database, as ``manage.py`` would:
    a ``CommandError`` becomes a non-zero status and its message, not a traceback."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as e:
        return CommandResult(e.returncode, out.getvalue(), str(e))
    return CommandResult(0, out.getvalue(), err.getvalue())


CURATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "archive.add_project",
    "archive.change_project",
    "archive.add_participant",
    "archive.change_participant",
    "archive.add_audiotestimony",
    "archive.change_audiotestimony",
    "archive.change_photo",
    "archive.add_consentrecord",
    "archive.view_consentrecord",
    "archive.view_auditevent",
]


def make_curator(*, private_details: bool = False, **fields):
    """A Wagtail user with the archive's curator permissions; with
    ``private_details`` also allowed to see participants' legal names and contacts."""
    n = next(_numbers)
    user = get_user_model().objects.create_user(
        username=fields.pop("username", f"curator{n}"), password="unused", **fields
    )
    names = CURATOR_PERMISSIONS + (["archive.view_private_details"] if private_details else [])
    for name in names:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    # The admin speaks the curator's chosen language; these tests read English.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save(update_fields=["preferred_language"])
    return user


def make_project_page(project: Project | None = None, **fields):
    """A published ``ProjectPage`` under the Czech home page (the default
    site's root). Translate it with :func:`translate_project_page`."""
    from wagtail.models import Site

    from photovoice.archive.models import ProjectPage

    project = project or make_project()
    home = Site.objects.get(is_default_site=True).root_page
    defaults = {"title": f"Projekt {project.title}", "slug": project.slug, "intro": "Úvod projektu"}
    page = home.add_child(instance=ProjectPage(project=project, **{**defaults, **fields}))
    page.save_revision().publish()
    return page


def translate_project_page(page, language_code: str = "en", strings: dict | None = None):
    """Publish ``page``'s translation; ``strings`` maps Czech texts to translations."""
    from photovoice.demo.translation import translate

    translated = translate(page, language_code, strings or {})
    # wagtail-localize publishes when the transaction commits; a test never commits.
    translated.get_latest_revision().publish()
    translated.refresh_from_db()
    return translated


def make_public_copy(testimony: AudioTestimony, data: bytes | None = None) -> AudioTestimony:
    """Give a testimony its public copy in the default storage, as the media
    pipeline does once the recording is processed."""
    testimony.public_file.save(
        f"{testimony.public_key}/{testimony.pk}.wav", ContentFile(data or wav_bytes()), save=False
    )
    testimony.save(update_fields=["public_file"])
    return testimony


def make_theme(name: str = "", **fields):
    """A theme in the default (Czech) language, as items point at it."""
    from wagtail.models import Locale

    from photovoice.archive.models import Theme

    n = next(_numbers)
    defaults = {"name": name or f"Téma {n}", "slug": f"theme-{n}", "locale": Locale.get_default()}
    return Theme.objects.create(**{**defaults, **fields})


def use_local_public_storage(settings, folder) -> None:
    """Point the public (default) storage at a local ``folder`` for one test,
    also in the PostgreSQL + S3 pass, where files would otherwise go to S3."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder), "base_url": "/media/"},
        },
    }
