"""A cache of whole public pages for anonymous visitors.

A QR code on an exhibition wall sends many phones to the same few pages at
once; rendering each through Wagtail is slow, answering from a finished copy
is not. :class:`~photovoice.page_cache.middleware.PageCacheMiddleware` keeps
those copies (plain and gzipped) in the ``pages`` cache.

Consent is still enforced in one place: every copy is filed under the current
*generation* (:mod:`photovoice.page_cache.generation`), which changes after
every commit that can change a public page (:mod:`.invalidation`) and at
the next moment public content changes by itself (a consent expiry, an
episode's publication date). A withdrawal therefore reaches the very next
visitor, exactly as if nothing were cached. The front cache (nginx) is purged
at the same moments when ``FRONT_CACHE_PURGE_URL`` is set (:mod:`.tasks`).
"""


def invalidate() -> None:
    """Make every cached public page stale, and purge the front cache, once
    the current transaction commits (see :func:`.invalidation.invalidate`)."""
    from . import invalidation

    invalidation.invalidate()
