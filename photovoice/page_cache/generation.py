"""The public content generation: the part of every cached page's key that
changes whenever public pages may have changed.

Two values live in the shared ``pages`` cache:

* the **generation**, a random token. :func:`start_new_generation` replaces it; every
  page cached under an earlier token is then never read again (and ages
  out). A page is filed under the token read *before* it was rendered, so a
  render that raced a change is filed under the old token and never served
  after the change. Random tokens rather than a counter: the last writer
  wins and any writer's token is new, so two invalidations at once cannot
  collapse into one.
* the **horizon** of that generation: the next moment public content changes
  without anybody saving anything (the earliest future consent expiry, or an
  episode's publication date). The consent gate is asked at request time, so
  such a change needs no action; cached pages therefore must not outlive it.
  The horizon is computed once per generation (one query) and is part of the
  page key, so at that moment every cached page goes stale at once.

Only :func:`start_new_generation` writes the generation (readers merely ``add`` one
when there is none), so a slow reader can never bring back an old token.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import BaseCache, caches
from django.db.models import Min

#: The cache alias holding pages, the generation and its horizon.
CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
HORIZON_KEY = "page-cache:horizon"


def page_cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def start_new_generation() -> None:
    """Make every cached public page stale at once, in every process."""
    page_cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


@dataclass(frozen=True)
class Generation:
    """What a page rendered now is filed under, and until when it may be served."""

    key: str
    until: datetime | None

    def seconds_left(self, now: datetime) -> float | None:
        return None if self.until is None else (self.until - now).total_seconds()


def current_generation(now: datetime) -> Generation | None:
    """The generation pages are read from and filed under at ``now``; None
    when the cache keeps nothing (then nothing is cached)."""
    cache = page_cache()
    found = cache.get_many([GENERATION_KEY, HORIZON_KEY])
    token = found.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION_KEY)
        if token is None:
            return None
    horizon = found.get(HORIZON_KEY)
    if horizon is None or horizon[0] != token or (horizon[1] is not None and horizon[1] <= now):
        horizon = (token, next_change_after(now))
        cache.set(HORIZON_KEY, horizon, timeout=None)
        if horizon[1] is not None:
            from .tasks import purge_front_cache_at

            purge_front_cache_at(horizon[1])
    until = horizon[1]
    return Generation(f"{token}:{until.timestamp() if until else 'open'}", until)


def next_change_after(now: datetime) -> datetime | None:
    """The next moment public pages change by themselves: a current consent
    record expires, or a live episode's publication date arrives."""
    from photovoice.archive.models import ConsentRecord
    from podcast.models import EpisodePage

    moments = [
        ConsentRecord.objects.current()
        .filter(withdrawn_at__isnull=True, expires_at__gt=now)
        .aggregate(at=Min("expires_at"))["at"],
        EpisodePage.objects.live().filter(pub_date__gt=now).aggregate(at=Min("pub_date"))["at"],
    ]
    return min((moment for moment in moments if moment is not None), default=None)
