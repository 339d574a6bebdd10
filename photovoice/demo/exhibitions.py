"""A demo exhibition of the demo project: three themes, twelve exhibits (four
with the author's recorded interview), travelling from the integration centre
to the Senate, in Czech and English, with one printed zine's short codes.

Every exhibit is checked with the consent gate before it is placed; one of
them ("Saturday market") may be exhibited but not printed, so the zine shows
eleven. Safe to run again: nothing is duplicated.
"""

from datetime import date

from wagtail.models import Locale

from exhibitions.models import (
    Exhibit,
    ExhibitionIndexPage,
    ExhibitionPage,
    ExhibitionSection,
    PrintKind,
    Showing,
)
from exhibitions.printing import assign_codes
from photovoice.archive.models import AudioTestimony, Photo, Scope, Theme, may_appear

from .archive import THEMES, ensure_demo_archive
from .site import ensure_home_page
from .translation import translate

INDEX = {"title": "Výstavy", "slug": "vystavy", "intro": "Výstavy z fotografií účastníků."}
INDEX_EN = {"Výstavy": "Exhibitions", INDEX["intro"]: "Exhibitions of participants' photos."}

EXHIBITION = {
    "title": "Integrace očima: výstava",
    "slug": "integrace-ocima",
    "intro": (
        "Třináct autorů ukazuje, jak prožívají integraci: jazykovou bariéru, "
        "přátelské služby a místa, kde se cítí doma. U čtyř fotografií si můžete "
        "poslechnout vyprávění autora."
    ),
}
EXHIBITION_EN = {
    EXHIBITION["title"]: "Integration seen: an exhibition",
    EXHIBITION["intro"]: (
        "Thirteen authors show how they live integration: the language barrier, "
        "friendly services and the places where they feel at home. For four of the "
        "photos you can listen to the author."
    ),
}

# (participant code, photo title, with the author's interview), per theme slug,
# in the order visitors meet them.
EXHIBITS = {
    "jazykova-bariera": [
        ("P01", "Первое письмо", True),
        ("P02", "The form", False),
        ("P03", "Fronta", False),
        ("P04", "Hóa đơn", False),
    ],
    "pratelske-sluzby": [
        ("P01", "Библиотека", False),
        ("P02", "Doctor's waiting room", False),
        ("P04", "Lớp học tiếng Séc", False),
        ("P05", "Моя школа", False),
    ],
    "domov": [
        ("P02", "Our workshop", True),
        ("P04", "Cửa hàng của mẹ", True),
        ("P06", "Balcony", True),
        ("P02", "Saturday market", False),
    ],
}

SHOWINGS = [
    (
        "Integrační centrum",
        "Integration Centre",
        "Žitná 1, Praha",
        date(2025, 9, 1),
        date(2025, 10, 15),
    ),
    (
        "Senát",
        "Senate of the Czech Republic",
        "Valdštejnské nám. 4, Praha",
        date(2025, 11, 1),
        date(2025, 12, 20),
    ),
]
#: The venue the demo zine was printed for.
ZINE_VENUE = "Senát"


def ensure_demo_exhibition() -> ExhibitionPage:
    """The demo exhibition (Czech source page), creating what is missing."""
    home = ensure_home_page()
    project = ensure_demo_archive()
    czech = Locale.objects.get(language_code="cs")

    index = ExhibitionIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = home.add_child(instance=ExhibitionIndexPage(locale=czech, **INDEX))
        index.save_revision().publish()
    translate(index, "en", INDEX_EN)

    page = ExhibitionPage.objects.child_of(index).filter(slug=EXHIBITION["slug"]).first()
    if page is None:
        page = ExhibitionPage(locale=czech, project=project, **EXHIBITION)
        for slug, name_cs, _name_en, text_cs, _text_en in THEMES:
            theme = Theme.objects.get(slug=slug, locale=czech)
            page.sections.add(ExhibitionSection(theme=theme, heading=name_cs, text=text_cs))
            for code, title, with_audio in EXHIBITS[slug]:
                photo = Photo.objects.get(participant__code=code, title=title)
                if not may_appear(photo, Scope.EXHIBITIONS):
                    continue
                testimony = None
                if with_audio:
                    testimony = (
                        AudioTestimony.objects.allowed_in(Scope.EXHIBITIONS)
                        .filter(participant__code=code)
                        .first()
                    )
                page.exhibits.add(Exhibit(photo=photo, testimony=testimony, theme=theme))
        for venue, _venue_en, address, starts, ends in SHOWINGS:
            page.showings.add(Showing(venue=venue, address=address, starts_on=starts, ends_on=ends))
        index.add_child(instance=page)
        page.save_revision().publish()
    strings = dict(EXHIBITION_EN)
    for _slug, name_cs, name_en, text_cs, text_en in THEMES:
        strings.update({name_cs: name_en, text_cs: text_en})
    for venue, venue_en, *_rest in SHOWINGS:
        strings[venue] = venue_en
    translate(page, "en", strings)

    showing = page.showings.filter(venue=ZINE_VENUE).first()
    assign_codes(page, PrintKind.ZINE, showing)
    return page
