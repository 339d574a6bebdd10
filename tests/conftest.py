"""Shared test set-up.

The test database is built once and reused (``--reuse-db``); the site
skeleton (locales, home pages in Czech and English) is loaded into it once per
session, and each test runs in a transaction that is rolled back.

Tests that touch the database or file storage are marked ``backend`` here, so
``make test`` can run exactly those again on PostgreSQL and S3.
"""

import shutil

import pytest
from django.conf import settings

BACKEND_FIXTURES = {"db", "transactional_db", "live_server", "client", "admin_client", "site_home"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        uses_backend = item.get_closest_marker("django_db") or BACKEND_FIXTURES.intersection(
            getattr(item, "fixturenames", ())
        )
        if uses_backend:
            item.add_marker(pytest.mark.backend)


@pytest.fixture(scope="session", autouse=True)
def clean_test_media():
    """Start every session with empty local media folders."""
    shutil.rmtree(settings.TEST_MEDIA_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: cached pages (photovoice/page_cache)
    and Wagtail's cached renditions would outlive the test's rolled-back
    transaction, and a later test's row with the same id would meet them."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from photovoice.demo.site import ensure_home_page

    with django_db_blocker.unblock():
        ensure_home_page()


@pytest.fixture
def site_home(db):
    """The Czech home page (the default site's root); its English translation exists too."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific
