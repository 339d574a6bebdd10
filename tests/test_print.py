"""Printed zines and wall labels: their QR codes decode to short links that
land on the right exhibit; print follows consent for printed matter."""

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from exhibitions.models import ShortCode
from photovoice.archive.consent import withdraw_consent
from photovoice.archive.models import Scope
from tests.builders import CURATOR, run_command
from tests.exhibition_builders import make_exhibition

pytestmark = pytest.mark.django_db


def decoded_urls(pdf: Path, tmp_path: Path) -> list[str]:
    """Every QR code on every page of ``pdf``, rendered at 150 dpi."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    urls = []
    for image in sorted(tmp_path.glob(f"{pdf.stem}*.png")):
        found = zxingcpp.read_barcodes(Image.open(image), formats=zxingcpp.BarcodeFormat.QRCode)
        urls += [result.text for result in found]
    return urls


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def print_pdf(tmp_path, kind, language="cs", name=None) -> Path:
    output = tmp_path / f"{name or kind}.pdf"
    result = run_command(
        "print_exhibition",
        "integrace-ocima",
        "--language",
        language,
        "--kind",
        kind,
        "--output",
        str(output),
    )
    assert result.status == 0, result.err
    return output


def exhibit_for(location: str, built):
    return next(photo for photo in built.photos if location.endswith(f"/exhibits/{photo.pk}/"))


@pytest.mark.parametrize("kind", ["zine", "labels"])
def test_printed_qr_codes_lead_to_each_exhibit_in_printed_language_and_in_english(
    kind, client, site_home, tmp_path
):
    built = make_exhibition(site_home)
    pdf = print_pdf(tmp_path, kind)
    assert pdf.read_bytes().startswith(b"%PDF")
    urls = decoded_urls(pdf, tmp_path)
    exhibit_urls = [url for url in urls if url not in seen_cover(urls, kind)]
    assert len(exhibit_urls) == len(built.photos)
    text = pdf_text(pdf)
    landed = []
    for url in exhibit_urls:
        parts = urlsplit(url)
        assert parts.path.startswith("/q/")
        assert parts.netloc + parts.path in text  # the short address is typed under the code
        response = client.get(parts.path)
        assert response.status_code == 302
        assert response["Location"].startswith("/cs/")
        assert client.get(response["Location"]).status_code == 200
        landed.append(exhibit_for(response["Location"], built))
        english = client.get(parts.path, HTTP_ACCEPT_LANGUAGE="en")
        assert english["Location"].startswith("/en/")
        assert client.get(english["Location"]).status_code == 200
    assert landed == built.photos  # the curator's order


def seen_cover(urls, kind):
    """The zine's cover code (the exhibition itself) is the first one."""
    return urls[:1] if kind == "zine" else []


def test_zine_cover_code_leads_to_the_exhibition(client, site_home, tmp_path):
    built = make_exhibition(site_home)
    urls = decoded_urls(print_pdf(tmp_path, "zine"), tmp_path)
    response = client.get(urlsplit(urls[0]).path)
    assert response["Location"] == built.page.url


def test_reprinting_keeps_the_same_codes(site_home, tmp_path):
    make_exhibition(site_home)
    first = decoded_urls(print_pdf(tmp_path, "labels", name="first"), tmp_path)
    again = decoded_urls(print_pdf(tmp_path, "labels", name="again"), tmp_path)
    assert first == again


def test_after_withdrawal_code_answers_410_and_new_zine_omits_the_exhibit(
    client, site_home, tmp_path
):
    built = make_exhibition(site_home)
    old_urls = decoded_urls(print_pdf(tmp_path, "zine", name="before"), tmp_path)
    gone = built.photos[1]
    withdraw_consent(gone.participant, actor=CURATOR, item=gone)
    gone_code = ShortCode.objects.get(
        piece__isnull=False,
        exhibit_key=built.page.exhibits.get(photo=gone).translation_key,
    )
    response = client.get(gone_code.path)
    assert response.status_code == 410
    assert "na žádost autora" in response.content.decode()  # printed in Czech
    assert gone.title not in client.get(built.page.url).content.decode()
    new_urls = decoded_urls(print_pdf(tmp_path, "zine", name="after"), tmp_path)
    assert len(new_urls) == len(old_urls) - 1
    assert not any(url.endswith(gone_code.path) for url in new_urls)
    assert gone.title not in pdf_text(tmp_path / "after.pdf")


def test_print_leaves_out_items_not_consented_for_print(client, site_home, tmp_path):
    built = make_exhibition(site_home)
    withdrawn_from_print = built.participants[1]
    withdraw_consent(withdrawn_from_print, actor=CURATOR, scope=Scope.PRINT)
    text = pdf_text(print_pdf(tmp_path, "labels"))
    kept = [p for p in built.photos if p.participant != withdrawn_from_print]
    assert all(p.title in text for p in kept)
    assert not any(p.title in text for p in built.photos if p not in kept)
    # still shown in the exhibition online
    assert built.photos[-1].title in client.get(built.page.url).content.decode()


def test_print_embeds_fonts_for_cyrillic_vietnamese_and_arabic(site_home, tmp_path):
    built = make_exhibition(site_home, authors=1, photos_per_author=3, audio=False)
    for photo, title in zip(
        built.photos, ["Первое письмо", "Cửa hàng của mẹ", "نافذة المطبخ"], strict=True
    ):
        photo.title = title
        photo.save()
    pdf = print_pdf(tmp_path, "labels")
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True)
    lines = fonts.stdout.splitlines()[2:]
    assert lines and all(" yes " in line for line in lines)  # every font embedded
    assert any("Arabic" in line for line in lines)
    text = pdf_text(pdf)
    assert "Первое письмо" in text and "Cửa hàng của mẹ" in text


def test_print_command_explains_a_missing_language(site_home, tmp_path):
    make_exhibition(site_home)
    result = run_command(
        "print_exhibition",
        "integrace-ocima",
        "--language",
        "vi",
        "--kind",
        "zine",
        "--output",
        str(tmp_path / "x.pdf"),
    )
    assert result.status != 0
    assert "cs, en" in result.err


def test_curator_prints_from_the_admin_and_sees_scan_counts(admin_client, client, site_home):
    built = make_exhibition(site_home)
    edit = admin_client.get(f"/admin/pages/{built.page.pk}/edit/")
    assert f"/admin/exhibitions/{built.page.pk}/print/" in edit.content.decode()
    form = admin_client.get(f"/admin/exhibitions/{built.page.pk}/print/")
    assert form.status_code == 200
    pdf = admin_client.get(f"/admin/exhibitions/{built.page.pk}/print/", {"kind": "labels"})
    assert pdf["Content-Type"] == "application/pdf"
    code = ShortCode.objects.filter(exhibit_key__isnull=False).first()
    client.get(code.path)
    listing = admin_client.get("/admin/snippets/exhibitions/shortcode/")
    assert listing.status_code == 200 and code.code in listing.content.decode()
    scans = admin_client.get("/admin/snippets/exhibitions/scancount/")
    assert scans.status_code == 200 and code.code in scans.content.decode()
