"""Local development: SQLite and files under ``var/``, nothing to install or start."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Template and translation edits show at once; the page cache is measured in
# benchmarks/ and exercised by the tests.
PAGE_CACHE_SECONDS = 0
