"""Background work of the archive (django-tasks: immediate in development
and tests, ``manage.py db_worker`` processes in production)."""

import logging
from datetime import timedelta

from django.core.files.storage import storages
from django.db import transaction
from django_tasks import task

from photovoice.task_retry import retry_later

from .derivatives import make_photo_derivatives
from .media import publish_testimony_audio
from .models import AudioTestimony, Photo, credit_for, may_appear_publicly

logger = logging.getLogger(__name__)


#: How long to wait before trying again to delete files when storage failed.
DELETE_RETRY_DELAY = timedelta(minutes=10)
DELETE_ATTEMPTS = 12


@task()
def delete_stored_files(storage_alias: str, names: list[str], attempt: int = 1) -> None:
    """Delete files from the ``default`` (public) or ``private`` storage,
    after the database no longer points at them. A file already gone is not
    an error. If the storage is unreachable the remaining files are tried
    again later (with a backend that can defer tasks, as in production)."""
    storage = storages[storage_alias]
    for index, name in enumerate(names):
        try:
            storage.delete(name)
        except Exception:
            remaining = names[index:]
            if not retry_later(
                delete_stored_files,
                storage_alias,
                remaining,
                attempt=attempt,
                attempts=DELETE_ATTEMPTS,
                delay=DELETE_RETRY_DELAY,
            ):
                raise
            logger.warning("Storage failed; will retry deleting %d files", len(remaining))
            return


@task()
def generate_photo_derivatives(photo_id: int) -> None:
    """Make a photo's web copies, if it may appear in public (it may have been
    deleted, withdrawn or not yet accepted since the task was queued).

    The photo's row is locked while the copies are made, so a second task for
    the same photo (several changes in one transaction each ask for copies)
    waits and then finds them made, instead of making them again beside the
    first; and a withdrawal or blur change made meanwhile waits for this run,
    then discards what it made."""
    with transaction.atomic():
        photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
        if photo is not None and may_appear_publicly(photo):
            created = make_photo_derivatives(photo)
            logger.info("Made %d derivatives of photo %d", created, photo_id)


@task()
def publish_testimony(testimony_id: int) -> None:
    """Make a testimony's public copy with identifying tags removed, if it may
    appear in public and has none yet, or has one whose artist tag no longer
    carries the credit the author chose (locked as for photos, above)."""
    with transaction.atomic():
        testimony = AudioTestimony.objects.select_for_update().filter(pk=testimony_id).first()
        if testimony is None or not may_appear_publicly(testimony):
            return
        if not testimony.public_file or testimony.public_credit != credit_for(testimony):
            publish_testimony_audio(testimony)
