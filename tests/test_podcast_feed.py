"""The podcast feed: what Apple, Spotify and Podcasting 2.0 require, checked
by feedparser (parsing) and by our own checks (every rule)."""

import json
import uuid

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image

from photovoice.demo.translation import translate
from podcast.artwork import ArtworkError, check_artwork
from podcast.feed import ITUNES, PODCAST, build_feed, podcast_guid
from podcast.feed_checks import check_feed, check_feed_xml
from podcast.models import EpisodePage, ShowType
from podcast.transcripts import parse_webvtt
from tests.builders import use_local_public_storage
from tests.podcast_builders import (
    TRANSCRIPT,
    artwork_bytes,
    make_episode,
    make_show,
    make_testimony_episode,
    parse_xml,
    site_fetch,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_public_files(settings, tmp_path):
    """These tests read enclosures and artwork through our own views; keep the
    public files local in the PostgreSQL + S3 pass too (where the enclosure
    redirects to the object store instead, tested separately)."""
    use_local_public_storage(settings, tmp_path)


CHAPTERS = [
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
            "start": "0:30",
            "title": "Příjezd do Prahy",
            "url": "https://example.org/praha",
            "image_url": "",
            "location": {"name": "Praha", "geo": "geo:50.0875,14.4213"},
        },
    ),
]


def feed_response(client, show, **headers):
    return client.get(show.feed_path(), HTTP_HOST="localhost", **headers)


