"""URL map. Everything a visitor reads sits under a language prefix
(``/cs/``, ``/en/``, ...); the admin and machine endpoints do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("photovoice.archive.urls")),
    path("", include("exhibitions.urls")),
    path("", include("podcast.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("portal/", include("portal.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
