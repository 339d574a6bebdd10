"""Printed matter: an A5 zine and A4 sheets of wall labels, as PDF (WeasyPrint).

Only exhibits the consent gate allows in print (``Scope.PRINT``) and that are
shown in the exhibition (``Scope.EXHIBITIONS``, so the printed code lands on a
page) are printed. Each carries its short code as a QR image with the short
address typed under it. Photos are print-size JPEG derivatives embedded in
the PDF; fonts (Noto, DejaVu) are embedded by WeasyPrint for every script the
project uses (Latin, Cyrillic, Vietnamese, Arabic).

WeasyPrint needs Pango (Debian ``libpango-1.0-0``, ``libpangoft2-1.0-0``); it
is imported only when printing, so the site runs without it.
"""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from PIL import ImageFile

from photovoice.archive.models import Photo, PhotoTranslation, Scope

from .gallery import ExhibitCard, ExhibitionGallery
from .models import ExhibitionPage, PrintedPiece, PrintKind, ShortCode, Showing
from .models.short_codes import source_exhibition
from .qr import qr_svg, short_link_base, short_url

#: Print derivatives: large enough for 300 dpi on an A5 page / a label.
RENDITION_SPECS = {
    PrintKind.ZINE: "max-1400x1400|format-jpeg|jpegquality-85",
    PrintKind.LABELS: "max-900x900|format-jpeg|jpegquality-85",
}
LABELS_PER_SHEET = 4


class PrintError(Exception):
    """Printing cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class PrintedExhibit:
    card: ExhibitCard
    image_uri: str
    code: ShortCode
    short_url: str
    qr: str

    @property
    def photo(self) -> Photo:
        return self.card.photo

    @property
    def typed_url(self) -> str:
        """The short address as people type it: no scheme."""
        return typed(self.short_url)

    @property
    def translation(self) -> PhotoTranslation | None:
        return self.card.translation


def typed(url: str) -> str:
    return url.split("://", 1)[-1]


def exhibition_in(slug: str, language: str) -> ExhibitionPage:
    """The live exhibition ``slug`` in ``language``, or :class:`PrintError`."""
    pages = ExhibitionPage.objects.live().filter(slug=slug).select_related("locale")
    page = pages.filter(locale__language_code=language).first()
    if page is None:
        found = sorted(p.locale.language_code for p in pages)
        if not found:
            raise PrintError(f"No published exhibition with the slug {slug!r}.")
        raise PrintError(
            f"The exhibition {slug!r} is not published in {language!r}; "
            f"it is in: {', '.join(found)}."
        )
    return page


def printable_cards(page: ExhibitionPage) -> list[ExhibitCard]:
    """The exhibition's exhibits, in order, that may appear in print now."""
    cards = ExhibitionGallery(page).cards()
    in_print = set(
        Photo.objects.allowed_in(Scope.PRINT)
        .filter(pk__in=[card.photo.pk for card in cards])
        .values_list("pk", flat=True)
    )
    return [card for card in cards if card.photo.pk in in_print]


def image_data_uri(photo: Photo, spec: str) -> str:
    rendition = photo.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        data = handle.read()
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def assign_codes(page: ExhibitionPage, kind: str, showing: Showing | None = None):
    """The printed piece for ``page`` (in its language), ``kind`` and
    ``showing``, the printable exhibits with their codes, and the code for
    the exhibition itself. Printing again reuses the piece and its codes."""
    language = page.locale.language_code
    piece, _created = PrintedPiece.objects.get_or_create(
        exhibition=source_exhibition(page),
        kind=PrintKind(kind),
        language=language,
        showing=showing,
    )
    coded = [
        (card, ShortCode.for_target(page, card.exhibit, language=language, piece=piece))
        for card in printable_cards(page)
    ]
    cover = ShortCode.for_target(page, language=language, piece=piece)
    return piece, coded, cover


def print_context(page: ExhibitionPage, kind: str, showing: Showing | None = None) -> dict:
    kind = PrintKind(kind)
    piece, coded, cover_code = assign_codes(page, kind, showing)
    piece.last_printed_at = timezone.now()
    piece.save(update_fields=["last_printed_at"])
    base = short_link_base()
    exhibits = []
    for card, code in coded:
        url = short_url(code, base)
        exhibits.append(
            PrintedExhibit(
                card,
                image_data_uri(card.photo, RENDITION_SPECS[kind]),
                code,
                url,
                qr_svg(url, scale=1, inline=True),
            )
        )
    cover_url = short_url(cover_code, base)
    sheets = [exhibits[i : i + LABELS_PER_SHEET] for i in range(0, len(exhibits), LABELS_PER_SHEET)]
    return {
        "page": page,
        "piece": piece,
        "language": page.locale.language_code,
        "exhibits": exhibits,
        "sheets": sheets,
        "cover_url": typed(cover_url),
        "cover_qr": qr_svg(cover_url, scale=1, inline=True),
        "showings": list(page.showings.all()),
        "showing": showing,
    }


def render_html(page: ExhibitionPage, kind: str, showing: Showing | None = None) -> str:
    with translation.override(page.locale.language_code):
        context = print_context(page, kind, showing)
        return render_to_string(f"exhibitions/print/{PrintKind(kind).value}.html", context)


def render_pdf(page: ExhibitionPage, kind: str, showing: Showing | None = None) -> bytes:
    """The zine or the labels of ``page`` (in its language) as PDF bytes."""
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as e:
        raise PrintError(
            "Printing needs WeasyPrint and Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0); "
            f"it could not be loaded: {e}"
        ) from e
    finally:
        # WeasyPrint switches Pillow to accept truncated images for the whole
        # process when imported; the media pipeline relies on the default
        # (refuse them), so put it back. Print only embeds complete derivatives.
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    html = render_html(page, kind, showing)
    return HTML(string=html, base_url=short_link_base()).write_pdf()
