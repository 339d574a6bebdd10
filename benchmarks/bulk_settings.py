"""Settings for ``bench_bulk_import.py``: the test settings (PostgreSQL and S3
from ``scripts/with_test_services.py``) with production's task queue, so
imports enqueue derivative work for ``manage.py db_worker`` processes."""

from photovoice.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
