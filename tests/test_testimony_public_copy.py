"""A testimony recorded as WAV reaches visitors and podcast apps as a small MP3
with no tags of the recorder's, the chosen credit as artist; the private
original stays as it was handed in."""

import io

import mutagen
import pytest
from django.core.files.storage import default_storage, storages

from photovoice.archive.media import publish_testimony_audio
from tests.builders import make_participant, make_testimony, wav_bytes

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
