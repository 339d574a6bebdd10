"""Invalidating the page cache whenever a public page may have changed.

:func:`invalidate` is the one way in, for code and for the signal handlers
below. They are a catch-all rather than a list of places: every save,
delete and many-to-many change of a model of the archive, the home page, exhibitions and the podcast
(consent records, review decisions, photos becoming ready, audit events that
come with every consent change), of Wagtail pages, page privacy, sites and
locales, and of tags; plus Wagtail's publish, unpublish and move signals. The
models that only count visits are left out: they are written by public
requests and change no page.

The generation is replaced after the transaction commits, once per
transaction (every later visitor then gets a fresh render), and the front
cache is purged. ``PAGE_CACHE_INVALIDATE_AT_ONCE`` (tests only) also replaces
it when the change is saved: a test's transaction is rolled back, never
committed, yet its next request must see the change.
"""

import threading

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import start_new_generation
from .tasks import purge_front_cache_soon

#: Apps any of whose models can change a public page.
CONTENT_APPS = {"archive", "home", "exhibitions", "podcast", "taggit"}
#: Wagtail's own models that can change a public page.
WAGTAIL_MODELS = (Page, PageViewRestriction, Site, Locale)
#: Models of those apps written on public requests that change no page.
COUNTERS = {
    "exhibitions.ScanCount",
    "podcast.RotatingSalt",
    "podcast.ListenerWindow",
    "podcast.DailyDownloads",
}

_pending = threading.local()


def changes_public_pages(model) -> bool:
    # Migrations' historical models are left out: the cache table may not
    # exist yet while they run (``invalidate_page_cache`` after a deploy).
    if model._meta.apps is not apps or model._meta.label in COUNTERS:
        return False
    return model._meta.app_label in CONTENT_APPS or issubclass(model, WAGTAIL_MODELS)


def invalidate() -> None:
    """Make every cached public page stale, and purge the front cache, once
    the current transaction commits (at once outside a transaction).

    Callbacks of savepoints that roll back are dropped by Django; of those
    that remain, the first one does the work for the whole transaction."""
    if settings.PAGE_CACHE_INVALIDATE_AT_ONCE:
        start_new_generation()
    _pending.change = True
    transaction.on_commit(_invalidate_if_pending)


def _invalidate_if_pending() -> None:
    if getattr(_pending, "change", False):
        _pending.change = False
        start_new_generation()
        purge_front_cache_soon()


def model_changed(sender, **kwargs) -> None:
    if changes_public_pages(sender):
        invalidate()


def relation_changed(sender, action: str, **kwargs) -> None:
    if action.startswith("post_") and changes_public_pages(sender):
        invalidate()


def page_changed(sender, **kwargs) -> None:
    invalidate()


def connect() -> None:
    post_save.connect(model_changed, dispatch_uid="page_cache_save")
    post_delete.connect(model_changed, dispatch_uid="page_cache_delete")
    m2m_changed.connect(relation_changed, dispatch_uid="page_cache_m2m")
    page_published.connect(page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="page_cache_moved")
