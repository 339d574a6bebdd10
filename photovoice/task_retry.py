"""Trying a background task again later, for work that depends on another
service (object storage, the front cache) that may be down for a while."""

from datetime import timedelta

from django.utils import timezone


def retry_later(task, *args, attempt: int, attempts: int, delay: timedelta) -> bool:
    """Queue ``task(*args, attempt + 1)`` to run after ``delay``. Returns False,
    queueing nothing, when ``attempt`` was the last or the task backend cannot
    defer work (immediate in development and tests): the caller then gives up."""
    if attempt >= attempts or not task.get_backend().supports_defer:
        return False
    task.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)
    return True
