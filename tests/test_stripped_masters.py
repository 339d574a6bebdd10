"""A project may keep, as the private master of each photo, a copy without any
metadata instead of the file as handed in (issue: "curators may choose to keep
a stripped copy as the master instead")."""

import io

import pytest
from django.core.files.storage import storages
from PIL import Image

from photovoice.archive.ingest import content_hash, ingest_photo
from tests.builders import make_participant, make_project
from tests.media_factories import LEAKS, jpeg_bytes

pytestmark = pytest.mark.django_db


def stored_original(photo) -> bytes:
    with storages["private"].open(photo.file.name) as handle:
        return handle.read()


def test_by_default_the_private_master_is_the_file_as_handed_in():
    handed_in = jpeg_bytes((64, 48), orientation=6)
    photo = ingest_photo(make_participant(), handed_in, "phone.jpg", title="Street")
    assert stored_original(photo) == handed_in


def test_a_project_that_keeps_stripped_masters_stores_only_pixels_upright():
    project = make_project(keep_stripped_masters=True)
    handed_in = jpeg_bytes((64, 48), orientation=6)  # a phone held upright

    photo = ingest_photo(make_participant(project), handed_in, "phone.jpg", title="Street")

    master = stored_original(photo)
    for leak in LEAKS:
        assert leak not in master
    with Image.open(io.BytesIO(master)) as image:
        assert not image.getexif() and "xmp" not in image.info
        assert image.size == (48, 64) == (photo.width, photo.height)
    # The same file handed in again (a manifest run twice) is still recognised.
    assert photo.file_hash == content_hash(handed_in)
