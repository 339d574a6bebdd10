"""Archive models. The custom image model exists from day one so that later
fields (captions, consent, themes) are ordinary migrations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    get_upload_to,
)

from .storage import private_storage


class Photo(AbstractImage):
    """A participant's photo. The uploaded file is the archival original and
    is kept in private storage; the public only ever sees derivatives."""

    file = WagtailImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
        storage=private_storage,
    )

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class PhotoRendition(AbstractRendition):
    """A resized, re-encoded derivative of a :class:`Photo` (public storage)."""

    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
