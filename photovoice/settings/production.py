"""Production: everything comes from environment variables (see the README table).

Runs as several web processes plus ``manage.py db_worker`` task workers that
share PostgreSQL and S3-compatible storage; nothing is kept in one process.
"""

from .base import *  # noqa: F403
from .base import STORAGES
from .environment import Env, database_from_url, s3_credentials, s3_storages

env = Env()
AWS_S3_ACCESS_KEY_ID, AWS_S3_SECRET_ACCESS_KEY = s3_credentials(env)

SECRET_KEY = env.require("SECRET_KEY", "a long random string that signs sessions and links")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS") or [
    env.require("ALLOWED_HOSTS", "the host names this site answers to, comma separated")
]
BASE_URL = env.require("BASE_URL", "the public address, e.g. https://photovoice.example.org")
WAGTAILADMIN_BASE_URL = BASE_URL
CSRF_TRUSTED_ORIGINS = [BASE_URL]

DATABASES = {
    "default": database_from_url(
        env.require("DATABASE_URL", "the PostgreSQL database, postgres://user:pass@host/name")
    )
}

STORAGES = {**STORAGES, **(s3_storages(env) or {})}
if "S3_PUBLIC_BUCKET" not in env.environ:
    MEDIA_ROOT = env.get("MEDIA_ROOT", "/var/lib/photovoice/media")
    STORAGES["private"] = {
        "BACKEND": "photovoice.archive.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": env.get("PRIVATE_MEDIA_ROOT", "/var/lib/photovoice/private"),
        },
    }

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "photovoice_cache",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "photovoice_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
PAGE_CACHE_SECONDS = env.get_int("PAGE_CACHE_SECONDS", 600)
FRONT_CACHE_PURGE_URL = env.get("FRONT_CACHE_PURGE_URL")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_HOST = env.require("EMAIL_HOST", "the SMTP server that sends invitations and notices")
EMAIL_PORT = env.get_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env.require("DEFAULT_FROM_EMAIL", "the sender address of e-mails")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_NOTIFY_EMAILS = env.get_list("PORTAL_NOTIFY_EMAILS")

SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
if env.get_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
}
