"""The public face of a project: one page per language, with routes for its
authors, photos, themes, search and feed.

Every route reads through :class:`photovoice.archive.public.ProjectArchive`,
which starts each query at the consent gate. An address the gate refuses
answers 410 when the author took the item back and 404 when it never was
public (see :func:`photovoice.archive.public.refuse`).
"""

from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import public
from ..feeds import ProjectPhotoFeed
from .choices import Scope
from .items import AudioTestimony, Photo

#: How many of the newest photos the project's front page shows.
LATEST_PHOTOS = 12
#: Largest id a database key can hold; larger numbers in an address are simply not found.
MAX_ID = 2**63 - 1


class ProjectLinks:
    """Addresses of a project page's routes, built on ``base`` (the page's
    own URL, relative for pages and absolute for sitemaps)."""

    def __init__(self, page: "ProjectPage", base: str) -> None:
        self.page = page
        self.base = base

    def route(self, name: str, *args) -> str:
        return self.base + self.page.reverse_subpage(name, args=args)

    def photo_url(self, photo) -> str:
        return self.route("photo", photo.pk)

    def author_url(self, participant) -> str:
        return self.route("author", participant.code)

    def theme_url(self, theme) -> str:
        return self.route("theme", theme.slug)


class ProjectPage(RoutablePageMixin, Page):
    """A PhotoVoice project as visitors see it, in one language.

    The facts (participants, items, consent) belong to the ``project``; this
    page adds the translated introduction and the public routes under its
    address: ``authors/<code>/``, ``photos/<id>/``, ``themes/<slug>/``,
    ``search/?q=`` and ``feed/`` (Atom).
    """

    project = models.ForeignKey(
        "archive.Project",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("project"),
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the project is about, for visitors. Empty: the project's description."),
    )

    content_panels = [*Page.content_panels, FieldPanel("project"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "pages/project_page.html"

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
        SynchronizedField("project"),
    ]

    class Meta:
        verbose_name = _("project page")
        verbose_name_plural = _("project pages")

    def public_archive(self, request, base: str | None = None) -> public.ProjectArchive:
        """The gated view of this page's project in the visitor's language."""
        links = ProjectLinks(self, base if base is not None else self.get_url(request))
        return public.ProjectArchive(self.project, get_language(), links)

    # Routes ---------------------------------------------------------------

    @path("", name="index")
    def index_route(self, request, *args, **kwargs):
        archive = self.public_archive(request)
        links = archive.links
        return self.render(
            request,
            context_overrides={
                "description": self.intro or self.project.description,
                "photos": archive.cards(archive.photos()[:LATEST_PHOTOS]),
                "themes": archive.themes(),
                "authors": archive.authors(),
                "search_url": links.route("search"),
                "feed_url": links.route("feed"),
            },
        )

    @path("authors/<str:code>/", name="author")
    def author_route(self, request, code: str):
        author = self.public_archive(request).author(code)
        if author is None:
            own = {"participant__project": self.project, "participant__code": code}
            items = [*Photo.objects.filter(**own), *AudioTestimony.objects.filter(**own)]
            return public.refuse(request, f"participant:{code}", items, [Scope.ARCHIVE], self)
        return self.render(
            request,
            template="pages/project_author.html",
            context_overrides={"author": author},
        )

    @path("photos/<int:photo_id>/", name="photo")
    def photo_route(self, request, photo_id: int):
        if photo_id > MAX_ID:
            raise Http404
        detail = self.public_archive(request).photo(photo_id)
        if detail is None:
            refused = Photo.objects.filter(pk=photo_id, participant__project=self.project)
            return public.refuse(request, f"photo:{photo_id}", refused, [Scope.ARCHIVE], self)
        return self.render(
            request,
            template="pages/project_photo.html",
            context_overrides={"detail": detail, "photo": detail.photo},
        )

    @path("themes/<slug:slug>/", name="theme")
    def theme_route(self, request, slug: str):
        found = self.public_archive(request).theme(slug)
        if found is None:
            raise Http404
        theme, photos = found
        return self.render(
            request,
            template="pages/project_theme.html",
            context_overrides={"theme": theme, "photos": photos},
        )

    @path("search/", name="search")
    def search_route(self, request):
        query = request.GET.get("q", "").strip()[: public.SEARCH_MAX_LENGTH]
        archive = self.public_archive(request)
        photos, testimonies = archive.search(query)
        return self.render(
            request,
            template="pages/project_search.html",
            context_overrides={
                "query": query,
                "photos": photos,
                "testimonies": testimonies,
                "search_url": archive.links.route("search"),
            },
        )

    @path("feed/", name="feed")
    def feed_route(self, request):
        return ProjectPhotoFeed()(request, page=self)

    # Sitemap --------------------------------------------------------------

    def get_sitemap_urls(self, request=None):
        """This page, then each public author, photo and theme route (gated
        like the routes themselves). Each translation of the page lists its
        own routes, in its own language."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        archive = public.ProjectArchive(
            self.project, self.locale.language_code, ProjectLinks(self, base)
        )
        urls += [{"location": author.url} for author in archive.authors()]
        urls += [
            {"location": archive.links.photo_url(photo), "lastmod": photo.created_at}
            for photo in archive.gated_photos()
        ]
        urls += [{"location": theme.url} for theme in archive.themes()]
        return urls
