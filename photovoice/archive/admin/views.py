"""Admin views that change consent or review status. Each calls the consent
service, so the change is versioned, audited and public at once (the gate
is asked on every request); a ``ConsentError`` becomes a message, not a 500."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..consent import (
    Actor,
    ConsentError,
    record_consent,
    set_review,
    withdraw_consent,
)
from ..item_references import item_reference
from ..models import AudioTestimony, ModerationStatus, Participant, Photo, may_appear_publicly
from .forms import ReviewDecisionForm, WithdrawConsentForm

#: Permission needed to review each kind of item.
REVIEW_PERMISSIONS = {"photo": "archive.change_photo", "testimony": "archive.change_audiotestimony"}
#: The queue's order: what waits for a curator first.
QUEUE_ORDER = [
    ModerationStatus.SUBMITTED,
    ModerationStatus.CHANGES_REQUESTED,
    ModerationStatus.ACCEPTED,
    ModerationStatus.REJECTED,
]


def can_review(user) -> bool:
    return any(user.has_perm(permission) for permission in REVIEW_PERMISSIONS.values())


class ConsentRecordCreateView(CreateView):
    """Records consent through :func:`record_consent`; never saves the form's instance."""

    def get_initial(self):
        """Pre-fills participant and item from links such as ``?participant=3&photo=12``."""
        initial = super().get_initial()
        for name in ("participant", "photo", "testimony"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = int(self.request.GET[name])
        return initial

    def form_valid(self, form):
        self.form = form
        try:
            self.object = record_consent(
                form.cleaned_data["participant"],
                actor=Actor.for_user(self.request.user),
                **form.consent_kwargs(),
            )
        except ConsentError as e:
            form.add_error(None, str(e))
            self.produced_error_code = "validation_error"
            self.produced_error_message = str(e)
            return self.form_invalid(form)
        return self.save_action()

    def get_success_message(self, instance):
        return _("Consent recorded: %(record)s") % {"record": instance}

    def get_success_buttons(self):
        return []


class WithdrawConsentView(WagtailAdminTemplateMixin, FormView):
    """Confirms and withdraws consent of one participant: all items or one,
    every use or one."""

    template_name = "archive/admin/withdraw_consent.html"
    form_class = WithdrawConsentForm
    page_title = gettext_lazy("Withdraw consent")
    header_icon = "cross"
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("archive.add_consentrecord"):
            raise PermissionDenied
        self.participant = get_object_or_404(Participant, pk=kwargs["participant_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.participant)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Consent records")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participant": self.participant}

    def get_initial(self):
        return {"item": self.request.GET.get("item", ""), "scope": self.request.GET.get("scope")}

    def form_valid(self, form):
        item = form.chosen_item()
        try:
            change = withdraw_consent(
                self.participant,
                actor=Actor.for_user(self.request.user),
                item=item,
                scope=form.cleaned_data["scope"] or None,
                reason=form.cleaned_data["reason"],
            )
        except ConsentError as e:
            form.add_error(None, str(e))
            return self.form_invalid(form)
        hidden = [i for i in change.items if not may_appear_publicly(i)]
        messages.success(
            self.request,
            _("Consent withdrawn for %(code)s. Items no longer public: %(count)d of %(total)d.")
            % {"code": self.participant.code, "count": len(hidden), "total": len(change.items)},
        )
        return redirect(f"{reverse(self.index_url_name)}?participant={self.participant.pk}")


class ReviewQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Photos and testimonies, what waits for review first, each with the
    three decisions and a note to the participant."""

    template_name = "archive/admin/review_queue.html"
    page_title = gettext_lazy("Photo review queue")
    header_icon = "tasks"
    decide_url_name = ""
    consent_add_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        status = status if status in ModerationStatus.values else ""
        items = []
        user = self.request.user
        if user.has_perm(REVIEW_PERMISSIONS["photo"]):
            items += Photo.objects.select_related("participant")
        if user.has_perm(REVIEW_PERMISSIONS["testimony"]):
            items += AudioTestimony.objects.select_related("participant")
        if status:
            items = [item for item in items if item.moderation_status == status]
        items.sort(key=lambda item: QUEUE_ORDER.index(item.moderation_status))
        return super().get_context_data(
            rows=[self.row(item) for item in items],
            statuses=ModerationStatus.choices,
            current_status=status,
            decision_choices=ReviewDecisionForm.base_fields["decision"].choices,
            **kwargs,
        )

    def row(self, item) -> dict:
        is_photo = isinstance(item, Photo)
        kind = "photo" if is_photo else "testimony"
        consent_query = f"participant={item.participant_id}&{kind}={item.pk}"
        return {
            "item": item,
            "kind": item._meta.verbose_name,
            "reference": item_reference(item),
            "status": item.get_moderation_status_display(),
            "author": str(item.participant) if item.participant else _("no author"),
            # The same small derivative Wagtail's image library shows; none for rejected items.
            "thumbnail": item.get_rendition("max-165x165")
            if is_photo and item.moderation_status != ModerationStatus.REJECTED
            else None,
            "decide_url": reverse(self.decide_url_name, args=[kind, item.pk]),
            "consent_url": f"{reverse(self.consent_add_url_name)}?{consent_query}"
            if item.participant_id
            else "",
        }


class ReviewDecisionView(View):
    """Applies one review decision through :func:`set_review` and returns to the queue."""

    queue_url_name = ""

    def post(self, request, kind: str, pk: int):
        if kind not in REVIEW_PERMISSIONS or not request.user.has_perm(REVIEW_PERMISSIONS[kind]):
            raise PermissionDenied
        model = Photo if kind == "photo" else AudioTestimony
        item = get_object_or_404(model, pk=pk)
        form = ReviewDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose accept, ask for changes or reject."))
        else:
            decision = ModerationStatus(form.cleaned_data["decision"])
            try:
                set_review(
                    item,
                    decision,
                    actor=Actor.for_user(request.user),
                    note=form.cleaned_data["note"],
                )
            except ConsentError as e:
                messages.error(request, _("%(item)s: %(error)s") % {"item": item, "error": e})
            else:
                messages.success(
                    request,
                    _("%(item)s: %(decision)s.") % {"item": item, "decision": decision.label},
                )
        queue_url = reverse(self.queue_url_name)
        status = request.POST.get("queue_status", "")
        if status in ModerationStatus.values:
            queue_url += f"?status={status}"
        return redirect(queue_url)
