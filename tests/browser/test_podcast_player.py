"""Listening to an episode on a phone: the player plays with one tap, a
chapter seeks the audio to its start, the transcript sits with the player
and its search finds a word; the show page advertises its feeds. Every page,
and the curators' podcast views in the admin, pass axe-core."""

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase

from podcast.models import DailyDownloads
from tests.browser.conftest import AXE
from tests.builders import wav_bytes
from tests.podcast_builders import TRANSCRIPT, make_episode, make_show
from tests.test_podcast_feed import CHAPTERS

pytestmark = pytest.mark.browser


@pytest.fixture
def episode(browser_db):
    from wagtail.models import Site

    with TestCase.captureOnCommitCallbacks(execute=True):
        home = Site.objects.get(is_default_site=True).root_page.specific
        show = make_show(home, title="Příběhy města", slug="pribehy")
        episode = make_episode(
            show,
            title="Olga: o jazyce",
            audio=wav_bytes(seconds=70),
            transcript_vtt=TRANSCRIPT,
            chapters=CHAPTERS,
        )
    return episode


def axe_violations(page, context: str = "document") -> list:
    """axe-core's violations on ``page``, limited to the ``context`` element."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(f"async () => await axe.run({context})")
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]


def test_episode_page_plays_seeks_by_chapter_and_searches_the_transcript(
    phone, browser_db, episode
):
    response = phone.goto(browser_db.url + episode.url)
    assert response.ok
    assert phone.locator("h1").inner_text() == "Olga: o jazyce"
    assert axe_violations(phone) == []

    audio = phone.locator("audio")
    audio.scroll_into_view_if_needed()
    box = audio.bounding_box()
    # one tap on the play button at the start of the native controls
    phone.touchscreen.tap(box["x"] + 20, box["y"] + box["height"] / 2)
    phone.wait_for_function(
        "() => { const a = document.querySelector('audio'); return !a.paused || a.ended }",
        timeout=5000,
    )

    phone.get_by_role("link", name="0:30 Příjezd do Prahy").tap()
    phone.wait_for_function(
        "() => Math.abs(document.querySelector('audio').currentTime - 30) < 2", timeout=5000
    )

    transcript = phone.locator(".transcript")
    assert transcript.is_visible()
    assert transcript.locator("ol").get_attribute("lang") == "cs"
    # On a phone the transcript follows the player; it is not hidden away.
    assert transcript.bounding_box()["y"] > box["y"]
    search = phone.get_by_label("Hledat v přepisu")
    search.fill("zimě")
    cues = transcript.locator("li")
    visible = [cues.nth(i).inner_text() for i in range(cues.count()) if cues.nth(i).is_visible()]
    assert len(visible) == 1 and "Přišla jsem v zimě" in visible[0]
    assert axe_violations(phone) == []
    assert phone.context.cookies() == []


def test_on_a_wide_screen_the_transcript_is_beside_the_player(chromium, browser_db, episode):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="cs-CZ")
    page = context.new_page()
    page.goto(browser_db.url + episode.url)
    player = page.locator("audio").bounding_box()
    transcript = page.locator(".transcript").bounding_box()
    assert transcript["x"] > player["x"] + player["width"] / 2
    assert transcript["y"] < player["y"] + 200
    context.close()


def test_show_page_advertises_its_feeds_and_passes_axe(phone, browser_db, episode):
    show = episode.show()
    phone.goto(browser_db.url + show.url)
    feeds = phone.locator('link[rel="alternate"][type="application/rss+xml"]')
    assert feeds.count() == 1
    assert feeds.get_attribute("href") == show.feed_url()
    assert phone.get_by_role("link", name="Olga: o jazyce").is_visible()
    assert axe_violations(phone) == []


def test_curators_podcast_views_in_the_admin_pass_axe(chromium, browser_db, episode):
    """axe runs on our own content only (the element after Wagtail's header):
    the admin's chrome around it is Wagtail's, not ours to fix."""
    DailyDownloads.objects.create(episode=episode, day="2026-01-05", app="Spotify", count=3)
    get_user_model().objects.create_superuser("podcast-curator", "c@example.org", "heslo-123456")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(browser_db.url + "/admin/login/")
    page.fill("input[name=username]", "podcast-curator")
    page.fill("input[name=password]", "heslo-123456")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    for path, expected in [
        ("/admin/podcast/downloads/", "Spotify: 3"),
        ("/admin/podcast/attention/", "Nothing needs your attention."),
    ]:
        page.goto(browser_db.url + path)
        content = page.locator("[data-podcast-report]")
        assert expected in content.inner_text()
        assert axe_violations(page, "document.querySelector('[data-podcast-report]')") == []
    context.close()
