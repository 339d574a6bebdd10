"""Erasure at a participant's request: ``manage.py erase_participant``
removes their files from storage and their records from the database, keeps
the audit trail (by code only) and leaves tombstones for former addresses."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from photovoice.archive.models import (
    AudioTestimony,
    AuditAction,
    AuditEvent,
    ConsentRecord,
    Participant,
    Photo,
    Tombstone,
)
from tests.builders import give_consent, make_participant, make_photo, make_testimony, run_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    """A participant with every kind of file the archive keeps about them."""
    participant = make_participant(code="E01", legal_name="Jana Erasable")
    photo = make_photo(
        participant, depicted_consent_document=ContentFile(b"%PDF-1.4 depicted", "people.pdf")
    )
    photo.get_rendition("width-32")
    testimony = make_testimony(participant)
    testimony.public_file.save("interview.mp3", ContentFile(b"ID3 public copy"))
    give_consent(participant, document=ContentFile(b"%PDF-1.4 signed form", "form.pdf"))
    return participant


def stored_files(participant) -> list:
    """(storage, name) of every file kept for the participant, originals and derivatives."""
    files = []
    for photo in participant.photos.all():
        depicted = photo.depicted_consent_document
        files += [(photo.file.storage, photo.file.name), (depicted.storage, depicted.name)]
        files += [(default_storage, r.file.name) for r in photo.renditions.all()]
    for testimony in participant.audiotestimonys.all():
        files.append((testimony.file.storage, testimony.file.name))
        files.append((testimony.public_file.storage, testimony.public_file.name))
    for record in participant.consent_records.all():
        files.append((record.document.storage, record.document.name))
    return files


def erase(code, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return run_command("erase_participant", code, "--confirm", "--reason", "Asked by e-mail")


def test_every_file_is_gone_from_storage(author, django_capture_on_commit_callbacks):
    files = stored_files(author)
    assert len(files) == 6
    assert all(storage.exists(name) for storage, name in files)
    assert erase("E01", django_capture_on_commit_callbacks).status == 0
    assert [name for storage, name in files if storage.exists(name)] == []


def test_participant_items_and_consent_records_are_gone(author, django_capture_on_commit_callbacks):
    pk = author.pk
    erase("E01", django_capture_on_commit_callbacks)
    assert not Participant.objects.filter(pk=pk).exists()
    assert not Photo.objects.filter(participant_id=pk).exists()
    assert not AudioTestimony.objects.filter(participant_id=pk).exists()
    assert not ConsentRecord.objects.filter(participant_id=pk).exists()


def test_audit_trail_keeps_the_code_and_no_name(author, django_capture_on_commit_callbacks):
    erase("E01", django_capture_on_commit_callbacks)
    events = AuditEvent.objects.filter(participant_code="E01")
    assert set(events.values_list("action", flat=True)) == {
        AuditAction.CONSENT_GIVEN,
        AuditAction.ERASED,
    }
    erased = events.get(action=AuditAction.ERASED)
    assert erased.reason == "Asked by e-mail"
    assert erased.actor_label == "command erase_participant"
    assert "Jana Erasable" not in run_command("export_audit", "--format", "json").out


def test_former_addresses_get_tombstones(author, django_capture_on_commit_callbacks):
    photo, testimony = author.photos.get(), author.audiotestimonys.get()
    erase("E01", django_capture_on_commit_callbacks)
    assert set(Tombstone.objects.values_list("key", flat=True)) >= {
        f"photo:{photo.pk}",
        f"audiotestimony:{testimony.pk}",
        "participant:E01",
    }


def test_nothing_is_erased_without_confirm(author):
    files = stored_files(author)
    result = run_command("erase_participant", "E01")
    assert result.status != 0
    assert "Run again with --confirm" in result.err
    assert "1 photo(s), 1 testimony(ies), 1 consent record(s)" in result.err
    assert Participant.objects.filter(code="E01").exists()
    assert all(storage.exists(name) for storage, name in files)


def test_erasing_an_unknown_code_is_refused(db):
    result = run_command("erase_participant", "NOBODY", "--confirm")
    assert result.status != 0
    assert result.err == "There is no participant with the code 'NOBODY'."
