"""The demo exhibition: what load_demo adds for exhibitions, safely repeatable."""

import pytest
from django.test import TestCase
from wagtail.models import Locale

from exhibitions.models import ExhibitionPage, PrintedPiece, ShortCode
from photovoice.archive.models import Photo, Scope
from photovoice.demo.exhibitions import ensure_demo_exhibition

pytestmark = pytest.mark.django_db


def load():
    with TestCase.captureOnCommitCallbacks(execute=True):
        return ensure_demo_exhibition()


def test_demo_exhibition_has_themes_exhibits_audio_venues_english_and_a_zine(client, site_home):
    page = load()
    assert page.sections.count() == 3
    assert page.exhibits.count() == 12
    assert page.exhibits.exclude(testimony=None).count() == 4
    assert page.showings.count() == 2
    allowed = Photo.objects.allowed_in(Scope.EXHIBITIONS)
    assert all(allowed.filter(pk=e.photo_id).exists() for e in page.exhibits.all())
    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and english.exhibits.count() == 12
    html = client.get(english.url).content.decode()
    assert "Language barrier" in html and "Senate of the Czech Republic" in html
    assert client.get(page.url).status_code == 200

    # the printed zine's codes
    piece = PrintedPiece.objects.get(exhibition=page)
    assert piece.kind == "zine" and piece.showing.venue == "Senát"
    codes = ShortCode.objects.filter(piece=piece, exhibit_key__isnull=False)
    assert codes.count() == 11  # "Saturday market" may be exhibited but not printed
    for code in codes:
        assert code.venue == "Senát"
        response = client.get(code.path)
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200


def test_demo_exhibition_is_safe_to_load_again(site_home):
    load()
    load()
    assert ExhibitionPage.objects.filter(slug="integrace-ocima").count() == 2  # cs + en
    assert ShortCode.objects.count() == 12
