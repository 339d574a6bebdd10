"""Signing a participant in on one device with their invitation link.

A participant is not a Django user: the session holds only the invitation's
id, so nothing a participant does can reach the admin. Every portal request
checks the invitation again, so revoking it signs the device out at once.
The session cookie is set only here, for participants; public visitors get none.
"""

from functools import wraps

from django.shortcuts import render
from django.utils import timezone

from .models import Invitation

SESSION_KEY = "portal_invitation"


def sign_in(request, invitation: Invitation) -> None:
    """Start a fresh session for ``invitation`` (a new session key, so a
    session fixed beforehand is worthless), ending when the invitation expires."""
    request.session.flush()
    request.session[SESSION_KEY] = invitation.pk
    request.session.set_expiry(invitation.expires_at)
    invitation.last_used_at = timezone.now()
    invitation.save(update_fields=["last_used_at"])


def sign_out(request) -> None:
    request.session.flush()


def current_invitation(request) -> Invitation | None:
    """The invitation this device was signed in with, if it still works."""
    pk = request.session.get(SESSION_KEY)
    if pk is None:
        return None
    invitation = (
        Invitation.objects.usable().select_related("participant__project").filter(pk=pk).first()
    )
    if invitation is None:
        sign_out(request)
    return invitation


def participant_required(view):
    """Give the view ``request.invitation`` and ``request.participant``, or
    show the "open your personal link" page (403) to anyone else."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        invitation = current_invitation(request)
        if invitation is None:
            return render(request, "portal/signed_out.html", status=403)
        request.invitation = invitation
        request.participant = invitation.participant
        return view(request, *args, **kwargs)

    return wrapper
