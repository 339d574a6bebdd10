"""The participant's pages, in their language, phone first.

Every page but the invitation link itself needs a signed-in participant
(:func:`portal.session.participant_required`) and only ever looks up items
through that participant, so nobody can see or change another's items.
Every change of consent goes through :mod:`photovoice.archive.consent`.
"""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from media_pipeline.exceptions import MediaError
from photovoice.archive.consent import ConsentError, withdraw_consent
from photovoice.archive.models import Scope

from . import copies
from .consent_texts import consent_text
from .contributions import allowed_scopes, find_own_item, summaries, summarise
from .forms import (
    MAX_PHOTOS,
    SCOPE_LABELS,
    ConsentForm,
    ErasureForm,
    NarrowConsentForm,
    VoiceForm,
    as_validation_error,
    photo_formset,
    size_limits,
)
from .models import ErasureRequest, Invitation
from .session import participant_required, sign_in, sign_out
from .submissions import ConsentChoice, portal_actor, submit_photos, submit_recording
from .throttle import allow_upload


def portal_url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(f"portal:{name}", args=args)


def private(view):
    """Portal pages are personal: never cached, never indexed."""

    @never_cache
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# Signing in -----------------------------------------------------------------


@private
def open_invitation(request, token: str):
    """The personal link: sign this device in, then leave the token's address
    for one without it, in the participant's language."""
    invitation = Invitation.objects.find(token)
    if invitation is None:
        return render(request, "portal/invitation_invalid.html", {"reason": "unknown"}, status=404)
    language = invitation.participant.preferred_language
    if not invitation.is_usable():
        reason = "revoked" if invitation.revoked_at else "expired"
        with translation.override(language):
            response = render(
                request, "portal/invitation_invalid.html", {"reason": reason}, status=410
            )
        response.headers["Content-Language"] = language
        return response
    sign_in(request, invitation)
    return redirect(portal_url("home", language))


@private
@require_POST
def sign_out_view(request):
    sign_out(request)
    return render(request, "portal/signed_out.html", {"signed_out": True})


# My contributions -------------------------------------------------------------


@private
@participant_required
def home(request):
    """My contributions: every item with its review, uses and places."""
    return render(
        request,
        "portal/home.html",
        {
            "participant": request.participant,
            "items": summaries(request.participant),
            "erasure_requested": request.participant.erasure_requests.open().exists(),
        },
    )


def own_item_or_404(request, kind: str, pk: int):
    item = find_own_item(request.participant, kind, pk)
    if item is None:
        raise Http404
    return item


@private
@participant_required
@require_http_methods(["GET", "POST"])
def item_consent(request, kind: str, pk: int):
    """Narrow the uses of one item: choose what to keep, confirm, done."""
    item = own_item_or_404(request, kind, pk)
    allowed = allowed_scopes(item)
    form = NarrowConsentForm(request.POST or None, allowed=allowed)
    removed = []
    if request.method == "POST" and form.is_valid():
        removed = [s for s in allowed if s not in form.cleaned_data["keep"]]
        if not removed:
            messages.info(request, _("Nothing changed."))
            return redirect(portal_url("home", get_language()))
        if form.cleaned_data["confirm"]:
            if set(removed) == set(allowed):
                return _withdraw(request, item)
            actor = portal_actor(request.participant)
            with transaction.atomic():
                for scope in removed:
                    withdraw_consent(request.participant, actor=actor, item=item, scope=scope)
            messages.success(
                request,
                _("Done. We no longer use “%(title)s” here: %(uses)s.")
                % {"title": item.title, "uses": _labels(removed)},
            )
            return redirect(portal_url("home", get_language()))
    return render(
        request,
        "portal/item_consent.html",
        {
            "summary": summarise(item),
            "form": form,
            "removed": [SCOPE_LABELS[Scope(s)] for s in removed],
            "confirming": bool(removed),
        },
    )


def _labels(scopes) -> str:
    return ", ".join(str(SCOPE_LABELS[Scope(s)]) for s in scopes)


def _withdraw(request, item=None):
    try:
        withdraw_consent(request.participant, actor=portal_actor(request.participant), item=item)
    except ConsentError:
        messages.info(request, _("There was no consent to take back: nothing of this is shown."))
    else:
        if item is None:
            messages.success(
                request, _("Done. We have stopped using all your photos and recordings.")
            )
        else:
            messages.success(
                request, _("Done. We have stopped using “%(title)s”.") % {"title": item.title}
            )
    return redirect(portal_url("home", get_language()))


@private
@participant_required
@require_http_methods(["GET", "POST"])
def withdraw_item(request, kind: str, pk: int):
    """Take back one item everywhere, after a confirmation page."""
    item = own_item_or_404(request, kind, pk)
    if request.method == "POST":
        return _withdraw(request, item)
    return render(request, "portal/withdraw_confirm.html", {"summary": summarise(item)})


