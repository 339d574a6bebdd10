"""Podcast episodes: Wagtail pages under a show, with their audio.

An episode's audio is either the curators' own upload (kept privately, with a
public copy whose tags are stripped) or an archive testimony's public copy. A
reused testimony brings its consent along: the episode is in the feed, on the
site and at its enclosure address only while the consent gate lets the
testimony appear in the podcast.
"""

import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from photovoice.archive.models import AudioTestimony, Scope, may_appear
from photovoice.archive.storage import private_storage

from ..artwork import validate_artwork_file
from ..blocks import ChapterBlock, PersonBlock, PersonRole
from ..forms import EpisodePageForm
from ..timecode import format_timecode, parse_timecode
from ..transcripts import TranscriptError, parse_webvtt
from .shows import PodcastShowPage, ShowType, validate_description_length


class AudioSource(models.TextChoices):
    UPLOAD = "upload", _("our own recording (uploaded here)")
    TESTIMONY = "testimony", _("an archive testimony (its consent applies)")


class EpisodeType(models.TextChoices):
    FULL = "full", _("full episode")
    TRAILER = "trailer", _("trailer")
    BONUS = "bonus", _("bonus")


class WithheldReason(models.TextChoices):
    CONSENT = "consent", _("the participant withdrew consent for the podcast")
    ERASED = "erased", _("the testimony was erased at the participant's request")
    NO_AUDIO = "no_audio", _("the testimony has no public recording")


def podcast_testimonies():
    """Testimonies the consent gate lets appear in the podcast, with a public copy."""
    return AudioTestimony.objects.allowed_in(Scope.PODCAST).exclude(public_file="")


class EpisodeQuerySet(PageQuerySet):
    def in_feed(self, at=None):
        """Live, published (pub date reached) episodes with playable audio that
        the consent gate allows: what feeds and show pages list."""
        at = at or timezone.now()
        return (
            self.live()
            .filter(pub_date__lte=at)
            .filter(
                Q(
                    audio_source=AudioSource.UPLOAD,
                    audio_upload__in=ProcessedAudio.objects.values("source_name"),
                )
                | Q(
                    audio_source=AudioSource.TESTIMONY,
                    testimony__in=podcast_testimonies().values("pk"),
                )
            )
        )

    def needing_attention(self):
        """Live episodes withheld because of the testimony they reuse: the
        curators' to-do list (unpublish, or replace the audio)."""
        return (
            self.live()
            .filter(audio_source=AudioSource.TESTIMONY)
            .exclude(testimony__in=podcast_testimonies().values("pk"))
        )


EpisodeManager = PageManager.from_queryset(EpisodeQuerySet)


@dataclass(frozen=True)
class EpisodeAudio:
    """The public file an episode's enclosure serves, with what the feed says of it."""

    file: models.fields.files.FieldFile
    length: int
    mime_type: str
    duration_seconds: float

    @property
    def extension(self) -> str:
        return PurePosixPath(self.file.name).suffix.lstrip(".").lower() or "audio"


class ProcessedAudio(models.Model):
    """The public copy of an uploaded recording (tags stripped) and what the
    feed says of it, keyed by the private upload's name. Kept apart from the
    page so that publishing an older revision cannot lose it; translations
    that keep the same recording share it."""

    source_name = models.CharField(max_length=255, unique=True)
    public_file = models.FileField(upload_to="podcast/audio-public/")
    length = models.BigIntegerField()
    mime_type = models.CharField(max_length=40)
    duration_seconds = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("processed episode audio")

    def __str__(self) -> str:
        return self.source_name


