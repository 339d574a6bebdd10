"""``load_demo`` gives a new install a working site and a curator login,
and running it again changes nothing."""

import re
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page


def run_load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice_duplicates_nothing(db, settings):
    settings.DEBUG = True
    run_load_demo()
    pages = Page.objects.count()
    users = get_user_model().objects.count()
    run_load_demo()
    assert Page.objects.count() == pages
    assert get_user_model().objects.count() == users


def test_printed_demo_login_opens_the_admin(db, client, settings, tmp_path):
    settings.DEBUG = True
    settings.BASE_DIR = tmp_path
    output = run_load_demo()
    username, password = re.search(
        r"Admin login \(development only\): (\S+) / (\S+)", output
    ).groups()
    assert run_load_demo().endswith(f"{username} / {password}\n")
    assert client.login(username=username, password=password)
    assert client.get("/admin/").status_code == 200


def test_load_demo_prints_no_login_outside_development(db, settings):
    settings.DEBUG = False
    assert "Admin login" not in run_load_demo()
    assert not get_user_model().objects.filter(username="curator").exists()
