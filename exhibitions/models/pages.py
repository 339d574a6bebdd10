"""Exhibitions as Wagtail pages: an index, and exhibitions with their themed
sections, exhibits in the curator's order and the showings of a travelling show.

Sections, exhibits and showings are translatable children of the exhibition
page (wagtail-localize copies them into each translation under the same
``translation_key``, which short codes use to find an exhibit in any language).
What visitors see is always read through :mod:`exhibitions.gallery`, which
starts every query at the consent gate.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from photovoice.archive.models import Scope

from ..availability import why_unavailable

#: Largest id a database key can hold; larger numbers in an address are simply not found.
MAX_ID = 2**63 - 1


class ExhibitionIndexPage(Page):
    """The list of exhibitions, one page per language."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["exhibitions.ExhibitionPage"]
    template = "exhibitions/exhibition_index_page.html"

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("exhibition index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitions"] = (
            ExhibitionPage.objects.child_of(self).live().public().specific().order_by("path")
        )
        return context


class ExhibitionPage(RoutablePageMixin, Page):
    """A themed exhibition of one project's consented items, in one language.

    Routes: the exhibition itself, and ``exhibits/<photo id>/`` for each
    exhibit (the page a QR code leads to).
    """

    project = models.ForeignKey(
        "archive.Project",
        on_delete=models.PROTECT,
        related_name="exhibitions",
        verbose_name=_("project"),
    )
    intro = models.TextField(_("curatorial introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("project"),
        FieldPanel("intro"),
        InlinePanel("sections", heading=_("Themes"), label=_("theme section")),
        InlinePanel(
            "exhibits",
            heading=_("Exhibits, in the order visitors meet them"),
            label=_("exhibit"),
            help_text=_(
                "Only photos and recordings whose authors allowed exhibitions can be "
                "chosen; saving explains why any other item is unavailable."
            ),
        ),
        InlinePanel("showings", heading=_("Venues and dates"), label=_("showing")),
    ]
    parent_page_types = ["exhibitions.ExhibitionIndexPage"]
    subpage_types: list[str] = []
    template = "exhibitions/exhibition_page.html"

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        TranslatableField("sections"),
        TranslatableField("exhibits"),
        TranslatableField("showings"),
        SynchronizedField("slug"),
        SynchronizedField("project"),
    ]

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def gallery(self, request):
        from ..gallery import ExhibitionGallery

        return ExhibitionGallery(self, request)

    @path("", name="index")
    def index_route(self, request):
        gallery = self.gallery(request)
        return self.render(
            request,
            context_overrides={
                "sections": gallery.sections(),
                "showings": self.showings.all(),
            },
        )

    @path("exhibits/<int:photo_id>/", name="exhibit")
    def exhibit_route(self, request, photo_id: int):
        if photo_id > MAX_ID:
            raise Http404
        exhibit = self.exhibits.filter(photo_id=photo_id).first()
        if exhibit is None:
            raise Http404
        detail = self.gallery(request).detail(exhibit)
        if detail is None:
            from ..views import removal_notice

            return removal_notice(request, self)
        return self.render(
            request,
            template="exhibitions/exhibit_page.html",
            context_overrides={"detail": detail},
        )

    def exhibit_url(self, exhibit, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("exhibit", args=[exhibit.photo_id])

    def exhibit_full_url(self, exhibit) -> str:
        return self.get_full_url() + self.reverse_subpage("exhibit", args=[exhibit.photo_id])


class ExhibitionSection(TranslatableMixin, Orderable):
    """A theme of the exhibition, with the curator's own text for it.
    Exhibits of that theme are shown under it."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="sections")
    theme = models.ForeignKey(
        "archive.Theme",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("theme"),
        help_text=_("Exhibits of this theme are shown in this section."),
    )
    heading = models.CharField(_("heading"), max_length=255)
    text = models.TextField(_("text"), blank=True)

    panels = [FieldPanel("theme"), FieldPanel("heading"), FieldPanel("text")]

    # Exhibits and sections meet on the default-language theme, as archive items do.
    translatable_fields = [
        TranslatableField("heading"),
        TranslatableField("text"),
        SynchronizedField("theme"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("theme section")

    def __str__(self) -> str:
        return self.heading


class Exhibit(TranslatableMixin, Orderable):
    """One photo with its caption, and optionally its author's recorded
    testimony, in the section of ``theme``."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="exhibits")
    photo = models.ForeignKey(
        "archive.Photo",
        # Erasing a participant deletes their photos: the exhibit stays, empty,
        # so its printed code still lands on the removal notice.
        on_delete=models.SET_NULL,
        null=True,
        related_name="exhibits",
        verbose_name=_("photo"),
    )
    testimony = models.ForeignKey(
        "archive.AudioTestimony",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibits",
        verbose_name=_("audio testimony"),
    )
    theme = models.ForeignKey(
        "archive.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme section"),
        help_text=_("The section this exhibit is shown in."),
    )
    note = models.TextField(
        _("curator's note"), blank=True, help_text=_("Optional; shown under the author's words.")
    )

    panels = [FieldPanel("photo"), FieldPanel("testimony"), FieldPanel("theme"), FieldPanel("note")]

    translatable_fields = [
        TranslatableField("note"),
        SynchronizedField("photo"),
        SynchronizedField("testimony"),
        SynchronizedField("theme"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("exhibit")

    def __str__(self) -> str:
        return str(self.photo) if self.photo_id else str(_("(removed exhibit)"))

    def clean(self):
        super().clean()
        errors = {}
        if self.photo_id:
            reason = why_unavailable(self.photo, Scope.EXHIBITIONS)
            if reason:
                errors["photo"] = reason
        if self.testimony_id:
            reason = why_unavailable(self.testimony, Scope.EXHIBITIONS)
            if reason:
                errors["testimony"] = reason
        if errors:
            raise ValidationError(errors)


class Showing(TranslatableMixin, Orderable):
    """Where and when the exhibition is (or was) on: it travels."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="showings")
    venue = models.CharField(_("venue"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    starts_on = models.DateField(_("opens"))
    ends_on = models.DateField(_("closes"), null=True, blank=True)

    panels = [
        FieldPanel("venue"),
        FieldPanel("address"),
        MultiFieldPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Dates")),
    ]

    translatable_fields = [
        TranslatableField("venue"),
        TranslatableField("address"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("showing")

    def __str__(self) -> str:
        return self.venue

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An exhibition cannot close before it opens.")})
