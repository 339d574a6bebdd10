"""A podcast show: one Wagtail page per language, each with its own feed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..artwork import validate_artwork_file
from ..categories import CATEGORY_CHOICES, SUBCATEGORY_CHOICES, is_valid_category
from ..forms import PodcastPageForm

#: Apple cuts show and episode descriptions at 4000 bytes.
DESCRIPTION_MAX_BYTES = 4000


def validate_description_length(text: str) -> None:
    size = len((text or "").encode("utf-8"))
    if size > DESCRIPTION_MAX_BYTES:
        raise ValidationError(
            _("Podcast apps accept at most 4000 bytes here (this text has %(size)s)."),
            code="too_long",
            params={"size": size},
        )


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("episodic (newest first)")
    SERIAL = "serial", _("serial (listen in order; every episode needs a number)")


class PodcastShowPage(Page):
    """A podcast as listeners subscribe to it, in one language.

    Its feed lives at ``/podcast/<feed_slug>/<language>/feed.xml``; the Czech
    show and its English translation are two feeds. ``feed_slug`` is taken
    from the slug when the show is created and never changes afterwards, and
    ``podcast_guid`` is derived from the feed address the first time each
    language is live (Podcasting 2.0 ``podcast:guid``), then kept.
    """

    description = models.TextField(
        _("description"),
        validators=[validate_description_length],
        help_text=_("What the show is about, for podcast apps (at most 4000 bytes)."),
    )
    artwork = models.ImageField(
        _("artwork"),
        upload_to="podcast/artwork/",
        validators=[validate_artwork_file],
        help_text=_("Square JPEG or PNG, 1400 to 3000 pixels, RGB."),
    )
    category = models.CharField(_("category"), max_length=60, choices=CATEGORY_CHOICES)
    subcategory = models.CharField(
        _("subcategory"), max_length=60, choices=SUBCATEGORY_CHOICES, blank=True
    )
    author = models.CharField(_("author"), max_length=255, help_text=_("Shown as the artist."))
    owner_name = models.CharField(_("owner's name"), max_length=255)
    owner_email = models.EmailField(
        _("owner's e-mail"),
        help_text=_("Public in the feed: directories send verification mail here."),
    )
    explicit = models.BooleanField(_("explicit content"), default=False)
    show_type = models.CharField(
        _("type"), max_length=10, choices=ShowType.choices, default=ShowType.EPISODIC
    )
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)
    license_name = models.CharField(
        _("licence"), max_length=128, blank=True, help_text=_("e.g. CC BY-NC-ND 4.0")
    )
    license_url = models.URLField(_("licence address"), blank=True)
    podcast_locked = models.BooleanField(
        _("locked"),
        default=True,
        help_text=_("Ask other hosting platforms not to import this feed (podcast:locked)."),
    )
    feed_slug = models.SlugField(_("feed name"), max_length=80, editable=False, db_index=True)
    podcast_guid = models.CharField(max_length=36, blank=True, editable=False)

    base_form_class = PodcastPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["podcast.EpisodePage"]
    template = "pages/podcast_show.html"
    # Each language's feed has its own address, so its own podcast:guid.
    exclude_fields_in_copy = ["podcast_guid"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("artwork"),
        MultiFieldPanel([FieldPanel("category"), FieldPanel("subcategory")], heading=_("Category")),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("owner_name"), FieldPanel("owner_email")],
            heading=_("People"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("show_type"),
                FieldPanel("explicit"),
                FieldPanel("podcast_locked"),
                FieldPanel("copyright"),
                FieldPanel("license_name"),
                FieldPanel("license_url"),
            ],
            heading=_("Publishing"),
        ),
    ]

    translatable_fields = [
        # Content tab
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("copyright"),
        SynchronizedField("artwork", overridable=True),
        SynchronizedField("category"),
        SynchronizedField("subcategory"),
        SynchronizedField("author", overridable=True),
        SynchronizedField("owner_name"),
        SynchronizedField("owner_email"),
        SynchronizedField("show_type"),
        SynchronizedField("explicit"),
        SynchronizedField("podcast_locked"),
        SynchronizedField("license_name"),
        SynchronizedField("license_url"),
        # Promote tab
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("podcast show")
        verbose_name_plural = _("podcast shows")

    def clean(self):
        super().clean()
        if self.category and not is_valid_category(self.category, self.subcategory):
            raise ValidationError(
                {"subcategory": _("Apple does not list this subcategory under the category.")}
            )

    def save(self, *args, **kwargs):
        if not self.feed_slug:
            self.feed_slug = slugify(self.slug)[:80] or f"show-{self.translation_key}"[:80]
        result = super().save(*args, **kwargs)
        if self.live and not self.podcast_guid:
            self.keep_podcast_guid()
        return result

    def keep_podcast_guid(self) -> None:
        """Derive ``podcast:guid`` from the feed address the first time this
        language is live, then keep it even if the address ever changes."""
        from ..feed import podcast_guid

        self.podcast_guid = podcast_guid(self.feed_url())
        PodcastShowPage.objects.filter(pk=self.pk, podcast_guid="").update(
            podcast_guid=self.podcast_guid
        )

    @property
    def language(self) -> str:
        return self.locale.language_code

    def feed_path(self) -> str:
        return reverse("podcast_feed", kwargs={"feed_slug": self.feed_slug, "lang": self.language})

    def feed_url(self) -> str:
        """The feed's canonical absolute address (on the page's site)."""
        site = self.get_site()
        root = site.root_url if site is not None else ""
        return root + self.feed_path()

    def feed_links(self) -> list[tuple[str, str, str]]:
        """(language, title, feed address) of this show's live feeds, this one first."""
        translations = self.get_translations(inclusive=False).live().specific()
        shows = [self, *sorted(translations, key=lambda s: s.locale.language_code)]
        return [(s.language, s.title, s.feed_url()) for s in shows]

    def get_context(self, request, *args, **kwargs):
        from .episodes import EpisodePage

        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = (
            EpisodePage.objects.child_of(self).in_feed().order_by("-pub_date", "-pk")
        )
        context["feeds"] = self.feed_links()
        return context
