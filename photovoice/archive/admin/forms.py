"""Forms of the curators' consent and review screens. They collect what the
consent service needs; the service makes the change and writes the audit trail."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..consent import participant_items
from ..item_references import item_reference
from ..models import ConsentRecord, ModerationStatus, Participant, Scope


class ItemChoiceField(forms.ModelChoiceField):
    """A photo or testimony, labelled with its author's code."""

    def label_from_instance(self, obj):
        author = obj.participant.code if obj.participant else "-"
        return f"{author}: {obj} ({item_reference(obj)})"


class ConsentRecordForm(WagtailAdminModelForm):
    """A new consent record. Never edits an existing one: saving supersedes
    the current record for the same participant and item."""

    scopes = forms.MultipleChoiceField(
        label=_("May appear in"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uses not ticked are not allowed."),
    )

    class Meta:
        model = ConsentRecord
        fields = [
            "participant",
            "photo",
            "testimony",
            "credit",
            "text_version",
            "text_language",
            "method",
            "document",
            "given_by",
            "guardian_name",
            "minor_assent",
            "given_at",
            "expires_at",
            "note",
        ]
        field_classes = {"photo": ItemChoiceField, "testimony": ItemChoiceField}

    field_order = ["participant", "photo", "testimony", "scopes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].queryset = self.fields["photo"].queryset.select_related("participant")
        self.fields["testimony"].queryset = self.fields["testimony"].queryset.select_related(
            "participant"
        )

    def clean(self):
        cleaned = super().clean()
        participant = cleaned.get("participant")
        photo, testimony = cleaned.get("photo"), cleaned.get("testimony")
        if photo and testimony:
            raise forms.ValidationError(
                _("Choose a photo or a testimony, not both (or neither, for all items).")
            )
        item = photo or testimony
        if participant and item and item.participant_id != participant.pk:
            raise forms.ValidationError(
                _("%(item)s is not an item of %(code)s.") % {"item": item, "code": participant.code}
            )
        return cleaned

    def consent_kwargs(self) -> dict:
        """Keyword arguments for :func:`photovoice.archive.consent.record_consent`."""
        data = self.cleaned_data
        return {
            "scopes": data["scopes"],
            "item": data.get("photo") or data.get("testimony"),
            "credit": data["credit"],
            "text_version": data["text_version"],
            "text_language": data["text_language"],
            "method": data["method"],
            "document": data["document"] or None,
            "given_by": data["given_by"],
            "guardian_name": data["guardian_name"],
            "minor_assent": data["minor_assent"],
            "given_at": data["given_at"],
            "expires_at": data["expires_at"],
            "note": data["note"],
        }


class WithdrawConsentForm(forms.Form):
    """What to withdraw for one participant, and why."""

    item = forms.ChoiceField(label=_("Items"), required=False)
    scope = forms.ChoiceField(
        label=_("Uses"),
        required=False,
        choices=[("", _("Every use"))] + list(Scope.choices),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the participant's words if you can. Kept in the audit trail."),
    )

    def __init__(self, participant: Participant, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.items = {item_reference(item): item for item in participant_items(participant)}
        self.fields["item"].choices = [("", _("All their items"))] + [
            (reference, f"{item} ({reference})") for reference, item in self.items.items()
        ]

    def chosen_item(self):
        return self.items.get(self.cleaned_data["item"])


class ReviewDecisionForm(forms.Form):
    """A curator's decision on one item, with a note to the participant."""

    DECISIONS = [
        ModerationStatus.ACCEPTED,
        ModerationStatus.CHANGES_REQUESTED,
        ModerationStatus.REJECTED,
    ]

    decision = forms.ChoiceField(choices=[(d.value, d.label) for d in DECISIONS])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
