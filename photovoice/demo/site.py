"""The site's skeleton: locales, the home page in Czech and its translations."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from photovoice.home.models import HomePage

from .translation import translate

HOME_CS = {
    "title": "PhotoVoice: Integrace očima lidí, kteří ji žijí",
    "introduction": (
        "Fotografie, slova a hlasy lidí, kteří ve městě žijí a přišli odjinud. "
        "Vše zde sdílejí autoři se svým souhlasem."
    ),
}
HOME_TRANSLATIONS = {
    "en": {
        HOME_CS["title"]: "PhotoVoice: Integration seen by the people who live it",
        HOME_CS["introduction"]: (
            "Photos, words and voices of people who live in the city and came from elsewhere. "
            "Everything here is shared by its authors with their consent."
        ),
    },
}


def ensure_locales() -> Locale:
    """Create a Wagtail locale for every site language; return the default one."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def ensure_home_page() -> HomePage:
    """The Czech home page as the default site's root, replacing Wagtail's
    placeholder, with its translations. Safe to run again."""
    default_locale = ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(locale=default_locale).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(slug="photovoice", locale=default_locale, **HOME_CS)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "site_name": "PhotoVoice"},
    )
    if placeholder is not None and placeholder.specific_class is Page:
        placeholder.delete()
    for code, strings in HOME_TRANSLATIONS.items():
        translate(home, code, strings)
    return home
