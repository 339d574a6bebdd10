"""``load_demo`` gives a new install a working site and a curator login,
and running it again changes nothing."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from photovoice.archive.models import (
    AudioTestimony,
    ConsentRecord,
    Credit,
    Participant,
    PeopleDepicted,
    Photo,
    Scope,
    Theme,
)


@pytest.fixture
def development(settings, tmp_path):
    """Development settings, with the printed login kept out of the real var/."""
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path


def run_load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice_duplicates_nothing_and_its_login_opens_the_admin(db, client, development):
    output = run_load_demo()
    counts = [Page.objects.count(), get_user_model().objects.count(), Photo.objects.count()]
    assert run_load_demo() == output
    assert [Page.objects.count(), get_user_model().objects.count(), Photo.objects.count()] == counts
    username, password = re.search(
        r"Admin login \(development only\): (\S+) / (\S+)", output
    ).groups()
    assert client.login(username=username, password=password)
    assert client.get("/admin/").status_code == 200


def test_demo_archive_has_public_and_deliberately_hidden_items(db, development):
    run_load_demo()
    assert Participant.objects.count() >= 6
    assert {p.credit for p in Participant.objects.all()} == set(Credit)
    assert Participant.objects.filter(is_minor=True).exists()
    assert Photo.objects.count() >= 24
    assert Theme.objects.filter(locale__language_code="cs").count() == 3
    assert AudioTestimony.objects.exclude(transcript="").count() >= 4
    public = set(Photo.objects.allowed_in(Scope.ARCHIVE))
    assert len(public) < Photo.objects.count()
    assert public - set(Photo.objects.allowed_in(Scope.PRINT)), "one photo is not for print"
    assert Photo.objects.filter(people_depicted=PeopleDepicted.NOT_CONSENTED).exists()
    assert ConsentRecord.objects.filter(expires_at__lt=timezone.now()).exists()


def test_load_demo_prints_no_login_outside_development(db, settings):
    settings.DEBUG = False
    assert "Admin login" not in run_load_demo()
    assert not get_user_model().objects.filter(username="curator").exists()