class EpisodePage(Page):
    """One episode of a show, in one language."""

    show_notes = RichTextField(
        _("show notes"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown in podcast apps and on the page (at most 4000 bytes of text)."),
    )
    audio_source = models.CharField(
        _("audio"), max_length=10, choices=AudioSource.choices, default=AudioSource.UPLOAD
    )
    audio_upload = models.FileField(
        _("recording (kept private)"),
        upload_to="podcast/audio/",
        storage=private_storage,
        blank=True,
        help_text=_("MP3 or M4A recommended. A public copy without tags is made from it."),
    )
    testimony = models.ForeignKey(
        AudioTestimony,
        verbose_name=_("archive testimony"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="podcast_episodes",
    )
    pub_date = models.DateTimeField(_("publication date"), default=timezone.now)
    season = models.PositiveIntegerField(_("season"), null=True, blank=True)
    episode_number = models.PositiveIntegerField(_("episode number"), null=True, blank=True)
    episode_type = models.CharField(
        _("episode type"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    artwork = models.ImageField(
        _("episode artwork"),
        upload_to="podcast/artwork/",
        validators=[validate_artwork_file],
        blank=True,
        help_text=_("Optional. Square JPEG or PNG, 1400 to 3000 pixels, RGB."),
    )
    explicit = models.BooleanField(_("explicit content"), default=False)
    transcript_vtt = models.TextField(
        _("transcript (WebVTT)"),
        blank=True,
        help_text=_(
            "Timed transcript with speaker names: <v Name>text. "
            "Empty: the reused testimony's transcript, if it has one."
        ),
    )
    chapters = StreamField([("chapter", ChapterBlock())], blank=True, verbose_name=_("chapters"))
    people = StreamField([("person", PersonBlock())], blank=True, verbose_name=_("people"))
    location_name = models.CharField(_("place"), max_length=128, blank=True)
    location_geo = models.CharField(
        _("coordinates"), max_length=60, blank=True, help_text=_("e.g. geo:50.0875,14.4213")
    )
    location_osm = models.CharField(
        _("OpenStreetMap id"), max_length=30, blank=True, help_text=_("e.g. R435514")
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = EpisodeManager()

    base_form_class = EpisodePageForm
    parent_page_types = ["podcast.PodcastShowPage"]
    subpage_types: list[str] = []
    template = "pages/podcast_episode.html"
    # A translation is another item in another feed: it gets its own guid.
    exclude_fields_in_copy = ["guid"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("show_notes"),
        MultiFieldPanel(
            [FieldPanel("audio_source"), FieldPanel("audio_upload"), FieldPanel("testimony")],
            heading=_("Audio"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pub_date"),
                FieldRowPanel([FieldPanel("season"), FieldPanel("episode_number")]),
                FieldPanel("episode_type"),
                FieldPanel("explicit"),
                FieldPanel("artwork"),
            ],
            heading=_("Publishing"),
        ),
        FieldPanel("transcript_vtt"),
        FieldPanel("chapters"),
        FieldPanel("people"),
        MultiFieldPanel(
            [FieldPanel("location_name"), FieldPanel("location_geo"), FieldPanel("location_osm")],
            heading=_("Location"),
        ),
    ]

    translatable_fields = [
        # Content tab
        TranslatableField("title"),
        TranslatableField("show_notes"),
        TranslatableField("chapters"),
        SynchronizedField("audio_source", overridable=True),
        SynchronizedField("audio_upload", overridable=True),
        SynchronizedField("testimony", overridable=True),
        SynchronizedField("transcript_vtt", overridable=True),
        SynchronizedField("people"),
        SynchronizedField("pub_date"),
        SynchronizedField("season"),
        SynchronizedField("episode_number"),
        SynchronizedField("episode_type"),
        SynchronizedField("explicit"),
        SynchronizedField("artwork", overridable=True),
        TranslatableField("location_name"),
        SynchronizedField("location_geo"),
        SynchronizedField("location_osm"),
        # Promote tab
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("podcast episode")
        verbose_name_plural = _("podcast episodes")

    # Validation -----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.audio_source == AudioSource.UPLOAD and not self.audio_upload:
            errors["audio_upload"] = _("Upload the episode's recording.")
        if self.audio_source == AudioSource.TESTIMONY and self.testimony_id is None:
            errors["testimony"] = _("Choose the testimony this episode plays.")
        if self.transcript_vtt:
            try:
                parse_webvtt(self.transcript_vtt)
            except TranscriptError as e:
                errors["transcript_vtt"] = str(e)
        try:
            validate_description_length(self.plain_description(limit=None))
        except ValidationError as e:
            errors["show_notes"] = e
        for chapter in self.chapters.raw_data if self.chapters else []:
            try:
                parse_timecode(chapter["value"].get("start", ""))
            except ValueError:
                errors["chapters"] = _("A chapter has a start time we cannot read.")
        show = self.get_parent().specific if self.get_parent() else None
        serial = isinstance(show, PodcastShowPage) and show.show_type == ShowType.SERIAL
        if serial and self.episode_number is None:
            errors["episode_number"] = _("A serial show needs a number on every episode.")
        if errors:
            raise ValidationError(errors)

    # What the feed and the page need --------------------------------------

    def plain_description(self, limit: int | None = 4000) -> str:
        from ..text import html_to_text, truncate_bytes

        text = html_to_text(self.show_notes or "")
        return truncate_bytes(text, limit) if limit else text

    def show(self) -> "PodcastShowPage":
        return self.get_parent().specific

    def withheld_reason(self) -> str | None:
        """Why the consent of a reused testimony keeps this episode out of
        public view, or None when it may be heard."""
        if self.audio_source != AudioSource.TESTIMONY:
            return None
        if self.testimony is None:
            return WithheldReason.ERASED
        if not may_appear(self.testimony, Scope.PODCAST):
            return WithheldReason.CONSENT
        if not self.testimony.public_file:
            return WithheldReason.NO_AUDIO
        return None

    def audio(self) -> EpisodeAudio | None:
        """The public file to serve, or None (no audio yet, or withheld).
        Always asks the consent gate for reused testimonies."""
        if self.audio_source == AudioSource.TESTIMONY:
            if self.withheld_reason() is not None:
                return None
            copy = self.testimony.public_file
            try:
                length = copy.storage.size(copy.name)
            except OSError:
                return None
            return EpisodeAudio(
                copy,
                length,
                _mime_for(copy.name),
                self.testimony.duration_seconds or 0.0,
            )
        processed = self.processed_audio()
        if processed is None:
            return None
        return EpisodeAudio(
            processed.public_file,
            processed.length,
            processed.mime_type,
            processed.duration_seconds,
        )

    def processed_audio(self) -> "ProcessedAudio | None":
        if self.audio_source != AudioSource.UPLOAD or not self.audio_upload:
            return None
        return ProcessedAudio.objects.filter(source_name=self.audio_upload.name).first()

    def transcript(self) -> str:
        """The WebVTT transcript: the episode's own, else the reused testimony's."""
        if self.transcript_vtt.strip():
            return self.transcript_vtt
        if self.audio_source == AudioSource.TESTIMONY and self.testimony is not None:
            return self.testimony.transcript_vtt
        return ""

    def transcript_language(self) -> str:
        """The language the transcript is written in, which is not always the
        page's: a reused testimony's transcript is in the testimony's language,
        and a translation that keeps the original transcript (it is synchronised
        until a translator overrides it) keeps the original's language."""
        reused = self.audio_source == AudioSource.TESTIMONY and self.testimony is not None
        if reused and not self.transcript_vtt.strip():
            return self.testimony.language
        from wagtail_localize.models import TranslationSource

        source = (
            TranslationSource.objects.filter(object_id=self.translation_key)
            .select_related("locale")
            .first()
        )
        if source is not None and source.locale_id != self.locale_id:
            original = EpisodePage.objects.filter(
                translation_key=self.translation_key, locale_id=source.locale_id
            ).first()
            if original is not None and original.transcript() == self.transcript():
                return source.locale.language_code
        return self.locale.language_code

    def chapter_list(self) -> list[dict]:
        """Chapters as dicts (start in seconds, title, url, img, location), in time order."""
        chapters = []
        for block in self.chapters:
            value = block.value
            try:
                start = parse_timecode(value["start"])
            except ValueError:
                continue
            location = value.get("location") or {}
            chapters.append(
                {
                    "start": start,
                    "start_text": value["start"].strip(),
                    "title": value["title"],
                    "url": value.get("url") or "",
                    "img": value.get("image_url") or "",
                    "location_name": location.get("name") or "",
                    "location_geo": location.get("geo") or "",
                }
            )
        return sorted(chapters, key=lambda c: c["start"])

    def person_list(self) -> list[dict]:
        """People heard: those the curators listed, then the participant whose
        testimony this plays, under the credit they chose (never if anonymous)."""
        people = [
            {
                "name": block.value["name"],
                "role": block.value["role"],
                "href": block.value.get("href") or "",
                "img": block.value.get("img") or "",
            }
            for block in self.people
        ]
        if (
            self.audio_source == AudioSource.TESTIMONY
            and self.testimony is not None
            and self.withheld_reason() is None
        ):
            from ..consent import credited_name

            name = credited_name(self.testimony)
            if name:
                people.append({"name": name, "role": PersonRole.GUEST, "href": "", "img": ""})
        return people

    # Addresses ------------------------------------------------------------

    def enclosure_path(self, audio: EpisodeAudio) -> str:
        return reverse("podcast_enclosure", kwargs={"guid": self.guid, "ext": audio.extension})

    def transcript_path(self) -> str:
        return reverse("podcast_transcript", kwargs={"guid": self.guid})

    def chapters_path(self) -> str:
        return reverse("podcast_chapters", kwargs={"guid": self.guid})

    # Serving --------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        if self.withheld_reason() is not None:
            from ..consent import refuse_episode

            return refuse_episode(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..transcripts import transcript_cues

        context = super().get_context(request, *args, **kwargs)
        audio = self.audio()
        context["audio"] = audio
        context["audio_url"] = self.enclosure_path(audio) if audio else ""
        context["duration"] = format_timecode(audio.duration_seconds) if audio else ""
        context["chapters"] = self.chapter_list()
        context["people"] = self.person_list()
        context["cues"] = transcript_cues(self.transcript())
        context["transcript_language"] = self.transcript_language() if context["cues"] else ""
        context["show"] = self.show()
        context["feeds"] = context["show"].feed_links()
        return context


def _mime_for(name: str) -> str:
    from ..text import audio_mime_type

    return audio_mime_type(name)
