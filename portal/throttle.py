"""Rate limits on uploads, per invitation and per network address.

Counts live in Django's cache in fixed one-hour windows. Addresses are never
stored: the cache key holds a keyed hash of the address (HMAC with the
site's secret), which cannot be turned back into it.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 3600
#: Upload attempts per hour, per invitation link (a workshop's worth from one phone).
DEFAULT_PER_INVITATION = 30
#: Upload attempts per hour from one address (a workshop shares one Wi-Fi).
DEFAULT_PER_ADDRESS = 300


def address_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("portal.throttle", address).hexdigest()[:32]


def limits() -> tuple[int, int]:
    return (
        getattr(settings, "PORTAL_UPLOADS_PER_HOUR_PER_INVITATION", DEFAULT_PER_INVITATION),
        getattr(settings, "PORTAL_UPLOADS_PER_HOUR_PER_ADDRESS", DEFAULT_PER_ADDRESS),
    )


def _hit(key: str) -> int:
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def allow_upload(request, invitation) -> bool:
    """Count one upload attempt; False when either limit is already reached."""
    window = int(time.time() // WINDOW_SECONDS)
    per_invitation, per_address = limits()
    by_invitation = _hit(f"portal:uploads:{window}:invitation:{invitation.pk}")
    by_address = _hit(f"portal:uploads:{window}:address:{address_key(request)}")
    return by_invitation <= per_invitation and by_address <= per_address