def test_podcast_guid_is_the_spec_derivation_of_the_podnews_example():
    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("http://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("podnews.net/rss//") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_show_feed_parses_with_feedparser_and_passes_every_check(client, site_home):
    show = make_show(site_home)
    first = make_episode(show, transcript_vtt=TRANSCRIPT, chapters=CHAPTERS, season=1)
    make_testimony_episode(show)

    response = feed_response(client, show)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == show.title
    assert parsed.feed.language == "cs"
    assert len(parsed.entries) == 2
    entry = next(e for e in parsed.entries if e.id == str(first.guid))
    assert entry.enclosures[0].type == "audio/mpeg"  # a WAV upload is published as MP3
    assert entry.itunes_duration == "70"

    report = check_feed(show.feed_url(), site_fetch(client))
    assert report.ok, [str(f) for f in report.findings]
    assert report.items == 2


def test_feed_podcast_guid_is_derived_from_its_own_address_and_kept(client, site_home):
    show = make_show(site_home)
    root = parse_xml(feed_response(client, show).content)
    guid = root.find(f"channel/{{{PODCAST}}}guid").text
    assert guid == podcast_guid(show.feed_url()) == show.podcast_guid
    assert show.feed_url() == f"http://localhost/podcast/{show.feed_slug}/cs/feed.xml"

    show.slug = "renamed"
    show.save_revision().publish()
    show.refresh_from_db()
    assert show.feed_slug != "renamed"
    assert show.podcast_guid == guid


def test_feed_stays_well_formed_with_any_text(client, site_home):
    hostile = "Ahoj & <b>vítejte</b> ]]> \x01\x07\x1b Привет 😊 Tiếng Việt مرحبا"
    show = make_show(site_home, title=hostile, description=hostile, author=hostile)
    make_episode(show, title=hostile, show_notes=f"<p>{hostile.replace('<', '&lt;')}</p>")
    body = feed_response(client, show).content
    root = parse_xml(body)
    title = root.find("channel/title").text
    assert title == "Ahoj & <b>vítejte</b> ]]>  Привет 😊 Tiếng Việt مرحبا"
    assert root.find("channel/item/title").text == title
    report, _root = check_feed_xml(body)
    assert report.ok, [str(f) for f in report.findings]


def test_explicit_is_written_true_or_false(client, site_home):
    show = make_show(site_home, explicit=True)
    make_episode(show)
    root = parse_xml(feed_response(client, show).content)
    assert root.find(f"channel/{{{ITUNES}}}explicit").text == "true"
    assert root.find(f"channel/item/{{{ITUNES}}}explicit").text == "false"


def test_serial_type_is_written_only_when_every_episode_has_a_number(client, site_home):
    show = make_show(site_home, show_type=ShowType.SERIAL)
    make_episode(show, episode_number=1)
    root = parse_xml(feed_response(client, show).content)
    assert root.find(f"channel/{{{ITUNES}}}type").text == "serial"
    with pytest.raises(ValidationError):
        make_episode(show, episode_number=None)

    episodic = make_show(site_home)
    make_episode(episodic, episode_number=None)
    episodic.show_type = ShowType.SERIAL  # switched after episodes without numbers
    episodic.save_revision().publish()
    root = parse_xml(feed_response(client, episodic).content)
    assert root.find(f"channel/{{{ITUNES}}}type").text == "episodic"


def test_descriptions_are_cut_to_4000_bytes(site_home):
    show = make_show(site_home)
    episode = make_episode(show)
    # Longer than the page form allows (see below), e.g. text from an older version.
    EpisodePage.objects.filter(pk=episode.pk).update(show_notes="<p>" + "ž" * 3000 + "</p>")
    root = parse_xml(build_feed(show))
    description = root.find("channel/item/description").text
    assert len(description.encode("utf-8")) <= 4000
    assert description.endswith("…")
    show.description = "ž" * 2001
    with pytest.raises(ValidationError):
        show.full_clean()
    episode.refresh_from_db()
    with pytest.raises(ValidationError):
        episode.full_clean()


def test_conditional_get_with_the_etag_answers_304_and_head_has_no_body(client, site_home):
    show = make_show(site_home)
    make_episode(show)
    first = feed_response(client, show)
    assert first["ETag"] and first["Last-Modified"]
    again = feed_response(client, show, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    by_date = feed_response(client, show, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    other = feed_response(client, show, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200
    head = client.head(show.feed_path(), HTTP_HOST="localhost")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(first.content))


def test_a_new_episode_changes_the_etag(client, site_home):
    show = make_show(site_home)
    make_episode(show)
    etag = feed_response(client, show)["ETag"]
    make_episode(show)
    assert feed_response(client, show, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_czech_show_and_its_english_translation_are_two_feeds_on_their_pages(
    client, site_home, django_capture_on_commit_callbacks
):
    show = make_show(site_home)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        english = translate(
            show, "en", {show.title: "City stories", show.description: "Four people."}
        )
    english.refresh_from_db()
    assert english.feed_slug == show.feed_slug
    assert english.feed_url().endswith(f"/podcast/{show.feed_slug}/en/feed.xml")
    assert english.podcast_guid == podcast_guid(english.feed_url()) != show.podcast_guid

    english_feed = client.get(english.feed_path(), HTTP_HOST="localhost")
    assert parse_xml(english_feed.content).find("channel/language").text == "en"
    page = client.get(show.url, HTTP_HOST="localhost").content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{show.title}" '
        f'href="{show.feed_url()}" hreflang="cs">' in page
    )
    assert english.feed_url() in page


def test_episode_guid_is_made_once_and_a_translation_gets_its_own(site_home):
    show = make_show(site_home)
    episode = make_episode(show)
    guid = episode.guid
    episode.title = "Nový název"
    episode.save_revision().publish()
    episode.refresh_from_db()
    assert episode.guid == guid
    translate(show, "en", {})
    english = translate(episode, "en", {})
    assert english.guid != guid
    assert isinstance(english.guid, uuid.UUID)


def test_transcript_url_returns_valid_webvtt_with_speakers(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show, transcript_vtt=TRANSCRIPT)
    response = client.get(episode.transcript_path())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    cues = parse_webvtt(response.content.decode())
    assert [c.speaker for c in cues] == ["Jana", "Olga", "Jana"]
    assert cues[1].text == "Přišla jsem v zimě & bylo to <těžké>."


def test_chapters_are_json_chapters_1_2_0(client, site_home):
    show = make_show(site_home)
    episode = make_episode(show, chapters=CHAPTERS)
    document = json.loads(client.get(episode.chapters_path()).content)
    assert document["version"] == "1.2.0"
    assert document["chapters"][0] == {"startTime": 0.0, "title": "Úvod"}
    assert document["chapters"][1]["startTime"] == 30.0
    assert document["chapters"][1]["location"] == {"name": "Praha", "geo": "geo:50.0875,14.4213"}


def test_invalid_transcript_is_refused_when_the_page_is_validated(site_home):
    show = make_show(site_home)
    episode = make_episode(show)
    episode.transcript_vtt = "00:01.000 --> 00:02.000\nno header"
    with pytest.raises(ValidationError) as raised:
        episode.full_clean()
    assert "transcript_vtt" in raised.value.message_dict


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (artwork_bytes(size=(1400, 1200)), "square"),
        (artwork_bytes(size=(1000, 1000)), "between 1400 and 3000"),
        (artwork_bytes(size=(3200, 3200)), "between 1400 and 3000"),
        (artwork_bytes(mode="CMYK"), "RGB"),
        (artwork_bytes(fmt="GIF", mode="RGB"), "JPEG or PNG"),
        (b"not an image", "not an image"),
    ],
)
def test_artwork_outside_apples_rules_is_refused_with_a_reason(data, reason):
    with translation.override("en"), pytest.raises(ArtworkError) as raised:
        check_artwork(data)
    with translation.override("en"):
        assert reason in str(raised.value)


def test_accepted_artwork_loses_its_metadata():
    clean, extension = check_artwork(artwork_bytes(size=(1500, 1500), exif=True))
    assert extension == "jpg"
    with Image.open(__import__("io").BytesIO(clean)) as image:
        assert image.size == (1500, 1500)
        assert not image.getexif()
    png, extension = check_artwork(artwork_bytes(fmt="PNG"))
    assert extension == "png"


def test_show_with_wrong_artwork_fails_validation(site_home):
    show = make_show(site_home)
    show.artwork = ContentFile(artwork_bytes(size=(800, 800)), name="small.jpg")
    with pytest.raises(ValidationError) as raised:
        show.full_clean()
    assert "artwork" in raised.value.message_dict
