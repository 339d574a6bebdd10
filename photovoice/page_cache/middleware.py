"""Answering anonymous visitors from finished copies of public pages.

What is cached: the ``200`` answer to a ``GET`` of a public page (HTML, and
the XML of feeds and the sitemap) that sets no cookie, is not marked
``private``/``no-store``/``no-cache`` and varies by nothing but the encoding,
the language and the (absent) cookies. What is never cached, not even looked
up: requests with a session or CSRF cookie (curators, portal participants,
anyone who has filled in a form) or an ``Authorization`` header; the admin,
the portal, short codes ``/q/`` (they count scans), ``/podcast/e/`` (they
count downloads), static and media files.

The key is scheme, host, full path with query string and the language the
request resolves to, under the current generation (see :mod:`.generation`).
Each page is stored twice, as rendered and gzipped, so a warm hit never
compresses; both carry a strong ``ETag`` and ``If-None-Match`` gets ``304``.

A page whose generation ends (at a consent expiry) before
``PAGE_CACHE_SECONDS`` carries ``X-Accel-Expires: @<that moment>`` so that the
front cache (nginx) drops its copy then too.

Place this below the middleware that adds security headers (they are then
added to every hit as to every render) and above the session middleware
(a hit touches neither session nor database).

On compression and BREACH: only what may be cached is compressed, and that
is by construction a page without secrets: nothing with a CSRF token (it would
set the CSRF cookie) or a session. The admin and the portal, which carry CSRF
tokens and reflect what users type, are left alone here.
"""

import hashlib
import math
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from .generation import Generation, current_generation, page_cache

#: Content types worth keeping: pages, feeds and the sitemap.
CACHED_TYPES = {
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
}
#: A cached page may vary only by what the key holds: encoding, language and
#: cookies (a request with a cookie that matters is never served from the cache).
ALLOWED_VARY = {"accept-encoding", "accept-language", "cookie"}
#: Cache-Control directives that forbid keeping a copy.
FORBIDDING = {"private", "no-store", "no-cache"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

#: One stored page: its headers and body.
Entry = tuple[tuple[tuple[str, str], ...], bytes]


def bypassed_paths() -> re.Pattern:
    """Paths never served from or stored in the cache, language prefix or not."""
    prefixes = ["admin/", "q/", "podcast/e/"]
    prefixes += [
        url.lstrip("/") for url in (settings.STATIC_URL, settings.MEDIA_URL) if url.startswith("/")
    ]
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(rf"^/(?:(?:{languages})/)?portal/|^/(?:{alternatives})")


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.bypassed = bypassed_paths()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.may_use_cache(request):
            return self.get_response(request)
        now = timezone.now()
        generation = current_generation(now)
        if generation is None:
            return self.get_response(request)
        gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
        entry = page_cache().get(page_key(generation, request, gzip=gzip))
        if entry is not None:
            return conditional(request, response_from(entry))
        response = self.get_response(request)
        if request.method == "GET" and may_store(response):
            self.store(request, response, generation, now, gzip=gzip)
            return conditional(request, response)
        return response

    def may_use_cache(self, request: HttpRequest) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and "Authorization" not in request.headers
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and settings.CSRF_COOKIE_NAME not in request.COOKIES
            and not self.bypassed.match(request.path_info)
        )

    def store(
        self,
        request: HttpRequest,
        response: HttpResponse,
        generation: Generation,
        now,
        *,
        gzip: bool,
    ) -> None:
        """Keep the rendered page and its gzipped form until the generation's
        horizon or ``PAGE_CACHE_SECONDS``, and turn ``response`` into the
        form this client asked for."""
        timeout = settings.PAGE_CACHE_SECONDS
        left = generation.seconds_left(now)
        if left is not None and left < timeout:
            timeout = math.ceil(left)
            # Nor may nginx keep it longer (it reads this header and hides it).
            response["X-Accel-Expires"] = f"@{math.floor(generation.until.timestamp())}"
        patch_vary_headers(response, ("Accept-Encoding",))
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        plain: Entry = (tuple(response.headers.items()), response.content)
        zipped = gzipped(plain)
        if timeout > 0:
            page_cache().set_many(
                {
                    page_key(generation, request, gzip=False): plain,
                    page_key(generation, request, gzip=True): zipped,
                },
                timeout,
            )
        if gzip:
            response_from(zipped, into=response)


def page_key(generation: Generation, request: HttpRequest, *, gzip: bool) -> str:
    language = translation.get_language_from_request(request, check_path=True)
    address = f"{language} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:page:{generation.key}:{'gzip' if gzip else 'plain'}:{digest}"


def may_store(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Encoding"):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in CACHED_TYPES:
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & FORBIDDING:
        return False
    vary = {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", ""))}
    return vary - {""} <= ALLOWED_VARY


def gzipped(entry: Entry) -> Entry:
    """The page gzipped, with its own length and ``ETag`` (``"…-gzip"``, as
    Apache names them), or the page itself when gzip does not make it smaller."""
    body = entry[1]
    compressed = compress_string(body)
    if len(compressed) >= len(body):
        return entry
    response = response_from(entry)
    response.content = compressed
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(compressed))
    response["ETag"] = response["ETag"][:-1] + '-gzip"'
    return tuple(response.headers.items()), compressed


def response_from(entry: Entry, into: HttpResponse | None = None) -> HttpResponse:
    """A response with the stored headers and body (or ``into`` made so)."""
    headers, body = entry
    response = into if into is not None else HttpResponse()
    for name in list(response.headers):
        del response.headers[name]
    for name, value in headers:
        response.headers[name] = value
    response.content = body
    return response


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """``304 Not Modified`` when the client already holds this copy."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
