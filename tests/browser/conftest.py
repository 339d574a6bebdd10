"""Browser tests: Playwright driving Debian's Chromium against ``live_server``.

``live_server`` needs committed data, and the database is emptied after such
a test; ``browser_db`` puts back what was there (the site skeleton other tests
rely on).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


SNAPSHOT = pytest.StashKey[str]()


@pytest.fixture
def keep_database(request, django_db_blocker):
    """Snapshot the database before the test; ``pytest_runtest_teardown``
    below puts it back after the flush that ends a live-server test."""
    from django.db import connection

    with django_db_blocker.unblock():
        request.node.stash[SNAPSHOT] = connection.creation.serialize_db_to_string()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    snapshot = item.stash.get(SNAPSHOT, None)
    if snapshot is None:
        return
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        # The flush re-created content types and permissions (post_migrate)
        # under new ids: empty everything again, then load the snapshot.
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()


@pytest.fixture
def browser_db(keep_database, transactional_db, live_server):
    """A live server on committed data; the database is as before afterwards."""
    return live_server


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run scripts/system_packages.sh (Debian package chromium)")
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` at the repository root")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium):
    """A phone-sized page in Czech, with no cookies kept."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="cs-CZ",
        bypass_csp=True,  # only so axe-core can be injected; the page itself runs no script
    )
    page = context.new_page()
    yield page
    context.close()
