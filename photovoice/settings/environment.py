"""Reading settings from environment variables, shared by ``production`` and ``test``.

Every variable read here is listed in the README's configuration table. A
required variable that is missing stops start-up with a message naming it.
"""

import os
from collections.abc import Mapping
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class Env:
    """Typed access to a mapping of environment variables."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def require(self, name: str, why: str) -> str:
        value = self.environ.get(name, "").strip()
        if not value:
            raise ImproperlyConfigured(f"Environment variable {name} is required: {why}")
        return value

    def get(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default).strip()

    def get_bool(self, name: str, default: bool) -> bool:
        value = self.get(name).lower()
        if not value:
            return default
        if value in {"1", "true", "yes", "on"}:
            return True
        if value in {"0", "false", "no", "off"}:
            return False
        raise ImproperlyConfigured(
            f"Environment variable {name} must be true or false, not {value!r}"
        )

    def get_int(self, name: str, default: int) -> int:
        value = self.get(name)
        if not value:
            return default
        try:
            return int(value)
        except ValueError as e:
            raise ImproperlyConfigured(f"Environment variable {name} must be a whole number") from e

    def get_list(self, name: str) -> list[str]:
        return [item.strip() for item in self.get(name).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, Any]:
    """A ``DATABASES['default']`` entry for a ``postgres://`` (or ``sqlite:///``) URL."""
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})
    return config


def s3_storages(env: Env) -> dict[str, dict[str, Any]] | None:
    """Public and private S3 storages, or ``None`` when no bucket is configured.

    The public bucket (or prefix) holds derivatives only and may be fronted by
    a CDN (``S3_PUBLIC_CUSTOM_DOMAIN``). The private one holds originals and
    consent documents; its URLs are short-lived signed URLs and nothing in it
    is ever readable anonymously.
    """
    public_bucket = env.get("S3_PUBLIC_BUCKET")
    if not public_bucket:
        return None
    why = "S3 storage is on because S3_PUBLIC_BUCKET is set"
    # Credentials are checked here but passed as settings (see s3_credentials),
    # not as storage options: Wagtail serialises storage options into
    # background task arguments, which are stored in the database.
    env.require("S3_ACCESS_KEY_ID", why)
    env.require("S3_SECRET_ACCESS_KEY", why)
    common = {
        "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
        "region_name": env.get("S3_REGION") or None,
        "signature_version": "s3v4",
        "addressing_style": env.get("S3_ADDRESSING_STYLE", "path"),
        "file_overwrite": False,
        "default_acl": None,
    }
    public = {
        **common,
        "bucket_name": public_bucket,
        "location": env.get("S3_PUBLIC_PREFIX"),
        "custom_domain": env.get("S3_PUBLIC_CUSTOM_DOMAIN") or None,
        "querystring_auth": env.get_bool("S3_PUBLIC_SIGNED_URLS", False),
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    private = {
        **common,
        "bucket_name": env.require("S3_PRIVATE_BUCKET", why),
        "location": env.get("S3_PRIVATE_PREFIX"),
        "custom_domain": None,
        "querystring_auth": True,
        "querystring_expire": env.get_int("S3_PRIVATE_URL_EXPIRY", 300),
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": public},
        "private": {"BACKEND": backend, "OPTIONS": private},
    }


def s3_credentials(env: Env) -> tuple[str | None, str | None]:
    """``(AWS_S3_ACCESS_KEY_ID, AWS_S3_SECRET_ACCESS_KEY)`` for django-storages."""
    return env.get("S3_ACCESS_KEY_ID") or None, env.get("S3_SECRET_ACCESS_KEY") or None
