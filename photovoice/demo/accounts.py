"""A curator login for local development, printed by ``load_demo``."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

DEMO_USERNAME = "curator"


def credentials_file() -> Path:
    return Path(settings.BASE_DIR) / "var" / "demo-login.txt"


def ensure_demo_curator() -> tuple[str, str]:
    """Create (or reuse) the demo curator and return its username and password.

    The password is random, kept in ``var/demo-login.txt`` (ignored by git) so
    that running the demo again prints the same login; if the file does not
    match the database (a new database, say), a fresh password is set.
    """
    user_model = get_user_model()
    path = credentials_file()
    user = user_model.objects.filter(username=DEMO_USERNAME).first()
    if user is not None and path.exists():
        stored = path.read_text().strip()
        if user.check_password(stored):
            return DEMO_USERNAME, stored
    password = secrets.token_urlsafe(12)
    if user is None:
        user = user_model.objects.create_superuser(
            DEMO_USERNAME, email="curator@example.org", password=password
        )
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return DEMO_USERNAME, password
