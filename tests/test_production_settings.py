"""Production reads everything from the environment and refuses to start
without what it needs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMPLETE_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "photovoice.settings.production",
    "SECRET_KEY": "k" * 20 + "9f2c7e1b0d4a8f6e3c5b7a9d1e0f2c4b6a8d0e2f4",
    "ALLOWED_HOSTS": "photovoice.example.org",
    "BASE_URL": "https://photovoice.example.org",
    "DATABASE_URL": "postgres://photovoice:secret@127.0.0.1:5432/photovoice",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "photovoice@example.org",
    "S3_PUBLIC_BUCKET": "photovoice-public",
    "S3_PRIVATE_BUCKET": "photovoice-private",
    "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "S3_SECRET_ACCESS_KEY": "secret",
    "S3_ENDPOINT_URL": "https://s3.example.org",
    "S3_PUBLIC_CUSTOM_DOMAIN": "cdn.example.org",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("S3_", "TEST_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_complete_environment_passes_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=COMPLETE_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_stops_start_up_naming_the_variable():
    env = {k: v for k, v in COMPLETE_ENVIRONMENT.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Environment variable SECRET_KEY is required" in result.stderr


def test_s3_without_a_private_bucket_stops_start_up():
    env = {k: v for k, v in COMPLETE_ENVIRONMENT.items() if k != "S3_PRIVATE_BUCKET"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "S3_PRIVATE_BUCKET" in result.stderr
