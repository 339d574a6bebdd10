"""Exhibition and exhibit pages: only what the consent gate allows, in the
curator's order, translated, and gone at once when consent is withdrawn."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from exhibitions.models import Exhibit, ScanCount, ShortCode
from photovoice.archive.consent import withdraw_consent
from photovoice.archive.derivatives import make_photo_derivatives
from photovoice.archive.models import Scope
from tests.builders import CURATOR, give_consent, make_participant, make_photo
from tests.exhibition_builders import make_exhibition

pytestmark = pytest.mark.django_db


def exhibit_url(page, photo):
    return page.url + page.reverse_subpage("exhibit", args=[photo.pk])


def test_exhibition_page_lists_exhibits_in_curator_order_with_showings(client, site_home):
    built = make_exhibition(site_home)
    html = client.get(built.page.url).content.decode()
    positions = [html.index(photo.title) for photo in built.photos]
    assert positions == sorted(positions)
    assert "Integrační centrum" in html and "Senát" in html
    assert "Místa, kde jsme doma." in html


def test_english_translation_shows_translated_texts_and_same_exhibits(client, site_home):
    built = make_exhibition(site_home)
    response = client.get(built.english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "An exhibition about integration." in html
    assert all(photo.title in html for photo in built.photos)
    assert '<html lang="en"' in html


def test_exhibit_page_has_photo_words_translation_audio_and_transcript(client, site_home):
    built = make_exhibition(site_home)
    photo = built.photos[0]
    photo.translations.create(language="en", title="A title", caption="The caption in English")
    make_photo_derivatives(photo)
    response = client.get(exhibit_url(built.english, photo))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<picture>" in html and "image/avif" in html and "image/webp" in html
    assert f'<blockquote lang="{photo.language}"' in html
    assert "The caption in English" in html
    assert "<audio controls" in html
    assert "/media/audio/" in html
    assert "Přijela jsem v zimě" in html
    assert built.photos[1].title in html  # the author's other exhibit
    assert "<script" not in html


def test_exhibit_page_sets_no_cookie(client, site_home):
    built = make_exhibition(site_home)
    response = client.get(exhibit_url(built.page, built.photos[0]))
    assert response.status_code == 200
    assert not response.cookies


def test_withdrawn_exhibit_disappears_from_exhibition_and_its_page_answers_410(client, site_home):
    built = make_exhibition(site_home)
    gone = built.photos[0]
    withdraw_consent(gone.participant, actor=CURATOR, item=gone)
    html = client.get(built.page.url).content.decode()
    assert gone.title not in html
    assert built.photos[1].title in html
    response = client.get(exhibit_url(built.english, gone))
    assert response.status_code == 410
    assert "removed at the author" in response.content.decode()


def test_withdrawing_exhibitions_scope_alone_hides_the_exhibit(client, site_home):
    built = make_exhibition(site_home)
    gone = built.photos[2]
    withdraw_consent(gone.participant, actor=CURATOR, scope=Scope.EXHIBITIONS)
    html = client.get(built.page.url).content.decode()
    assert gone.title not in html and built.photos[0].title in html


def test_anonymous_author_is_shown_without_name_or_links_to_other_items(client, site_home):
    built = make_exhibition(site_home)
    participant = built.participants[0]
    participant.credit = "anonymous"
    participant.save()
    withdraw_consent(participant, actor=CURATOR)
    give_consent(participant, credit="anonymous")
    html = client.get(exhibit_url(built.page, built.photos[0])).content.decode()
    assert participant.display_name not in html
    assert "Více od" not in html and "More by" not in html


def test_exhibit_without_consent_for_exhibitions_cannot_be_saved(site_home):
    participant = make_participant()
    give_consent(participant, scopes=[Scope.ARCHIVE])
    photo = make_photo(participant)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        Exhibit(photo=photo).clean()
    assert "does not cover this use" in str(raised.value)


def test_exhibit_from_unreviewed_photo_is_refused_with_reason(site_home):
    participant = make_participant()
    give_consent(participant)
    photo = make_photo(participant, accepted=False)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        Exhibit(photo=photo).clean()
    assert "not been accepted" in str(raised.value)


def test_exhibits_keep_their_translation_key_in_every_language(site_home):
    built = make_exhibition(site_home)
    czech = list(built.page.exhibits.values_list("translation_key", "photo_id"))
    english = list(built.english.exhibits.values_list("translation_key", "photo_id"))
    assert czech == english


def test_scan_counts_model_holds_no_visitor_data():
    names = {field.name for field in ScanCount._meta.get_fields()}
    assert names == {"id", "code", "day", "language", "venue", "count"}
    assert ShortCode  # imported for the admin listing


def test_language_switcher_on_an_exhibit_links_to_the_same_exhibit(client, site_home):
    built = make_exhibition(site_home)
    photo = built.photos[0]
    html = client.get(exhibit_url(built.page, photo)).content.decode()
    assert f'href="{exhibit_url(built.english, photo)}" hreflang="en"' in html
