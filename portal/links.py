"""Invitation links as participants receive them: a full address and its QR code."""

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .models import Invitation


def invitation_link(invitation: Invitation, token: str) -> str:
    """The personal link, under the participant's language prefix."""
    with translation.override(invitation.participant.preferred_language):
        path = reverse("portal:open", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_code(link: str):
    """A QR code for ``link``, readable from a printed card or a screen."""
    return segno.make(link, error="m", micro=False)


def qr_svg(link: str) -> str:
    """The QR code as an inline SVG element (for the curator's screen)."""
    out = io.BytesIO()
    qr_code(link).save(
        out, kind="svg", scale=6, border=4, xmldecl=False, svgns=True, title="QR", unit="px"
    )
    return out.getvalue().decode()
