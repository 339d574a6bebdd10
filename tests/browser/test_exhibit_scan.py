"""Scan to listen: a phone opens a printed short link, lands on the exhibit,
plays the author's recording with one tap and reads the transcript; the page
passes axe-core with no violations and sets no cookies."""

import pytest
from django.test import TestCase

from exhibitions.models import ShortCode
from tests.browser.conftest import AXE
from tests.exhibition_builders import make_exhibition

pytestmark = pytest.mark.browser


@pytest.fixture
def exhibit_code(browser_db):
    from wagtail.models import Site

    with TestCase.captureOnCommitCallbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        built = make_exhibition(site.root_page.specific, authors=1, photos_per_author=2)
        exhibit = built.page.exhibits.get(photo=built.photos[0])
        code = ShortCode.for_target(built.page, exhibit, language="cs")
    return built, code


def test_scan_lands_on_exhibit_plays_audio_with_one_tap_and_passes_axe(
    phone, browser_db, exhibit_code
):
    live_server = browser_db
    built, code = exhibit_code
    response = phone.goto(live_server.url + code.path)
    assert response.ok
    assert phone.url.endswith(f"/cs/vystavy/integrace-ocima/exhibits/{built.photos[0].pk}/")
    assert phone.locator("html").get_attribute("lang") == "cs"
    assert phone.locator("h1").inner_text() == built.photos[0].title

    transcript = phone.locator(".transcript")
    assert transcript.is_visible()
    assert "Přijela jsem v zimě" in transcript.inner_text()

    audio = phone.locator("audio")
    audio.scroll_into_view_if_needed()
    box = audio.bounding_box()
    # one tap on the play button at the start of the native controls
    phone.touchscreen.tap(box["x"] + 20, box["y"] + box["height"] / 2)
    phone.wait_for_function(
        "() => { const a = document.querySelector('audio'); return !a.paused || a.ended }",
        timeout=5000,
    )

    phone.add_script_tag(path=str(AXE))
    results = phone.evaluate("async () => await axe.run()")
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
    assert violations == []
    assert phone.context.cookies() == []


def test_scan_with_english_phone_lands_in_english(chromium, browser_db, exhibit_code):
    live_server = browser_db
    built, code = exhibit_code
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + code.path)
    assert "/en/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
