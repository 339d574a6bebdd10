"""The form curators edit a photo with, in Wagtail's image library (its fields
are ``Photo.admin_form_fields``; ``WAGTAILIMAGES_IMAGE_FORM_BASE`` points here).

When the curator turns face blurring on or off, the photo's public copies no
longer match: they are discarded at once (the public sees the "being prepared"
placeholder, never the old copies) and, if the photo may appear, made again
after the change is committed. The change is written to the audit trail.
"""

from django import forms
from wagtail.images.forms import BaseImageForm

from media_pipeline import faces

from ..consent import Actor, record_face_blurring


class PhotoForm(BaseImageForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.actor = Actor.for_user(user) if user is not None else Actor("Wagtail admin")

    def clean_blur_faces(self) -> bool:
        blur = self.cleaned_data["blur_faces"]
        if blur and "blur_faces" in self.changed_data:
            try:
                faces.check_available()
            except faces.FaceDetectionUnavailable as e:
                raise forms.ValidationError(e.message, code=e.code, params=e.params) from e
        return blur

    def save(self, commit=True):
        photo = super().save(commit=commit)
        if commit and "blur_faces" in self.changed_data:
            record_face_blurring(photo, actor=self.actor)
        return photo
