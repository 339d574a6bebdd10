"""QR codes for short links (segno, pure Python), as SVG for print and PNG.

Error correction level Q (about 25 % of the symbol may be lost) so a creased
or scuffed zine still scans.
"""

import io

import segno
from django.conf import settings
from wagtail.models import Site

ERROR_CORRECTION = "q"


def short_link_base() -> str:
    """Scheme and host printed in front of ``/q/<code>``: the setting
    ``SHORT_LINK_BASE_URL`` when set, else the default site's root URL."""
    base = getattr(settings, "SHORT_LINK_BASE_URL", "")
    if not base:
        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/")


def short_url(code, base: str | None = None) -> str:
    """The full short address of ``code`` (a ShortCode), as printed."""
    return f"{short_link_base() if base is None else base}{code.path}"


def make_qr(data: str) -> segno.QRCode:
    return segno.make_qr(data, error=ERROR_CORRECTION, boost_error=False)


def qr_svg(data: str, *, scale: int = 4, inline: bool = False) -> str:
    """An SVG document; ``inline`` leaves out the XML declaration so it can be
    placed in HTML (and sized there with CSS)."""
    buffer = io.BytesIO()
    make_qr(data).save(buffer, kind="svg", scale=scale, border=4, xmldecl=not inline, svgclass="qr")
    return buffer.getvalue().decode()


def qr_png(data: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    make_qr(data).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
