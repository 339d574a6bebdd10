"""Tests: SQLite and local files by default; PostgreSQL and S3 when the test
scripts export ``TEST_DATABASE_URL`` and ``S3_*`` (see ``scripts/test_services``)."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES
from .environment import Env, database_from_url, s3_credentials, s3_storages

env = Env()
AWS_S3_ACCESS_KEY_ID, AWS_S3_SECRET_ACCESS_KEY = s3_credentials(env)

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

if env.get("TEST_DATABASE_URL"):
    DATABASES = {"default": database_from_url(env.get("TEST_DATABASE_URL"))}
    DATABASES["default"]["TEST"] = {"NAME": "test_photovoice"}
else:
    # TEST_SQLITE_PATH / TEST_MEDIA_DIR let several test sessions run side by side.
    _sqlite = env.get("TEST_SQLITE_PATH") or BASE_DIR / "var" / "test-db.sqlite3"
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite,
            "TEST": {"NAME": _sqlite},
        }
    }

# Wiped at the start of each test session by tests/conftest.py.
TEST_MEDIA_DIR = Path(env.get("TEST_MEDIA_DIR") or BASE_DIR / "var" / "test-media")
MEDIA_ROOT = TEST_MEDIA_DIR / "public"
PRIVATE_MEDIA_ROOT = TEST_MEDIA_DIR / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "photovoice.archive.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    **(s3_storages(env) or {}),
}
# The page cache stays on in tests, so every public-page test also shows that
# nothing stale is served. Each test's transaction is rolled back, never
# committed, so invalidate when a change is saved, not only after commit.
PAGE_CACHE_INVALIDATE_AT_ONCE = True

WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
