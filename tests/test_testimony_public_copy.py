"""A testimony recorded as WAV reaches visitors and podcast apps as a small MP3
with no tags of the recorder's, under the name its author chooses, now and
after they change it; the private original stays as it was handed in."""

import io

import mutagen
import pytest
from django.core.files.storage import default_storage, storages
from django.utils import translation

from photovoice.archive.media import publish_testimony_audio
from photovoice.archive.models import Credit
from tests.builders import accept, give_consent, make_participant, make_testimony, wav_bytes

pytestmark = pytest.mark.django_db


def test_wav_testimony_gets_an_mp3_public_copy_and_the_original_is_kept():
    author = make_participant(display_name="Mira")
    testimony = make_testimony(author)
    original = storages["private"].open(testimony.file.name).read()

    publish_testimony_audio(testimony)

    testimony.refresh_from_db()
    assert testimony.public_file.name.endswith(".mp3")
    assert testimony.audio_format == "mp3"
    with default_storage.open(testimony.public_file.name) as handle:
        copy = mutagen.File(io.BytesIO(handle.read()))
    assert copy.mime[0] == "audio/mp3"
    assert str(copy.tags["TPE1"]) == "Mira"
    assert abs(copy.info.length - testimony.duration_seconds) < 0.2
    assert storages["private"].open(testimony.file.name).read() == original == wav_bytes()


def public_artist(testimony) -> str:
    testimony.refresh_from_db()
    with default_storage.open(testimony.public_file.name) as handle:
        return str(mutagen.File(io.BytesIO(handle.read())).tags["TPE1"])


def test_public_audio_follows_the_name_the_author_chooses(django_capture_on_commit_callbacks):
    author = make_participant(display_name="Mira")
    with django_capture_on_commit_callbacks(execute=True):
        give_consent(author)
        testimony = make_testimony(author, accepted=False)
        accept(testimony)
    assert public_artist(testimony) == "Mira"

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        give_consent(author, credit=Credit.ANONYMOUS)
    assert "Mira" not in public_artist(testimony)

    with django_capture_on_commit_callbacks(execute=True):
        give_consent(author, credit=Credit.PSEUDONYM)
        author.display_name = "M."
        author.save()
    assert public_artist(testimony) == "M."
