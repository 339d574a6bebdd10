"""Builders for portal tests: invitations, a signed-in participant's client,
and the form data a phone would send."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from portal.models import Invitation
from tests.builders import make_participant


def invite(participant=None, **kwargs) -> tuple[Invitation, str]:
    """An invitation and its token (``participant`` made when not given)."""
    return Invitation.issue(participant or make_participant(), **kwargs)


def portal_url(name: str, language: str = "en", *args) -> str:
    with translation.override(language):
        return reverse(f"portal:{name}", args=args)


def sign_in(client, participant=None, language: str = "en"):
    """Open an invitation link with ``client``; returns the participant."""
    participant = participant or make_participant(preferred_language=language)
    _invitation, token = invite(participant)
    response = client.get(portal_url("open", language, token))
    assert response.status_code == 302, response.status_code
    return participant


def consent_data(**overrides) -> dict:
    return {
        "scopes": ["archive", "exhibitions"],
        "credit": "pseudonym",
        "language": "en",
        "agree": "on",
        **overrides,
    }


def photo_post(files: list[tuple[str, bytes]], texts: list[dict] | None = None, **consent) -> dict:
    """The photo form's data for ``files`` (name, bytes), with titles and captions."""
    texts = texts or [{} for _ in files]
    data = {
        "photos-TOTAL_FORMS": str(len(files)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "10",
        **consent_data(**consent),
    }
    for i, ((name, content), text) in enumerate(zip(files, texts, strict=True)):
        data[f"photos-{i}-photo"] = SimpleUploadedFile(name, content)
        data[f"photos-{i}-title"] = text.get("title", f"My street {i}")
        data[f"photos-{i}-caption"] = text.get("caption", f"The corner where I wait, {i}")
        data[f"photos-{i}-people_depicted"] = text.get("people_depicted", "none")
        for key in ("showed_see", "description"):
            if key in text:
                data[f"photos-{i}-{key}"] = text[key]
    return data


def recording_post(name: str, content: bytes, **consent) -> dict:
    return {
        "recording": SimpleUploadedFile(name, content),
        "title": "How I found work",
        "transcript": "I came here in winter...",
        **consent_data(**consent),
    }
