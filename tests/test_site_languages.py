"""Visitors reach the site in their language, can switch language on any
page, and are not tracked."""

import re

import pytest


def test_czech_and_english_home_pages_answer_with_their_language(client, site_home):
    for code, title_word in (("cs", "Integrace"), ("en", "Integration")):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{code}" dir="ltr">' in html
        assert title_word in html


def test_language_switcher_links_each_language_to_the_translated_page(client, site_home):
    html = client.get("/cs/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    for code in ("cs", "en", "ru", "uk", "vi", "ar"):
        assert f'hreflang="{code}"' in switcher
    assert 'href="/en/"' in switcher
    assert 'href="/cs/" hreflang="cs" lang="cs" aria-current="true"' in switcher


def test_arabic_pages_are_right_to_left(client, site_home):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_untranslated_page_content_keeps_its_own_language(client, site_home):
    # There is no Arabic home page: Czech content shown under the Arabic UI
    # is marked as Czech so screen readers pronounce it right.
    html = client.get("/ar/").content.decode()
    assert '<main id="main" lang="cs" dir="ltr">' in html


@pytest.mark.parametrize(("accept", "expected"), [("en-GB,en;q=0.9", "/en/"), ("cs", "/cs/")])
def test_bare_address_redirects_to_the_visitors_language(client, site_home, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_interface_strings_are_translated_into_czech(client, site_home):
    assert "Přeskočit na obsah" in client.get("/cs/").content.decode()
    assert "Skip to content" in client.get("/en/").content.decode()


def test_anonymous_visitors_get_no_cookies_and_no_third_party_content(client, site_home):
    response = client.get("/en/")
    assert not response.cookies
    html = response.content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "default-src 'self'" in response["Content-Security-Policy"]
