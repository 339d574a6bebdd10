"""Background work of the archive."""

import logging

from django.core.files.storage import default_storage
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def delete_public_files(names: list[str]) -> None:
    """Delete derivative files from public storage (after the database no
    longer points at them). A file already gone is not an error."""
    for name in names:
        default_storage.delete(name)
        logger.info("Deleted public file %s", name)
