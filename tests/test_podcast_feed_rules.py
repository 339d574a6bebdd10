"""Rules re-checked against Apple's requirements and the Podcasting 2.0
namespace: the transcript's own language, enclosure formats Apple lists,
https addresses, podcast:medium values and podcast:person name length."""

import re

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from photovoice.demo.translation import translate
from podcast.feed import PODCAST, build_feed
from podcast.feed_checks import check_feed, check_feed_xml
from tests.builders import use_local_public_storage, wav_bytes
from tests.podcast_builders import (
    TRANSCRIPT,
    artwork_bytes,
    make_episode,
    make_show,
    parse_xml,
    site_fetch,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_public_files(settings, tmp_path):
    use_local_public_storage(settings, tmp_path)


def transcript_language(show) -> str:
    item = parse_xml(build_feed(show)).find("channel").find("item")
    return item.find(f"{{{PODCAST}}}transcript").get("language")


def test_a_translation_keeping_the_original_transcript_says_it_is_in_the_original_language(
    client, site_home, django_capture_on_commit_callbacks
):
    show = make_show(site_home)
    episode = make_episode(show, audio=wav_bytes(seconds=3), transcript_vtt=TRANSCRIPT)
    english_show = translate(show, "en", {show.title: "City stories"})
    english = translate(episode, "en", {episode.title: "Episode in English"})
    assert transcript_language(show) == "cs"
    assert transcript_language(english_show) == "cs"
    assert client.get(english.transcript_path())["Content-Language"] == "cs"
    html = client.get(english.url).content.decode()
    assert '<html lang="en"' in html
    assert 'srclang="cs"' in html and '<ol class="cues" lang="cs">' in html

    english.transcript_vtt = "WEBVTT\n\n00:00.000 --> 00:04.000\n<v Jana>Welcome to the podcast.\n"
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is cleared on commit
        english.save_revision().publish()
    assert transcript_language(english_show) == "en"
    assert 'srclang="en"' in client.get(english.url).content.decode()


def test_apple_unlisted_enclosure_formats_and_plain_http_are_warnings_not_errors(site_home):
    show = make_show(site_home)
    make_episode(show, audio=wav_bytes(seconds=3), transcript_vtt=TRANSCRIPT)
    as_mp3 = build_feed(show)
    assert b'type="audio/mpeg"' in as_mp3 and b'/audio.mp3"' in as_mp3
    assert check_feed_xml(as_mp3)[0].warnings == []

    as_wav = as_mp3.replace(b'type="audio/mpeg"', b'type="audio/wav"')
    as_wav = as_wav.replace(b'/audio.mp3"', b'/audio.wav"')
    report, _root = check_feed_xml(as_wav)
    assert report.ok
    assert [w.code for w in report.warnings] == ["enclosure-format"]
    with translation.override("en"):
        assert "Apple Podcasts does not list audio/wav (.wav)" in str(report.warnings[0])
    # Apple goes by the file extension as well as the type.
    mislabelled = as_mp3.replace(b'/audio.mp3"', b'/audio.wav"')
    assert [w.code for w in check_feed_xml(mislabelled)[0].warnings] == ["enclosure-format"]

    public = re.sub(rb'url="http://localhost/', b'url="http://podcast.example.org/', as_mp3)
    report, _root = check_feed_xml(public)
    assert report.ok
    assert {w.code for w in report.warnings} == {"https"}
    secure = public.replace(b"http://podcast.example.org/", b"https://podcast.example.org/")
    assert check_feed_xml(secure)[0].warnings == []


@pytest.mark.parametrize(
    ("medium", "accepted"),
    [("podcast", True), ("course", True), ("podcastL", True), ("mixed", True), ("radio", False)],
)
def test_podcast_medium_accepts_the_namespace_values(site_home, medium, accepted):
    show = make_show(site_home)
    body = build_feed(show).replace(
        b"<podcast:medium>podcast</podcast:medium>",
        f"<podcast:medium>{medium}</podcast:medium>".encode(),
    )
    codes = [f.code for f in check_feed_xml(body)[0].findings]
    assert ("podcast-medium" not in codes) is accepted


def test_podcast_person_names_are_at_most_128_characters(site_home):
    show = make_show(site_home)
    make_episode(
        show,
        audio=wav_bytes(seconds=3),
        people=[("person", {"name": "x" * 129, "role": "host", "href": "", "img": ""})],
    )
    codes = [f.code for f in check_feed_xml(build_feed(show))[0].findings]
    assert codes == ["podcast-person"]


def test_podcast_guid_must_be_a_uuid_and_may_differ_from_the_address_after_a_move(site_home):
    show = make_show(site_home)
    body = build_feed(show)
    guid = show.podcast_guid.encode()
    moved = body.replace(guid, b"917393e3-1b1e-5cef-ace4-edaa54e1f810")
    report, _root = check_feed_xml(moved)
    assert report.ok and [w.code for w in report.warnings] == ["podcast-guid"]
    report, _root = check_feed_xml(body.replace(guid, b"my-podcast"))
    assert [f.code for f in report.findings] == ["podcast-guid"]


def test_artwork_whose_name_does_not_match_its_format_is_an_error(client, site_home):
    show = make_show(site_home)
    make_episode(show, audio=wav_bytes(seconds=3))
    show.artwork.name = show.artwork.name.replace(".jpg", ".png")
    show.artwork.storage.save(show.artwork.name, ContentFile(artwork_bytes()))
    show.save_revision().publish()
    report = check_feed(show.feed_url(), site_fetch(client))
    with translation.override("en"):
        assert [str(f) for f in report.findings] == [
            "[artwork] channel: artwork named .png is a JPG file"
        ]


def test_a_wav_upload_is_published_as_mp3_that_apple_lists(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show, audio=wav_bytes(seconds=70), filename="field-recorder.wav")
    audio = episode.audio()
    assert (audio.extension, audio.mime_type) == ("mp3", "audio/mpeg")
    assert abs(audio.duration_seconds - 70) < 1
    with episode.audio_upload.open("rb") as original:
        assert original.read(4) == b"RIFF"  # the private original is kept as uploaded
    served = client.get(episode.enclosure_path(audio))
    assert served["Content-Type"] == "audio/mpeg"
    report, _root = check_feed_xml(build_feed(show))
    assert report.ok and report.warnings == []
