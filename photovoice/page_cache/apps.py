from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Whole-page cache of the public site, and its invalidation."""

    name = "photovoice.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from .invalidation import connect

        connect()
