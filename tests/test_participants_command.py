"""``manage.py participants``: who takes part, as the public knows them.
The JSON shape is a contract; legal names and contacts never appear."""

import json

import pytest

from photovoice.archive.consent import withdraw_consent
from photovoice.archive.models import Credit, PeopleDepicted
from tests.builders import (
    CURATOR,
    give_consent,
    make_participant,
    make_photo,
    make_project,
    make_testimony,
    run_command,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    """Three participants: one public pseudonym, one anonymous, one who withdrew."""
    project = make_project(slug="integration-2024")
    named = make_participant(project, code="A01", display_name="Lena K.", phone="+420 777 000 111")
    make_photo(named), make_photo(named), make_testimony(named)
    make_photo(named, accepted=False)
    make_photo(named, people_depicted=PeopleDepicted.NOT_CONSENTED)
    give_consent(named)
    anonymous = make_participant(project, code="A02", credit=Credit.ANONYMOUS)
    make_photo(anonymous)
    give_consent(anonymous)
    withdrawn = make_participant(project, code="A03")
    make_photo(withdrawn)
    give_consent(withdrawn)
    withdraw_consent(withdrawn, actor=CURATOR)
    return [named, anonymous, withdrawn]


def test_json_lists_code_credit_public_items_and_project(workshop):
    result = run_command("participants", "--json")
    assert result.status == 0
    assert json.loads(result.out) == [
        {"code": "A01", "credit": "Lena K.", "public_items": 3, "project": "integration-2024"},
        {
            "code": "A02",
            "credit": "Anonymous author",
            "public_items": 1,
            "project": "integration-2024",
        },
        {
            "code": "A03",
            "credit": workshop[2].display_name,
            "public_items": 0,
            "project": "integration-2024",
        },
    ]


def test_public_items_count_only_what_the_online_archive_shows(workshop):
    """Pending photos, photos of people who did not consent and withdrawn
    items are not counted; testimonies are."""
    rows = {row["code"]: row for row in json.loads(run_command("participants", "--json").out)}
    assert rows["A01"]["public_items"] == 3
    assert rows["A03"]["public_items"] == 0


def test_table_has_a_header_and_one_line_per_participant(workshop):
    lines = run_command("participants").out.splitlines()
    assert lines[0].split() == ["CODE", "PROJECT", "CREDIT", "PUBLIC", "ITEMS"]
    assert lines[1].split() == ["A01", "integration-2024", "Lena", "K.", "3"]
    assert lines[2].split() == ["A02", "integration-2024", "Anonymous", "author", "1"]
    assert len(lines) == 4


@pytest.mark.parametrize("as_json", [False, True])
def test_legal_names_and_contacts_never_appear(workshop, as_json):
    out = run_command("participants", *(["--json"] if as_json else [])).out
    for participant in workshop:
        assert participant.legal_name not in out
        assert participant.email not in out
    assert "+420 777 000 111" not in out


def test_anonymous_author_shows_no_name_even_when_one_is_on_file(workshop):
    anonymous = workshop[1]
    assert anonymous.display_name
    rows = {row["code"]: row for row in json.loads(run_command("participants", "--json").out)}
    assert rows["A02"]["credit"] == "Anonymous author"
    assert anonymous.display_name not in run_command("participants").out
