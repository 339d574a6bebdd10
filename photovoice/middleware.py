"""Response headers that keep visitors private and safe.

Public pages load nothing from other origins and run no inline script, so a
strict Content-Security-Policy holds there. The Wagtail admin needs inline
scripts and gets only the headers that do not break it.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data: {media}; media-src 'self' {media}; "
    "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(self), interest-cohort=()"


def public_media_origin() -> str:
    """The origin public derivatives are served from when it is not this site
    (an S3 bucket or CDN), or an empty string."""
    parts = urlsplit(default_storage.url("origin-probe"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.public_csp = PUBLIC_CSP.format(media=public_media_origin())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.public_csp)
        return response
