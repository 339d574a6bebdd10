"""Recordings play in browsers and podcast apps: byte ranges, HEAD, and S3."""

import pytest

from photovoice.archive.ranges import ByteRange, RangeNotSatisfiable, parse_byte_range
from tests.builders import (
    give_consent,
    make_participant,
    make_public_copy,
    make_testimony,
    use_local_public_storage,
    wav_bytes,
)

# The pure range parser -------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", ByteRange(0, 99)),
        ("bytes=100-", ByteRange(100, 999)),
        ("bytes=-100", ByteRange(900, 999)),
        ("bytes=990-5000", ByteRange(990, 999)),
        ("bytes=-5000", ByteRange(0, 999)),
        ("bytes=999-999", ByteRange(999, 999)),
        ("Bytes = 5 - 9", ByteRange(5, 9)),
    ],
)
def test_a_single_range_selects_those_bytes(header, expected):
    assert parse_byte_range(header, 1000) == expected


@pytest.mark.parametrize(
    "header",
    [None, "", "bytes=", "bytes=-", "bytes=9-5", "items=0-9", "bytes=0-9,20-29", "bytes=a-b"],
)
def test_no_multiple_or_malformed_ranges_send_the_whole_file(header):
    assert parse_byte_range(header, 1000) is None


@pytest.mark.parametrize(
    ("header", "size"), [("bytes=1000-", 1000), ("bytes=-0", 1000), ("bytes=-5", 0)]
)
def test_ranges_outside_the_file_cannot_be_satisfied(header, size):
    with pytest.raises(RangeNotSatisfiable):
        parse_byte_range(header, size)


def test_content_range_names_the_bytes_and_the_whole_size():
    assert ByteRange(0, 99).content_range(1000) == "bytes 0-99/1000"
    assert ByteRange(0, 99).length == 100


# The audio address --------------------------------------------------------------


@pytest.fixture
def recording(db, settings, tmp_path):
    """A public testimony with a local public copy; returns (url, bytes)."""
    use_local_public_storage(settings, tmp_path)
    author = make_participant()
    give_consent(author)
    testimony = make_public_copy(make_testimony(author), wav_bytes(seconds=0.5))
    with testimony.public_file.open("rb") as copy:
        data = copy.read()
    return f"/media/audio/{testimony.public_key}/{testimony.pk}.wav", data, testimony


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_whole_recording_is_served_and_ranges_are_announced(client, recording):
    url, data, _testimony = recording
    response = client.get(url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Type"].startswith("audio/")
    assert body(response) == data


def test_a_range_request_gets_206_with_exactly_those_bytes(client, recording):
    url, data, _testimony = recording
    response = client.get(url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert response["Content-Length"] == "100"
    assert body(response) == data[100:200]


def test_seeking_to_the_end_and_asking_for_the_last_bytes(client, recording):
    url, data, _testimony = recording
    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206
    assert body(tail) == data[-10:]
    rest = client.get(url, HTTP_RANGE=f"bytes={len(data) - 3}-")
    assert rest["Content-Range"] == f"bytes {len(data) - 3}-{len(data) - 1}/{len(data)}"
    assert body(rest) == data[-3:]


def test_a_range_past_the_end_answers_416_with_the_size(client, recording):
    url, data, _testimony = recording
    response = client.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(data)}"


def test_head_gives_the_headers_without_the_body(client, recording):
    url, data, _testimony = recording
    response = client.head(url)
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(data))
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""
    ranged = client.head(url, HTTP_RANGE="bytes=0-1")
    assert ranged.status_code == 206
    assert ranged["Content-Range"] == f"bytes 0-1/{len(data)}"


def test_a_range_for_an_older_version_of_the_file_gets_the_whole_file(client, recording):
    url, data, _testimony = recording
    etag = client.head(url)["ETag"]
    same = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)
    assert same.status_code == 206
    changed = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"an-older-version"')
    assert changed.status_code == 200
    assert body(changed) == data


def test_the_address_needs_the_current_public_key(client, recording):
    _url, _data, testimony = recording
    assert client.get(f"/media/audio/guessed-key/{testimony.pk}.wav").status_code == 404


def test_a_recording_not_yet_processed_is_not_found(client, db):
    author = make_participant()
    give_consent(author)
    testimony = make_testimony(author)
    url = f"/media/audio/{testimony.public_key}/{testimony.pk}.wav"
    assert client.get(url).status_code == 404


def test_writing_to_the_audio_address_is_not_allowed(client, recording):
    url, _data, _testimony = recording
    assert client.post(url).status_code == 405


def test_on_s3_the_address_redirects_to_the_bucket(client, db, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "public-media",
                "custom_domain": "media.example.org",
                "querystring_auth": False,
                "access_key": "test",
                "secret_key": "test",
            },
        },
    }
    author = make_participant()
    give_consent(author)
    testimony = make_testimony(author)
    # Name the copy without uploading it: redirecting must not touch the bucket.
    testimony.public_file.name = f"audio-public/{testimony.public_key}/{testimony.pk}.mp3"
    testimony.save(update_fields=["public_file"])
    response = client.get(f"/media/audio/{testimony.public_key}/{testimony.pk}.mp3")
    assert response.status_code == 302
    assert response["Location"] == (
        f"https://media.example.org/audio-public/{testimony.public_key}/{testimony.pk}.mp3"
    )
    assert response["Cache-Control"] == "no-store"