@private
@participant_required
@require_http_methods(["GET", "POST"])
def withdraw_all(request):
    """Take back everything, after a confirmation page."""
    if request.method == "POST":
        return _withdraw(request)
    return render(request, "portal/withdraw_confirm.html", {"summary": None})


@private
@participant_required
@require_http_methods(["GET", "POST"])
def request_erasure(request):
    """Ask the curators to erase everything: a request they complete."""
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = request.participant
        with transaction.atomic():
            if not participant.erasure_requests.open().exists():
                ErasureRequest.objects.create(
                    participant=participant,
                    participant_code=participant.code,
                    message=form.cleaned_data["message"],
                )
            # Asking to be erased takes every agreement back at once; the
            # curators then delete the files and details.
            withdraw_consent(
                participant, actor=portal_actor(participant), reason="erasure requested"
            )
        messages.success(
            request,
            _(
                "We have your request. The curators will erase your photos, recordings and "
                "details, and stop using them now."
            ),
        )
        return redirect(portal_url("home", get_language()))
    return render(request, "portal/erasure.html", {"form": form})


@private
@participant_required
def download_copy(request):
    """A zip of the participant's originals with their metadata and consent records."""
    archive = copies.participant_copy(request.participant)
    name = f"photovoice-{timezone.localdate():%Y-%m-%d}.zip"
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")


# Contributing -----------------------------------------------------------------


def _consent_context(request, consent_form) -> dict:
    text = consent_text(get_language())
    return {
        "consent_form": consent_form,
        "consent_text": text,
        "participant": request.participant,
        "limits": size_limits(),
    }


def _consent_choice(consent_form) -> ConsentChoice:
    data = consent_form.cleaned_data
    return ConsentChoice(
        scopes=data["scopes"],
        credit=data["credit"],
        language=data["language"],
        text=consent_text(get_language()),
    )


def _throttled(request) -> bool:
    return request.method == "POST" and not allow_upload(request, request.invitation)


TOO_MANY = gettext_lazy(
    "You have sent many files in a short time. Please wait an hour and try again; "
    "what you typed is kept below."
)


@private
@participant_required
@require_http_methods(["GET", "POST"])
def add_photos(request):
    """One or several photos, each with its words, and the consent step."""
    count = _slot_count(request)
    PhotoFormSet = photo_formset(count)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    formset = PhotoFormSet(data, files, prefix="photos")
    consent_form = ConsentForm(
        data, participant=request.participant, initial={"language": get_language()}
    )
    status = 200
    if _throttled(request):
        consent_form.is_valid()
        consent_form.add_error(None, TOO_MANY)
        status = 429
    elif request.method == "POST" and formset.is_valid() and consent_form.is_valid():
        photos = [
            (form.photo_bytes, form.cleaned_data["photo"].name, form.item_fields())
            for form in formset.filled()
        ]
        try:
            items = submit_photos(request.participant, photos, _consent_choice(consent_form))
        except MediaError as exc:  # checked in the form already; a last line of defence
            consent_form.add_error(None, as_validation_error(exc))
        else:
            messages.success(
                request,
                _("Thank you! We received %(count)d photo(s). A curator will look at them soon.")
                % {"count": len(items)},
            )
            return redirect(portal_url("home", get_language()))
    if request.method == "POST" and status == 200:
        status = 400
    context = {
        **_consent_context(request, consent_form),
        "formset": formset,
        "more_url": f"?photos={min(count + 1, MAX_PHOTOS)}" if count < MAX_PHOTOS else "",
    }
    return render(request, "portal/add_photos.html", context, status=status)


def _slot_count(request) -> int:
    try:
        return max(1, min(int(request.GET.get("photos", 1)), MAX_PHOTOS))
    except ValueError:
        return 1


@private
@participant_required
@require_http_methods(["GET", "POST"])
def add_recording(request):
    """A voice memo, or a recording made here in the browser."""
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = VoiceForm(data, files)
    consent_form = ConsentForm(
        data, participant=request.participant, initial={"language": get_language()}
    )
    status = 200
    if _throttled(request):
        consent_form.is_valid()
        consent_form.add_error(None, TOO_MANY)
        status = 429
    elif request.method == "POST" and form.is_valid() and consent_form.is_valid():
        fields = {
            "title": form.cleaned_data["title"],
            "transcript": form.cleaned_data["transcript"],
        }
        try:
            submit_recording(
                request.participant,
                form.recording_bytes,
                form.cleaned_data["recording"].name,
                fields,
                _consent_choice(consent_form),
            )
        except MediaError as exc:
            form.add_error("recording", as_validation_error(exc))
        else:
            messages.success(
                request,
                _("Thank you! We received your recording. A curator will listen to it soon."),
            )
            return redirect(portal_url("home", get_language()))
    if request.method == "POST" and status == 200:
        status = 400
    context = {**_consent_context(request, consent_form), "form": form}
    return render(request, "portal/add_recording.html", context, status=status)
