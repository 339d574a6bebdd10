"""The participant's forms: photos, a voice recording, consent and its changes.

Files are checked here with ``media_pipeline`` (type by content, size,
damage), so a refused file gets its reason next to it, in the participant's
language, while everything typed stays in the form.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from media_pipeline.audio import probe_audio
from media_pipeline.exceptions import MediaError
from media_pipeline.images import MAX_IMAGE_BYTES, probe_image
from media_pipeline.sources import format_size, read_limited
from photovoice.archive.models import Credit, PeopleDepicted, Scope

from .contributions import SCOPE_LABELS

#: Most photos in one submission.
MAX_PHOTOS = 10
#: The portal's default limit for a recording: smaller than the archive's,
#: as it travels over a phone's connection.
DEFAULT_MAX_AUDIO_BYTES = 200 * 1024 * 1024

PEOPLE_CHOICES = [
    (PeopleDepicted.NONE, _("No, nobody can be recognised")),
    (PeopleDepicted.CONSENTED, _("Yes, and they agreed to be shown")),
    (PeopleDepicted.NOT_CONSENTED, _("Yes, but they did not agree, or I could not ask them")),
]


def max_photo_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_PHOTO_BYTES", MAX_IMAGE_BYTES)


def max_audio_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_AUDIO_BYTES", DEFAULT_MAX_AUDIO_BYTES)


def as_validation_error(exc: MediaError) -> ValidationError:
    return ValidationError(exc.message, code=exc.code, params=exc.params)


def read_checked(upload, limit: int, probe) -> bytes:
    """The upload's bytes, checked by ``probe``; a refusal becomes a ValidationError."""
    try:
        upload.seek(0)
        data = read_limited(upload, limit)
        probe(data, upload.name, max_bytes=limit)
    except MediaError as exc:
        raise as_validation_error(exc) from exc
    return data


class ScopeChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [(s.value, SCOPE_LABELS[s]) for s in Scope])
        super().__init__(**kwargs)


class ConsentForm(forms.Form):
    """The consent step: uses, credit, the language of the words, agreement.

    ``participant`` decides how the credit choices read (their name as the
    curators have it) and whether this is a minor's wish rather than consent.
    """

    scopes = ScopeChoiceField(
        label=_("Where may we use it?"),
        error_messages={"required": _("Tick at least one place where we may use it.")},
    )
    credit = forms.ChoiceField(label=_("How should we name you?"), widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Which language did you write in?"), choices=settings.LANGUAGES
    )
    agree = forms.BooleanField(
        label=_("I have read the text above and I agree."),
        error_messages={"required": _("Please tick this box to agree, or do not send.")},
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        name = participant.display_name
        self.fields["credit"].choices = [
            (
                Credit.NAME,
                _("With my name: %(name)s") % {"name": name} if name else _("With my name"),
            ),
            (
                Credit.PSEUDONYM,
                _("With a chosen name: %(name)s") % {"name": name}
                if name
                else _("With a chosen name"),
            ),
            (Credit.ANONYMOUS, _("Without any name")),
        ]
        self.fields["credit"].initial = participant.credit
        if participant.is_minor:
            self.fields["agree"].label = _(
                "I have read the text above and I agree. "
                "I know a parent or guardian must agree too."
            )


class PhotoForm(forms.Form):
    """One photo and the author's words about it."""

    photo = forms.FileField(
        label=_("Photo"),
        widget=forms.FileInput(attrs={"accept": "image/*,.heic,.heif"}),
        error_messages={"required": _("Choose a photo.")},
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    caption = forms.CharField(
        label=_("In your own words: what does this photo say?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    description = forms.CharField(
        label=_("What is in the photo? (for people who cannot see it)"),
        max_length=255,
        required=False,
    )
    showed_see = forms.CharField(
        label=_("What do you see here?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    showed_happening = forms.CharField(
        label=_("What is really happening?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    showed_our_lives = forms.CharField(
        label=_("How does this relate to our lives?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    showed_why = forms.CharField(
        label=_("Why does this situation exist?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    showed_do = forms.CharField(
        label=_("What can we do about it?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    people_depicted = forms.ChoiceField(
        label=_("Can people be recognised in this photo?"),
        choices=PEOPLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer: can people be recognised?")},
    )

    showed_fields = (
        "showed_see",
        "showed_happening",
        "showed_our_lives",
        "showed_why",
        "showed_do",
    )

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        self.photo_bytes = read_checked(upload, max_photo_bytes(), probe_image)
        return upload

    def item_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("title", "caption", *self.showed_fields)}
        fields["description"] = data["description"] or data["title"][:255]
        fields["people_depicted"] = data["people_depicted"]
        return fields

    def showed(self):
        return [self[name] for name in self.showed_fields]


class BasePhotoFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise ValidationError(_("Choose at least one photo."), code="no_photos")

    def filled(self) -> list[PhotoForm]:
        return [form for form in self.forms if form.has_changed()]


def photo_formset(count: int):
    return forms.formset_factory(
        PhotoForm,
        formset=BasePhotoFormSet,
        extra=count,
        max_num=MAX_PHOTOS,
        absolute_max=MAX_PHOTOS,
    )


class VoiceForm(forms.Form):
    """A voice memo or a recording made in the browser."""

    recording = forms.FileField(
        label=_("Recording"),
        widget=forms.FileInput(attrs={"accept": "audio/*,.m4a,.mp3,.ogg,.opus,.wav"}),
        error_messages={"required": _("Choose a recording, or record one.")},
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    transcript = forms.CharField(
        label=_("What do you talk about? (you can write it here too)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean_recording(self):
        upload = self.cleaned_data["recording"]
        self.recording_bytes = read_checked(upload, max_audio_bytes(), probe_audio)
        return upload


class NarrowConsentForm(forms.Form):
    """The uses a participant keeps for one item (the rest are withdrawn)."""

    keep = ScopeChoiceField(label=_("Where may we still use it?"), required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(s, SCOPE_LABELS[Scope(s)]) for s in allowed]
        self.fields["keep"].initial = allowed


class ErasureForm(forms.Form):
    message = forms.CharField(
        label=_("Anything you want to tell us (you can leave this empty)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


def size_limits() -> dict[str, str]:
    """The limits, as the forms state them."""
    return {"photo": format_size(max_photo_bytes()), "audio": format_size(max_audio_bytes())}
