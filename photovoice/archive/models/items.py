"""Archive items: photos (the custom Wagtail image model) and audio testimonies."""

import io
import secrets

from django.conf import settings
from django.core.files import File
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    ImageQuerySet,
    WagtailImageField,
    get_upload_to,
)
from wagtail.search import index

from media_pipeline.derivatives import DerivativeSpec, make_derivatives

from ..storage import private_storage
from .choices import ModerationStatus, PeopleDepicted
from .gate import ArchiveItemQuerySet


def new_public_key() -> str:
    """An unguessable folder name for an item's public derivatives. Rotated
    when the item leaves public view, so old links die with the files."""
    return secrets.token_urlsafe(16)


#: Wagtail's own renditions of a photo whose faces are blurred (printed
#: sheets, admin thumbnails) are made from this blurred copy, not the original.
BLURRED_SOURCE = DerivativeSpec(2400, "jpeg", 95)


class ArchiveItem(models.Model):
    """What photos and testimonies share: an author, a language, themes, and
    the curator's review."""

    participant = models.ForeignKey(
        "archive.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="%(class)ss",
        verbose_name=_("participant"),
    )
    language = models.CharField(
        _("language of the author's words"), max_length=10, choices=settings.LANGUAGES, default="cs"
    )
    themes = models.ManyToManyField("archive.Theme", blank=True, related_name="%(class)ss")
    moderation_status = models.CharField(
        _("review"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.SUBMITTED,
        db_index=True,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderation_note = models.TextField(
        _("note to the participant"), blank=True, help_text=_("Shown to the participant.")
    )
    public_key = models.CharField(max_length=32, default=new_public_key, editable=False)

    #: the foreign key on ConsentRecord that points at this kind of item
    consent_field: str = ""

    class Meta:
        abstract = True


class PhotoQuerySet(ArchiveItemQuerySet, ImageQuerySet):
    def item_conditions(self) -> Q:
        """Rule 3 of the gate: nobody recognisable, or they consented, or a
        curator has their faces blurred in every public copy."""
        return Q(people_depicted__in=[PeopleDepicted.NONE, PeopleDepicted.CONSENTED]) | Q(
            people_depicted=PeopleDepicted.NOT_CONSENTED, blur_faces=True
        )


class Photo(ArchiveItem, AbstractImage):
    """A participant's photo with their words.

    The uploaded file is the archival original, kept in private storage;
    the public only ever sees derivatives (renditions). Wagtail's
    ``description`` field is the alt text. Place and date are only what the
    participant stated, never read from GPS or EXIF.
    """

    file = WagtailImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
        storage=private_storage,
    )
    caption = models.TextField(_("caption, in the author's words"), blank=True)
    showed_see = models.TextField(_("What do you see here?"), blank=True)
    showed_happening = models.TextField(_("What is really happening?"), blank=True)
    showed_our_lives = models.TextField(_("How does this relate to our lives?"), blank=True)
    showed_why = models.TextField(_("Why does this situation exist?"), blank=True)
    showed_do = models.TextField(_("What can we do about it?"), blank=True)
    stated_date = models.CharField(_("when, as the author said"), max_length=60, blank=True)
    stated_place = models.CharField(_("where, as the author said"), max_length=120, blank=True)
    consent_field = "photo"

    people_depicted = models.CharField(
        _("recognisable people"),
        max_length=20,
        choices=PeopleDepicted.choices,
        default=PeopleDepicted.UNKNOWN,
    )
    blur_faces = models.BooleanField(
        _("blur faces in public copies"),
        default=False,
        help_text=_(
            "Every public copy (web, exhibitions, print) shows faces blurred; the original "
            "stays untouched. Use it when people in the photo did not agree to be shown: "
            "it lets such a photo appear. Faces are found automatically and some can be "
            "missed (small, turned away, partly covered), so look at the photo after saving."
        ),
    )
    derivatives_ready = models.BooleanField(
        _("public copies ready"),
        default=False,
        editable=False,
        help_text=_("Set by the background task that makes the web and print copies."),
    )
    depicted_consent_document = models.FileField(
        _("consent of people depicted (private)"),
        upload_to="consent/depicted/",
        storage=private_storage,
        blank=True,
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "collection",
        "blur_faces",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("caption"),
        index.FilterField("moderation_status"),
    ]

    objects = PhotoQuerySet.as_manager()

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.title

    def generate_rendition_file(self, filter, *, source=None):
        """Wagtail's renditions of a photo whose faces are to be blurred are
        made from a blurred copy, so no size Wagtail makes on request shows them."""
        if self.blur_faces:
            if source is None:
                with self.open_file() as original:
                    data = original.read()
            else:
                data = source.read()
            blurred = make_derivatives(data, [BLURRED_SOURCE], blur_faces=True)[BLURRED_SOURCE]
            source = File(io.BytesIO(blurred.data), name=self.file.name)
        return super().generate_rendition_file(filter, source=source)

    def showed_answers(self) -> list[tuple[str, str]]:
        """The SHOWeD prompts the author answered, as (question, answer)."""
        fields = ("showed_see", "showed_happening", "showed_our_lives", "showed_why", "showed_do")
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]


class PhotoRendition(AbstractRendition):
    """A derivative of a :class:`Photo`, in public storage under the photo's
    unguessable ``public_key`` folder."""

    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename: str) -> str:
        filename = self.file.field.storage.get_valid_name(filename)
        return f"derivatives/{self.image.public_key}/{filename}"


class PhotoTranslation(models.Model):
    """A translation of a photo's texts, shown beside the original and
    marked as a translation. The author's own words are never replaced."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255, blank=True)
    caption = models.TextField(_("caption"), blank=True)
    alt_text = models.CharField(_("alt text"), max_length=255, blank=True)
    translator = models.CharField(_("translated by"), max_length=120, blank=True)

    class Meta:
        unique_together = [("photo", "language")]
        verbose_name = _("photo translation")

    def __str__(self) -> str:
        return f"{self.photo} ({self.language})"


class AudioTestimony(ArchiveItem):
    """A recorded interview or voice memo. The original recording stays
    private; the public hears a copy with identifying tags removed."""

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("original recording (private)"), upload_to="audio/", storage=private_storage
    )
    public_file = models.FileField(
        _("public copy"), upload_to="audio-public/", blank=True, editable=False
    )
    duration_seconds = models.FloatField(
        _("duration in seconds"), null=True, blank=True, editable=False
    )
    audio_format = models.CharField(_("format"), max_length=20, blank=True, editable=False)
    public_credit = models.CharField(
        _("credit in the public copy"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The author's name as written into the public copy's tags."),
    )
    file_hash = models.CharField(max_length=40, blank=True, editable=False, db_index=True)
    transcript = models.TextField(_("transcript"), blank=True)
    transcript_vtt = models.TextField(_("timed transcript (WebVTT)"), blank=True)
    related_photos = models.ManyToManyField(Photo, blank=True, related_name="testimonies")
    created_at = models.DateTimeField(auto_now_add=True)

    consent_field = "testimony"

    objects = ArchiveItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audio testimony")
        verbose_name_plural = _("audio testimonies")

    def __str__(self) -> str:
        return self.title
