"""``manage.py withdraw_consent``: a curator withdraws consent from the shell
and the change shows everywhere at once. Its options and messages are a
contract that curators' scripts rely on."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from photovoice.archive.models import AuditAction, AuditEvent, ConsentRecord, Scope, may_appear
from tests.builders import (
    give_consent,
    make_participant,
    make_photo,
    make_testimony,
    run_command,
)


@pytest.fixture
def author(db):
    """A participant with two photos and a testimony, all public in every use."""
    participant = make_participant(code="P07")
    make_photo(participant), make_photo(participant), make_testimony(participant)
    give_consent(participant)
    return participant


def items_of(participant):
    return [*participant.photos.order_by("pk"), *participant.audiotestimonys.all()]


def test_withdrawing_everything_hides_every_item_of_the_participant(author):
    result = run_command("withdraw_consent", "P07", "--reason", "Moving away")
    assert result.status == 0
    assert not any(may_appear(item, scope) for item in items_of(author) for scope in Scope)
    assert "Withdrew every use for P07, all items." in result.out
    assert result.out.count("not public anywhere") == 3


def test_withdrawing_one_photo_by_its_id_leaves_the_other_items_public(author):
    first, second, testimony = items_of(author)
    result = run_command("withdraw_consent", "P07", "--item", str(first.pk))
    assert result.status == 0
    assert not may_appear(first, Scope.ARCHIVE)
    assert may_appear(second, Scope.ARCHIVE)
    assert may_appear(testimony, Scope.ARCHIVE)
    assert f"photo:{first.pk}" in result.out


@pytest.mark.parametrize("kind", ["photo", "testimony"])
def test_item_can_be_named_with_its_kind(author, kind):
    item = author.photos.first() if kind == "photo" else author.audiotestimonys.first()
    result = run_command("withdraw_consent", "P07", "--item", f"{kind}:{item.pk}")
    assert result.status == 0
    assert not may_appear(item, Scope.ARCHIVE)


def test_withdrawing_one_scope_keeps_the_other_uses(author):
    photo = author.photos.first()
    result = run_command("withdraw_consent", "P07", "--item", str(photo.pk), "--scope", "print")
    assert result.status == 0
    assert not may_appear(photo, Scope.PRINT)
    assert may_appear(photo, Scope.ARCHIVE)
    assert "still public in online archive, exhibitions, podcast, social media" in result.out


def test_the_withdrawal_and_its_reason_are_in_the_audit_trail(author):
    run_command("withdraw_consent", "P07", "--scope", "podcast", "--reason", "Too personal")
    event = AuditEvent.objects.get(participant_code="P07", action=AuditAction.CONSENT_NARROWED)
    assert event.actor_label == "command withdraw_consent"
    assert event.reason == "Too personal"
    assert event.scope == "podcast"


def test_unknown_participant_code_is_refused_by_name(db):
    result = run_command("withdraw_consent", "NOBODY")
    assert result.status != 0
    assert result.err == "There is no participant with the code 'NOBODY'."


def test_item_of_another_participant_is_refused_and_nothing_changes(author):
    stranger_photo = make_photo(make_participant())
    records_before = ConsentRecord.objects.count()
    result = run_command("withdraw_consent", "P07", "--item", str(stranger_photo.pk))
    assert result.status != 0
    assert result.err == f"photo {stranger_photo.pk} is not an item of P07."
    assert ConsentRecord.objects.count() == records_before
    assert all(may_appear(item, Scope.ARCHIVE) for item in items_of(author))


def test_item_that_does_not_exist_is_refused(author):
    result = run_command("withdraw_consent", "P07", "--item", "testimony:999999")
    assert result.status != 0
    assert result.err == "There is no audio testimony 999999."


def test_unknown_scope_is_refused_with_the_valid_ones_listed(author):
    result = run_command("withdraw_consent", "P07", "--scope", "television")
    assert result.status != 0
    assert result.err == (
        "Unknown scope 'television'. "
        "Valid scopes: archive, exhibitions, print, podcast, research, social."
    )
    assert may_appear(author.photos.first(), Scope.ARCHIVE)


def test_participant_without_consent_on_file_is_refused(db):
    make_participant(code="P99")
    result = run_command("withdraw_consent", "P99")
    assert result.status != 0
    assert result.err == "P99 has no consent on file."


def test_from_the_shell_a_refusal_exits_non_zero_without_a_traceback():
    """Arguments are checked before the database is asked, so this runs anywhere."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "photovoice.settings.test"}
    shell = subprocess.run(
        [sys.executable, "manage.py", "withdraw_consent", "P07", "--scope", "television"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shell.returncode == 1
    assert "Unknown scope 'television'. Valid scopes: archive," in shell.stderr
    assert "Traceback" not in shell.stderr
