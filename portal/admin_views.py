"""Curators' screens for the portal: invite (show the link and its QR code
once), revoke, and complete participants' erasure requests."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton

from photovoice.archive.consent import Actor, erase_participant
from photovoice.archive.models import Participant

from .links import invitation_link, qr_svg
from .models import DEFAULT_EXPIRY_DAYS, ErasureRequest, Invitation


class InviteForm(forms.Form):
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.select_related("project"), label=gettext_lazy("Participant")
    )
    expires_days = forms.IntegerField(
        label=gettext_lazy("Days the link works"),
        initial=DEFAULT_EXPIRY_DAYS,
        min_value=1,
        max_value=3650,
    )


class InvitationIndexView(generic.IndexView):
    """Each row offers "Revoke" (while the link works) and "New link"."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("participant", "project")

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if self.request.user.has_perm("portal.add_invitation"):
            new_link = reverse("invitations:add") + f"?participant={instance.participant_id}"
            buttons.insert(0, ListingButton(_("New link"), url=new_link, icon_name="link"))
            if instance.is_usable():
                buttons.insert(
                    0,
                    ListingButton(
                        _("Revoke"),
                        url=reverse("invitations:revoke", args=[instance.pk]),
                        icon_name="cross",
                    ),
                )
        return buttons


class InviteView(WagtailAdminTemplateMixin, FormView):
    """Make a link (earlier links of the participant stop working) and show
    it with its QR code. The token is not stored: this screen is the only
    time it can be seen."""

    template_name = "portal/admin/invite.html"
    form_class = InviteForm
    page_title = gettext_lazy("Invite a participant")
    header_icon = "link"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("portal.add_invitation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Invitations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        participant = self.request.GET.get("participant", "")
        return {"participant": int(participant)} if participant.isdigit() else {}

    def form_valid(self, form):
        invitation, token = Invitation.reissue(
            form.cleaned_data["participant"],
            expires_days=form.cleaned_data["expires_days"],
            created_by=self.request.user,
        )
        link = invitation_link(invitation, token)
        return self.render_to_response(
            self.get_context_data(form=form, invitation=invitation, link=link, qr=qr_svg(link))
        )


class RevokeInvitationView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/revoke.html"
    page_title = gettext_lazy("Revoke invitation")
    header_icon = "cross"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("portal.change_invitation"):
            raise PermissionDenied
        self.invitation = get_object_or_404(Invitation, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.invitation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def post(self, request, *args, **kwargs):
        self.invitation.revoke()
        messages.success(
            request,
            _("The link of %(code)s no longer works; devices signed in with it are signed out.")
            % {"code": self.invitation.participant.code},
        )
        return redirect(self.index_url_name)


class ErasureRequestIndexView(generic.IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.completed_at is None and self.request.user.has_perm(
            "portal.change_erasurerequest"
        ):
            buttons.insert(
                0,
                ListingButton(
                    _("Erase now"),
                    url=reverse("erasure_requests:complete", args=[instance.pk]),
                    icon_name="bin",
                ),
            )
        return buttons


class CompleteErasureView(WagtailAdminTemplateMixin, TemplateView):
    """Erase the participant (``erase_participant``) and close the request."""

    template_name = "portal/admin/complete_erasure.html"
    page_title = gettext_lazy("Erase participant")
    header_icon = "bin"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("portal.change_erasurerequest"):
            raise PermissionDenied
        self.erasure = get_object_or_404(ErasureRequest, pk=kwargs["pk"], completed_at=None)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.erasure.participant_code

    def get_context_data(self, **kwargs):
        return super().get_context_data(erasure=self.erasure, **kwargs)

    def post(self, request, *args, **kwargs):
        participant = self.erasure.participant
        if participant is not None:
            erase_participant(
                participant,
                actor=Actor.for_user(request.user),
                reason=_("asked for in the participant portal"),
            )
        ErasureRequest.objects.filter(pk=self.erasure.pk).update(
            completed_at=timezone.now(), completed_by=request.user
        )
        messages.success(
            request, _("%(code)s was erased.") % {"code": self.erasure.participant_code}
        )
        return redirect(self.index_url_name)
