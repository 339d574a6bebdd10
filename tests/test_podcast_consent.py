"""An episode that reuses a testimony inherits its consent: withdrawal of
podcast consent withholds it from the feed, the site and the enclosure, and
puts it on the curators' list until they act."""

import pytest

from photovoice.archive.consent import Actor, erase_participant, withdraw_consent
from photovoice.archive.models import Scope, may_appear
from podcast.models import EpisodePage
from tests.podcast_builders import make_episode, make_show, make_testimony_episode, parse_xml

pytestmark = pytest.mark.django_db
CURATOR = Actor(label="test curator")
PODCAST_NS = "{https://podcastindex.org/namespace/1.0}"


def feed_guids(client, show) -> set[str]:
    root = parse_xml(client.get(show.feed_path(), HTTP_HOST="localhost").content)
    return {guid.text for guid in root.iter("guid")}


def test_reused_testimony_is_heard_under_its_participants_chosen_credit(client, site_home):
    show = make_show(site_home)
    episode, _testimony = make_testimony_episode(show, credit_name="Olga K.")
    assert str(episode.guid) in feed_guids(client, show)
    root = parse_xml(client.get(show.feed_path(), HTTP_HOST="localhost").content)
    people = [(p.text, p.get("role")) for p in root.iter(f"{PODCAST_NS}person")]
    assert ("Olga K.", "guest") in people
    assert client.get(episode.url).status_code == 200


def test_anonymous_participants_are_never_named(client, site_home):
    show = make_show(site_home)
    make_testimony_episode(show, credit_name="Secret Name", anonymous=True)
    body = client.get(show.feed_path(), HTTP_HOST="localhost").content.decode()
    assert "Secret Name" not in body
    assert "podcast:person" not in body


def test_withdrawing_podcast_consent_withholds_the_episode_everywhere(client, site_home):
    show = make_show(site_home)
    episode, testimony = make_testimony_episode(show)
    other = make_episode(show)
    audio_url = episode.enclosure_path(episode.audio())

    withdraw_consent(testimony.participant, actor=CURATOR, item=testimony, scope=Scope.PODCAST)

    assert may_appear(testimony, Scope.ARCHIVE)  # only the podcast use was withdrawn
    guids = feed_guids(client, show)
    assert str(episode.guid) not in guids and str(other.guid) in guids
    page = client.get(episode.url)
    assert page.status_code == 410
    assert "410.html" in [t.name for t in page.templates]  # "removed at the author's request"
    assert client.get(audio_url).status_code == 410
    assert client.get(audio_url, HTTP_RANGE="bytes=0-1").status_code == 410
    assert client.get(episode.transcript_path()).status_code == 410
    assert episode.title not in client.get(show.url).content.decode()
    assert list(EpisodePage.objects.needing_attention()) == [episode.page_ptr.specific]


def test_the_flag_clears_when_the_curator_unpublishes_or_replaces_the_audio(site_home):
    show = make_show(site_home)
    episode, testimony = make_testimony_episode(show)
    withdraw_consent(testimony.participant, actor=CURATOR, item=testimony, scope=Scope.PODCAST)
    assert EpisodePage.objects.needing_attention().count() == 1
    episode.unpublish()
    assert EpisodePage.objects.needing_attention().count() == 0


def test_an_erased_participants_episode_answers_410_and_is_flagged(client, site_home):
    show = make_show(site_home)
    episode, testimony = make_testimony_episode(show)
    erase_participant(testimony.participant, actor=CURATOR, reason="asked to be forgotten")
    episode.refresh_from_db()
    assert episode.testimony is None
    assert str(episode.guid) not in feed_guids(client, show)
    assert client.get(episode.url).status_code == 410
    assert EpisodePage.objects.needing_attention().filter(pk=episode.pk).exists()
