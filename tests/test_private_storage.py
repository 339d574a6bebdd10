"""Originals live in private storage and are never reachable at a public
address; derivatives go to the public storage. Runs on local files and, in the
second pass of ``make test``, on a real S3 server that checks signatures."""

import io
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from PIL import Image
from wagtail.images import get_image_model

# What an S3 server answers an anonymous or forged request (never 200, never 404).
REFUSED = {400, 401, 403}


def small_jpeg(name: str = "garden.jpg") -> ImageFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    return ImageFile(buffer, name=name)


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback test server
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def uses_s3(storage) -> bool:
    return type(storage).__module__.startswith("storages.backends.s3")


@pytest.fixture
def photo(db):
    return get_image_model().objects.create(title="Garden", file=small_jpeg())


def test_photo_original_goes_to_private_storage_and_renditions_to_public(photo):
    assert storages["private"].exists(photo.file.name)
    assert not default_storage.exists(photo.file.name)
    rendition = photo.get_rendition("width-32")
    assert default_storage.exists(rendition.file.name)
    assert not storages["private"].exists(rendition.file.name)


def test_private_original_has_no_public_address(photo):
    storage = photo.file.storage
    if not uses_s3(storage):
        with pytest.raises(ValueError):
            storage.url(photo.file.name)
        original = Path(storage.path(photo.file.name)).resolve()
        assert not original.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        return
    signed = storage.url(photo.file.name)
    assert http_status(signed) == 200
    parts = urlsplit(signed)
    unsigned = urlunsplit(parts._replace(query=""))
    assert http_status(unsigned) in REFUSED
    query = parse_qs(parts.query)
    query["X-Amz-Signature"] = ["0" * 64]
    forged = urlunsplit(parts._replace(query=urlencode(query, doseq=True)))
    assert http_status(forged) in REFUSED
    assert int(query["X-Amz-Expires"][0]) <= 300
