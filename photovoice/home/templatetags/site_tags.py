"""Template tags shared by every public page."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    bidi: bool


def language_links(request, page: Page | None) -> list[LanguageLink]:
    """One link per site language, to this page's translation where it exists
    and is live, else to that language's home page. Plain links, no cookies."""
    current = get_language()
    translations = {}
    if page is not None:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    homes = {}
    if page is None or len(translations) < len(settings.LANGUAGES):
        site_root = page.get_site().root_page if page is not None else None
        if site_root is not None:
            for home in site_root.get_translations(inclusive=True).live().select_related("locale"):
                homes[home.locale.language_code] = home
    # On a routable page's sub-route (a photo of a project, say), keep the route.
    subpath = ""
    if page is not None and translations:
        page_url = page.get_url(request) or ""
        if page_url and request.path.startswith(page_url):
            subpath = request.path[len(page_url) :]
    links = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request) + subpath
        elif code in homes:
            url = homes[code].get_url(request)
        else:
            url = translate_url(request.path, code)
        info = get_language_info(code)
        links.append(LanguageLink(code, info["name_local"], url, code == current, info["bidi"]))
    return links


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {"links": language_links(request, context.get("page"))}


@register.filter
def language_dir(language_code: str) -> str:
    """``rtl`` or ``ltr`` for a language code, for ``dir`` attributes."""
    return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
