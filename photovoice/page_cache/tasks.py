"""Purging the front cache (nginx) when public pages change.

With ``FRONT_CACHE_PURGE_URL`` set, every invalidation sends one HTTP
``PURGE`` request to exactly that address, which the front cache answers by
dropping everything it holds. It is sent from a background task, so a slow or
unreachable front cache never keeps a curator waiting; a failure is logged and
tried again a few times (with a backend that can defer tasks, as in production).

Consent expiring needs no save, so no invalidation: each generation's horizon
(:mod:`.generation`) gets a purge of its own, deferred to that moment.

Invalidations in quick succession (a photo's derivatives, a bulk import) share
one purge: a marker in the ``pages`` cache says one is already queued, and the
task removes the marker before it sends, so a change after that gets its own.
"""

import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from photovoice.task_retry import retry_later

from .generation import page_cache

logger = logging.getLogger(__name__)

PURGE_QUEUED_KEY = "page-cache:purge-queued"
#: How long the marker keeps later invalidations from queueing another purge
#: (if the queued task has not run by then, another is queued anyway).
PURGE_QUEUED_SECONDS = 60
PURGE_TIMEOUT_SECONDS = 5
PURGE_RETRY_DELAY = timedelta(minutes=1)
PURGE_ATTEMPTS = 5


def purge_front_cache_soon() -> None:
    """Queue one purge of the front cache, unless one is queued already."""
    if settings.FRONT_CACHE_PURGE_URL and page_cache().add(
        PURGE_QUEUED_KEY, True, timeout=PURGE_QUEUED_SECONDS
    ):
        purge_front_cache.enqueue()


def purge_front_cache_at(moment: datetime) -> None:
    """Queue one purge for ``moment``, the generation's horizon (a consent
    expiry): nobody saves anything then, yet the front cache must let go.
    Needs a backend that can defer tasks (production's); once per moment."""
    if not settings.FRONT_CACHE_PURGE_URL or not purge_front_cache.get_backend().supports_defer:
        return
    marker_seconds = (moment - timezone.now()).total_seconds() + 3600
    if page_cache().add(f"page-cache:purge-at:{moment.timestamp()}", True, marker_seconds):
        purge_front_cache.using(run_after=moment).enqueue()


@task()
def purge_front_cache(attempt: int = 1) -> None:
    """Send ``PURGE`` to ``FRONT_CACHE_PURGE_URL``; on failure try again later."""
    page_cache().delete(PURGE_QUEUED_KEY)
    url = settings.FRONT_CACHE_PURGE_URL
    if not url.startswith(("http://", "https://")):
        logger.error("FRONT_CACHE_PURGE_URL must be an http(s) address, not %r", url)
        return
    request = urllib.request.Request(url, method="PURGE")  # noqa: S310 (scheme checked above)
    try:
        with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS) as response:  # noqa: S310
            logger.info("Purged the front cache (%s)", response.status)
    except urllib.error.HTTPError as e:
        if e.code == 404:
            logger.info("The front cache had nothing to purge (404)")
        else:
            _failed(url, e, attempt)
    except OSError as e:
        _failed(url, e, attempt)


def _failed(url: str, error: OSError, attempt: int) -> None:
    if not retry_later(
        purge_front_cache, attempt=attempt, attempts=PURGE_ATTEMPTS, delay=PURGE_RETRY_DELAY
    ):
        logger.error("Could not purge the front cache at %s: %s", url, error)
        raise error
    logger.warning("Could not purge the front cache (%s); will try again", error)
