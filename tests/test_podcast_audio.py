"""Enclosures: HEAD, byte ranges, exact lengths, durations, and S3 redirects."""

import pytest

from media_pipeline.audio import probe_audio
from podcast import views
from tests.builders import use_local_public_storage
from tests.podcast_builders import make_episode, make_show, mp3_bytes, parse_xml

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_public_files(settings, tmp_path):
    """These tests read enclosures and artwork through our own views; keep the
    public files local in the PostgreSQL + S3 pass too (where the enclosure
    redirects to the object store instead, tested separately)."""
    use_local_public_storage(settings, tmp_path)


ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def feed_items(client, show):
    root = parse_xml(client.get(show.feed_path(), HTTP_HOST="localhost").content)
    return root.findall("channel/item")


def test_every_enclosure_answers_a_two_byte_probe_with_206_and_the_feed_length(client, site_home):
    show = make_show(site_home)
    make_episode(show)
    mp3 = mp3_bytes()
    if mp3 is not None:
        make_episode(show, audio=mp3, filename="episode.mp3")
    for item in feed_items(client, show):
        enclosure = item.find("enclosure")
        length = enclosure.get("length")
        response = client.get(enclosure.get("url"), HTTP_RANGE="bytes=0-1")
        assert response.status_code == 206
        assert response["Content-Range"] == f"bytes 0-1/{length}"
        assert b"".join(response.streaming_content) and response["Content-Length"] == "2"
        whole = client.get(enclosure.get("url"))
        assert whole.status_code == 200
        body = b"".join(whole.streaming_content)
        assert str(len(body)) == length
        assert whole["Content-Type"] == enclosure.get("type")
        duration = int(item.find(f"{ITUNES}duration").text)
        assert abs(duration - probe_audio(body).duration_seconds) <= 1


def test_head_gives_the_length_without_a_body(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show)
    audio = episode.audio()
    response = client.head(episode.enclosure_path(audio))
    assert response.status_code == 200
    assert response["Content-Length"] == str(audio.length)
    assert response["Accept-Ranges"] == "bytes"


def test_a_middle_range_and_an_impossible_range(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show)
    audio = episode.audio()
    url = episode.enclosure_path(audio)
    response = client.get(url, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{audio.length}"
    with audio.file.open("rb") as handle:
        handle.seek(100)
        assert b"".join(response.streaming_content) == handle.read(100)
    past_end = client.get(url, HTTP_RANGE=f"bytes={audio.length}-")
    assert past_end.status_code == 416
    assert past_end["Content-Range"] == f"bytes */{audio.length}"


def test_public_copy_keeps_only_title_and_author_tags(site_home):
    data = mp3_bytes(seconds=3)
    if data is None:
        pytest.skip("ffmpeg is not installed")
    from mutagen.id3 import COMM, ID3

    tagged = __import__("io").BytesIO(data)
    tags = ID3()
    tags.add(COMM(encoding=3, lang="ces", desc="", text=["GPS 50.08,14.42, iPhone of Olga"]))
    tags.save(tagged)
    show = make_show(site_home, author="Integrační centrum")
    episode = make_episode(show, audio=tagged.getvalue(), filename="raw.mp3")
    audio = episode.audio()
    with audio.file.open("rb") as handle:
        public = handle.read()
    assert b"iPhone of Olga" not in public
    copy = ID3(__import__("io").BytesIO(public))
    assert str(copy["TPE1"]) == "Integrační centrum"
    assert str(copy["TIT2"]) == episode.title
    assert audio.mime_type == "audio/mpeg"


def test_on_s3_the_enclosure_redirects_to_the_storage(client, site_home, monkeypatch):
    show = make_show(site_home)
    episode = make_episode(show)
    audio = episode.audio()
    monkeypatch.setattr(views, "serves_ranges_itself", lambda storage: True)
    response = client.get(episode.enclosure_path(audio), HTTP_RANGE="bytes=0-1")
    assert response.status_code == 302
    assert response["Location"] == audio.file.url


def test_wrong_extension_or_unknown_episode_is_not_found(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show)
    assert client.get(f"/podcast/e/{episode.guid}/audio.mp3").status_code == 200
    assert client.get(f"/podcast/e/{episode.guid}/audio.wav").status_code == 404
    assert (
        client.get("/podcast/e/00000000-0000-0000-0000-000000000000/audio.wav").status_code == 404
    )
