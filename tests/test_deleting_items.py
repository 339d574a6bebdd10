"""A photo or recording deleted in the admin (not erased at the participant's
request) leaves no file behind, public or private, and the audit trail says
who deleted what."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from photovoice.archive.models import AuditAction, AuditEvent, Photo
from tests.builders import (
    make_participant,
    make_photo,
    make_public_copy,
    make_testimony,
    run_command,
)

pytestmark = pytest.mark.django_db


def test_deleting_a_recording_removes_its_original_and_public_copy(
    django_capture_on_commit_callbacks,
):
    author = make_participant()
    testimony = make_public_copy(make_testimony(author))
    original, public = testimony.file.name, testimony.public_file.name
    assert storages["private"].exists(original) and storages["default"].exists(public)

    with django_capture_on_commit_callbacks(execute=True):
        testimony.delete()

    assert not storages["private"].exists(original)
    assert not storages["default"].exists(public)
    event = AuditEvent.objects.get(action=AuditAction.DELETED)
    assert event.participant_code == author.code and event.item_kind == "audiotestimony"


def test_deleting_a_photo_in_the_image_library_removes_the_people_consent_scan(
    admin_client, django_capture_on_commit_callbacks
):
    photo = make_photo(make_participant())
    photo.depicted_consent_document.save("scan.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    scan = photo.depicted_consent_document.name

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:delete", args=[photo.pk]))

    assert response.status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    assert not storages["private"].exists(scan)
    assert AuditEvent.objects.filter(action=AuditAction.DELETED, item_id=photo.pk).exists()


def test_erasure_is_recorded_once_as_erasure(django_capture_on_commit_callbacks):
    author = make_participant()
    make_public_copy(make_testimony(author))
    make_photo(author)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_command("erase_participant", author.code, "--confirm").status == 0
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert AuditAction.ERASED in actions and AuditAction.DELETED not in actions
