"""The audit trail: every consent change and review decision is recorded,
rows cannot be changed or deleted, and the export carries all of them."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from photovoice.archive.audit_export import AUDIT_COLUMNS
from photovoice.archive.consent import set_review, withdraw_consent
from photovoice.archive.models import AuditAction, AuditEvent, ModerationStatus
from tests.builders import CURATOR, give_consent, make_participant, make_photo, run_command

pytestmark = pytest.mark.django_db


def actions_for(code) -> list[str]:
    return list(
        AuditEvent.objects.filter(participant_code=code)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def history():
    """A participant whose consent was given, narrowed and withdrawn, and
    whose photo was reviewed twice."""
    author = make_participant(code="H01")
    photo = make_photo(author, accepted=False)
    give_consent(author)
    set_review(photo, ModerationStatus.CHANGES_REQUESTED, actor=CURATOR, note="Crop the face")
    set_review(photo, ModerationStatus.ACCEPTED, actor=CURATOR)
    withdraw_consent(author, actor=CURATOR, scope="print", reason="No posters")
    withdraw_consent(author, actor=CURATOR, item=photo, reason="Changed my mind")
    return author


def test_every_consent_change_and_review_decision_is_recorded(history):
    assert actions_for("H01") == [
        AuditAction.CONSENT_GIVEN,
        AuditAction.MODERATED,
        AuditAction.MODERATED,
        AuditAction.CONSENT_NARROWED,
        AuditAction.CONSENT_WITHDRAWN,
    ]
    notes = AuditEvent.objects.filter(participant_code="H01").values_list("reason", flat=True)
    assert {"Crop the face", "No posters", "Changed my mind"} <= set(notes)


def test_expiry_is_recorded_once_by_the_daily_sweep():
    author = make_participant(code="H02")
    make_photo(author)
    give_consent(author, expires_at=timezone.now() - timedelta(minutes=1))
    assert run_command("sweep_expired_consent").out.strip() == (
        "Consent records expired since the last sweep: 1."
    )
    assert run_command("sweep_expired_consent").out.strip() == (
        "Consent records expired since the last sweep: 0."
    )
    assert actions_for("H02") == [AuditAction.CONSENT_GIVEN, AuditAction.CONSENT_EXPIRED]


def test_rows_cannot_be_changed(history):
    event = AuditEvent.objects.filter(participant_code="H01").first()
    event.reason = "rewritten"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(participant_code="H01").update(reason="rewritten")
    assert not AuditEvent.objects.filter(reason="rewritten").exists()


def test_rows_cannot_be_deleted(history):
    count = AuditEvent.objects.count()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(participant_code="H01").first().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == count


def test_csv_export_contains_every_event_oldest_first(history):
    result = run_command("export_audit")
    assert result.status == 0
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == AUDIT_COLUMNS
    mine = [row for row in rows if row["participant_code"] == "H01"]
    assert [row["action"] for row in mine] == actions_for("H01")
    assert mine[0]["actor_label"] == "test curator"


def test_json_export_to_a_file_contains_every_event(history, tmp_path):
    target = tmp_path / "audit.json"
    result = run_command("export_audit", "--format", "json", "--output", str(target))
    assert result.status == 0
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert len(rows) == AuditEvent.objects.count()
    assert {row["reason"] for row in rows} >= {"Crop the face", "No posters", "Changed my mind"}
    assert all(list(row) == AUDIT_COLUMNS for row in rows)


class TestAuditTrailInTheAdmin:
    def test_list_filters_by_participant_code_and_action(self, admin_client, history):
        other = make_participant(code="H09")
        give_consent(other)
        url = reverse("audit:index")
        rows = admin_client.get(url, {"participant_code": "H01"}).context["object_list"]
        assert {event.participant_code for event in rows} == {"H01"}
        rows = admin_client.get(url, {"action": AuditAction.MODERATED}).context["object_list"]
        assert [event.action for event in rows] == [AuditAction.MODERATED] * 2

    def test_csv_download_contains_the_events(self, admin_client, history):
        response = admin_client.get(reverse("audit:index"), {"export": "csv"})
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode()
        assert "Crop the face" in body and "No posters" in body and "H01" in body

    def test_no_one_can_add_edit_or_delete_rows_in_the_admin(self, admin_client, history):
        event = AuditEvent.objects.filter(participant_code="H01").first()
        attempts = [
            reverse("audit:add"),
            reverse("audit:edit", args=[event.pk]),
            reverse("audit:delete", args=[event.pk]),
        ]
        for url in attempts:
            assert admin_client.post(url, {"reason": "x"}).url == reverse("wagtailadmin_home")
        event.refresh_from_db()
        assert event.reason != "x"
        listing = admin_client.get(reverse("audit:index")).content.decode()
        for url in attempts:
            assert url not in listing
        assert admin_client.get(reverse("audit:inspect", args=[event.pk])).status_code == 200
