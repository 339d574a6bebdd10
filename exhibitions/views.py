"""Short links: ``/q/<CODE>`` sends a visitor to the exhibit in their language.

The language is the one printed on the piece, switched to the phone's
``Accept-Language`` when the exhibit exists in that language; never a page
that does not exist. When the exhibit's photo may no longer appear in
exhibitions (the consent gate refuses it), the exhibit was removed, or the
exhibition is unpublished, the visitor gets the 410 notice ("removed at the
author's request") in their language. Each scan adds one to an anonymous
daily count; nothing about the visitor is stored and no cookie is set.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_safe

from photovoice.archive.models import Scope, may_appear
from photovoice.archive.public import removal_notice as archive_removal_notice

from .models import Exhibit, ExhibitionPage, ScanCount, ShortCode
from .models.short_codes import normalise_code
from .qr import qr_png, qr_svg, short_url

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def preferred_languages(request) -> list[str]:
    """Site languages the visitor's ``Accept-Language`` asks for, best first."""
    wanted = []
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = tag.split("-")[0].lower()
        if code in SITE_LANGUAGES and code not in wanted:
            wanted.append(code)
    return wanted


def choose_language(request, available, printed: str) -> str:
    """The visitor's language among ``available``; else the printed one; else
    the first available (``available`` must not be empty)."""
    for code in preferred_languages(request):
        if code in available:
            return code
    if printed in available:
        return printed
    return next(iter(available))


def removal_notice(request, page=None, language: str | None = None) -> TemplateResponse:
    """The archive's 410 page ("removed at the author's request"), rendered in
    ``language`` (default: the one active for this request)."""
    with translation.override(language or translation.get_language()):
        response = archive_removal_notice(request, page)
        response.render()
    response["Cache-Control"] = "no-cache"
    return response


def exhibition_translations(source: ExhibitionPage | None) -> dict[str, ExhibitionPage]:
    """Live, public translations of an exhibition by language code."""
    if source is None:
        return {}
    pages = (
        ExhibitionPage.objects.filter(translation_key=source.translation_key)
        .live()
        .public()
        .select_related("locale")
    )
    return {page.locale.language_code: page for page in pages}


@require_safe
def short_link(request, code: str):
    normalised = normalise_code(code)
    short = ShortCode.objects.filter(code=normalised).first() if normalised else None
    if short is None:
        raise Http404
    if normalised != code:
        return HttpResponseRedirect(short.path)
    pages = exhibition_translations(short.exhibition)
    if short.exhibit_key is None:
        targets = pages
    else:
        exhibits = Exhibit.objects.filter(
            translation_key=short.exhibit_key, page__in=list(pages.values())
        ).select_related("photo", "locale")
        targets = {exhibit.locale.language_code: exhibit for exhibit in exhibits}
    if not targets:
        language = choose_language(request, SITE_LANGUAGES, short.language)
        return count(request, short, language, removal_notice(request, None, language))
    language = choose_language(request, targets, short.language)
    page = pages[language]
    if short.exhibit_key is None:
        response = HttpResponseRedirect(page.get_url(request))
    else:
        exhibit = targets[language]
        if exhibit.photo is None or not may_appear(exhibit.photo, Scope.EXHIBITIONS):
            return count(request, short, language, removal_notice(request, page, language))
        response = HttpResponseRedirect(page.specific.exhibit_url(exhibit, request))
    response["Cache-Control"] = "no-store"
    return count(request, short, language, response)


def count(request, short: ShortCode, language: str, response):
    if request.method == "GET":
        ScanCount.record(short, language)
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_safe
def qr_image(request, code: str, kind: str):
    short = ShortCode.objects.filter(code=code).first()
    if short is None:
        raise Http404
    url = short_url(short)
    if kind == "svg":
        response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(url), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
