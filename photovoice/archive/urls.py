"""Archive endpoints outside the language prefix: public audio and the sitemap."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from .public_audio import serve_public_audio
from .sitemaps import ArchiveSitemap

urlpatterns = [
    path(
        "media/audio/<str:public_key>/<int:pk>.<slug:ext>",
        serve_public_audio,
        name="public_audio",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": ArchiveSitemap}}, name="sitemap"),
]
