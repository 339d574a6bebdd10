"""Short links behind QR codes: permanent, language-aware, 410 when withdrawn,
counted without personal data."""

import pytest
import zxingcpp
from PIL import Image

from exhibitions.models import ScanCount, ShortCode
from exhibitions.models.short_codes import ALPHABET, new_code
from exhibitions.qr import qr_png, qr_svg
from photovoice.archive.consent import withdraw_consent
from tests.builders import CURATOR
from tests.exhibition_builders import make_exhibition

pytestmark = pytest.mark.django_db


def exhibit_code(built, index=0, language="cs"):
    exhibit = built.page.exhibits.get(photo=built.photos[index])
    return exhibit, ShortCode.for_target(built.page, exhibit, language=language)


def test_codes_use_only_unambiguous_characters():
    assert not set("0O1lIL") & set(ALPHABET)
    codes = {new_code() for _ in range(200)}
    assert all(len(code) == 5 and set(code) <= set(ALPHABET) for code in codes)


def test_code_redirects_to_the_exhibit_in_the_printed_language(client, site_home):
    built = make_exhibition(site_home)
    exhibit, code = exhibit_code(built)
    response = client.get(code.path)
    assert response.status_code == 302
    assert response["Location"] == built.page.exhibit_url(exhibit)
    assert client.get(response["Location"]).status_code == 200


def test_code_follows_the_phones_language_when_a_translation_exists(client, site_home):
    built = make_exhibition(site_home)
    exhibit, code = exhibit_code(built)
    response = client.get(code.path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    english_exhibit = built.english.exhibits.get(translation_key=exhibit.translation_key)
    assert response["Location"] == built.english.exhibit_url(english_exhibit)
    assert response["Location"].startswith("/en/")
    assert "Accept-Language" in response["Vary"]


def test_code_keeps_printed_language_when_phone_language_has_no_translation(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built)
    response = client.get(code.path, HTTP_ACCEPT_LANGUAGE="vi,de;q=0.8")
    assert response["Location"].startswith("/cs/")


def test_code_never_sends_to_an_unpublished_translation(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built, language="en")
    built.english.unpublish()
    response = client.get(code.path, HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"].startswith("/cs/")


def test_code_survives_moving_and_renaming_the_exhibition(client, site_home):
    built = make_exhibition(site_home)
    exhibit, code = exhibit_code(built)
    built.page.slug = "prejmenovana"
    built.page.title = "Přejmenovaná"
    built.page.save_revision().publish()
    built.page.move(site_home, pos="last-child")
    built.page.refresh_from_db()
    response = client.get(code.path)
    assert response["Location"] == built.page.exhibit_url(exhibit)
    assert client.get(response["Location"]).status_code == 200


def test_typed_code_in_lower_case_is_accepted(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built)
    response = client.get(code.path.lower())
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 302


def test_unknown_code_ends_on_a_not_found_page(client, site_home):
    # Django's LocaleMiddleware sends an unprefixed 404 on to the visitor's
    # language, where it stays a 404 (never a 410 or an exhibit).
    assert client.get("/q/ZZZZZ", follow=True).status_code == 404
    assert client.get("/q/0O1IL", follow=True).status_code == 404


def test_withdrawn_exhibit_code_answers_410_in_the_visitors_language(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built)
    gone = built.photos[0]
    withdraw_consent(gone.participant, actor=CURATOR, item=gone)
    response = client.get(code.path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "removed at the author" in html
    assert built.english.url in html  # a way on to the rest of the exhibition
    czech = client.get(code.path)
    assert czech.status_code == 410
    assert '<html lang="cs"' in czech.content.decode()
    assert "na žádost autora" in czech.content.decode()


def test_code_of_unpublished_exhibition_answers_410_not_404(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built)
    built.english.unpublish()
    built.page.unpublish()
    assert client.get(code.path).status_code == 410


def test_exhibition_code_redirects_to_the_exhibition(client, site_home):
    built = make_exhibition(site_home)
    code = ShortCode.for_target(built.page, language="cs")
    assert client.get(code.path, HTTP_ACCEPT_LANGUAGE="en")["Location"] == built.english.url


def test_scans_are_counted_per_day_language_and_venue_without_personal_data(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built)
    code.venue = "Senát"
    code.save()
    client.get(code.path, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Phone/1.0")
    client.get(code.path, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(code.path, HTTP_ACCEPT_LANGUAGE="en")
    assert not response.cookies
    counts = {(c.language, c.venue): c.count for c in ScanCount.objects.filter(code=code)}
    assert counts == {("cs", "Senát"): 1, ("en", "Senát"): 2}
    stored = [str(value) for row in ScanCount.objects.values() for value in row.values()]
    assert not any("203.0.113" in value or "Phone" in value for value in stored)
    assert ShortCode.objects.with_scans().get(pk=code.pk).total_scans == 3


def test_qr_images_decode_to_the_short_url(client, site_home):
    built = make_exhibition(site_home)
    _exhibit, code = exhibit_code(built)
    response = client.get(f"{code.path}.png")
    assert response["Content-Type"] == "image/png"
    from io import BytesIO

    decoded = zxingcpp.read_barcodes(Image.open(BytesIO(response.content)))
    assert [d.text for d in decoded] == [f"http://localhost{code.path}"]
    assert decoded[0].ec_level in ("Q", "H")
    svg = client.get(f"{code.path}.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_qr_keeps_non_ascii_urls_exact():
    url = "https://výstava.example/q/7KD2X?místo=Senát"
    decoded = zxingcpp.read_barcodes(Image.open(__import__("io").BytesIO(qr_png(url))))
    assert decoded[0].text == url
    assert qr_svg(url, inline=True).startswith("<svg")
