"""The demo feeds as directories read them: the Podcast Index's own parser
(podcast-partytime) and a second one (feedsmith), run by Node on the feeds
our site serves, must recover every episode exactly as we published it, and
must catch a feed we break on purpose."""

import io
import json
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import mutagen
import pytest

from podcast.categories import is_valid_category
from podcast.feed import ITUNES, podcast_guid
from podcast.feed_checks import check_feed_xml
from podcast.models import EpisodePage, PodcastShowPage
from tests.builders import use_local_public_storage, wav_bytes
from tests.podcast_builders import TRANSCRIPT, make_episode, make_show, parse_xml
from tests.test_podcast_feed import CHAPTERS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
READER = ROOT / "tests" / "js" / "read_feed.mjs"


@pytest.fixture(autouse=True)
def local_public_files(settings, tmp_path):
    """Enclosures are read through our own views; keep public files local in
    the PostgreSQL + S3 pass too (where the enclosure would redirect to S3)."""
    use_local_public_storage(settings, tmp_path)


def read_independently(xml: bytes) -> dict:
    """What podcast-partytime and feedsmith make of ``xml`` (tests/js/read_feed.mjs)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing: run scripts/system_packages.sh (Debian package npm)")
    if not (ROOT / "node_modules" / "podcast-partytime").exists():
        pytest.fail("podcast-partytime is missing: run `npm ci` at the repository root")
    result = subprocess.run(  # noqa: S603 - our own script, the feed on standard input
        [node, str(READER)], input=xml, capture_output=True, check=True, cwd=ROOT, timeout=60
    )
    return json.loads(result.stdout)


def served_bytes(client, url: str) -> bytes:
    response = client.get(url, HTTP_USER_AGENT="PhotoVoice-test")
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def total_length(client, url: str) -> int:
    """The size the server gives for the file, from a ``Range: bytes=0-1`` probe."""
    response = client.get(url, HTTP_RANGE="bytes=0-1")
    assert response.status_code == 206, url
    return int(response["Content-Range"].rsplit("/", 1)[1])


def test_the_demo_feeds_read_by_the_podcast_index_parser_agree_with_ours(
    client, site_home, django_capture_on_commit_callbacks
):
    from photovoice.demo.archive import ensure_demo_archive
    from photovoice.demo.podcast import ensure_demo_podcast

    # As in load_demo: one transaction, public audio copies made after commit.
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo_archive()
        czech = ensure_demo_podcast()
    shows = PodcastShowPage.objects.live().filter(feed_slug=czech.feed_slug).order_by("pk")
    assert [s.language for s in shows] == ["cs", "en"]
    for show in shows:
        body = client.get(show.feed_path()).content
        reading = read_independently(body)
        assert reading["problems"] == [], (show.language, reading["problems"])

        read_show = reading["show"]
        assert read_show["title"] == show.title
        assert read_show["language"] == show.language
        assert read_show["author"] == show.author
        assert read_show["explicit"] is False
        assert read_show["image"] == show.feed_url().split("/podcast/")[0] + show.artwork.url
        assert read_show["categories"] == ["Society & Culture > Documentary"]
        for path in read_show["categories"]:
            assert is_valid_category(*path.split(" > "))
        assert read_show["guid"] == podcast_guid(show.feed_url()) == show.podcast_guid
        assert read_show["guid"] == podcast_guid(read_show["self"])
        assert read_show["locked"] is True and read_show["locked_owner"] == show.owner_email
        assert read_show["medium"] == "podcast"
        assert read_show["type"] == "episodic"
        assert reading["feedsmith"]["show"]["categories"] == read_show["categories"]

        ours = EpisodePage.objects.child_of(show).in_feed()
        by_guid = {str(e.guid): e for e in ours}
        read = {e["guid"]: e for e in reading["episodes"]}
        assert set(read) == set(by_guid) and len(read) == 4
        in_our_xml = [
            item.findtext("guid") for item in parse_xml(body).find("channel").findall("item")
        ]
        assert [e["guid"] for e in reading["episodes"]] == in_our_xml

        for guid, episode in by_guid.items():
            seen = read[guid]
            url = seen["enclosure"]["url"]
            data = served_bytes(client, url)
            assert seen["enclosure"]["length"] == len(data) == total_length(client, url)
            assert seen["enclosure"]["type"] == episode.audio().mime_type
            assert abs(seen["duration"] - mutagen.File(io.BytesIO(data)).info.length) <= 1
            assert seen["title"] == episode.title
            assert seen["explicit"] is False
            assert seen["pub_date"] is not None
            assert seen["season"] == episode.season
            assert seen["episode"] == episode.episode_number
            assert seen["episode_type"] == episode.episode_type
            if episode.transcript().strip():
                [transcript] = seen["transcripts"]
                assert transcript["url"].endswith(episode.transcript_path())
                assert transcript["type"] == "text/vtt"
                # The demo's recordings and transcripts are Czech in both feeds.
                assert transcript["language"] == "cs"
                assert client.get(transcript["url"])["Content-Language"] == "cs"
            else:
                assert seen["transcripts"] == []
            if episode.chapters:
                assert seen["chapters"]["url"].endswith(episode.chapters_path())
                assert seen["chapters"]["type"] == "application/json+chapters"
                assert client.get(seen["chapters"]["url"]).status_code == 200
            # partytime turns a role outside the podcast taxonomy into "Host":
            # the roles it read must be the ones we wrote.
            assert [(p["name"], p["role"].lower()) for p in seen["persons"]] == [
                (p["name"], p["role"]) for p in episode.person_list()
            ]
            assert seen["location"] == {"name": "Praha", "geo": "geo:50.0875,14.4213"}


def test_a_feed_broken_on_purpose_is_caught_by_the_independent_readers_and_ours(site_home):
    show = make_show(site_home)
    episodes = [
        make_episode(show, audio=wav_bytes(seconds=3), transcript_vtt=TRANSCRIPT, chapters=CHAPTERS)
        for _ in range(3)
    ]
    from podcast.feed import build_feed

    root = parse_xml(build_feed(show))
    items = {item.findtext("guid"): item for item in root.find("channel").findall("item")}
    no_length, bad_duration, no_enclosure = (items[str(e.guid)] for e in episodes)
    del no_length.find("enclosure").attrib["length"]
    bad_duration.find(f"{{{ITUNES}}}duration").text = "about a minute"
    no_enclosure.remove(no_enclosure.find("enclosure"))
    broken = ET.tostring(root, encoding="utf-8", xml_declaration=True)

    problems = "\n".join(read_independently(broken)["problems"])
    assert f"episode {episodes[0].guid}: enclosure length read as 0" in problems
    # partytime reads "about a minute" as a number anyway; feedsmith does not.
    assert f"episode {episodes[1].guid}: duration" in problems
    assert "Item has no enclosure, skipping it." in problems
    assert "partytime kept 2 of the 3 items feedsmith read" in problems

    report, _root = check_feed_xml(broken)
    position = {guid: f"item {n}" for n, guid in enumerate(items, start=1)}
    codes = {(finding.where, finding.code) for finding in report.findings}
    assert {
        (position[str(episodes[0].guid)], "enclosure"),
        (position[str(episodes[1].guid)], "duration"),
        (position[str(episodes[2].guid)], "required"),
    } <= codes

    cut_short = read_independently(b"<rss><channel><title>cut short")["problems"]
    assert "partytime could not read the feed at all" in cut_short
    assert "feedsmith: MalformedError: Invalid feed format" in cut_short
