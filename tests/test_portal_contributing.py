"""Contributing from a phone: photos (HEIC too) and recordings with the
author's words and consent, all or nothing; refused files explained in the
participant's language with what they typed kept; curators told by e-mail;
uploads rate-limited without keeping addresses."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from photovoice.archive.models import (
    AudioTestimony,
    AuditEvent,
    ConsentMethod,
    ConsentRecord,
    ModerationStatus,
    Photo,
    Scope,
    may_appear,
)
from portal.models import Contribution
from tests.builders import jpeg_bytes, make_participant, wav_bytes
from tests.media_factories import heic_bytes, truncated_jpeg_bytes
from tests.portal_builders import photo_post, portal_url, recording_post, sign_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def private_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def page_of(response) -> str:
    return response.content.decode()


class TestSendingPhotos:
    def test_the_form_states_the_limits_and_takes_photos_from_the_camera(self, client):
        sign_in(client)
        page = page_of(client.get(portal_url("add_photos")))
        assert 'accept="image/*,.heic,.heif"' in page
        assert "up to 50 MB each" in page
        assert "Version 2026-1 of this text." in page
        assert 'name="csrfmiddlewaretoken"' in page

    def test_a_heic_and_a_jpeg_arrive_with_words_and_consent(self, client):
        participant = sign_in(client)
        data = photo_post(
            [("IMG_0001.HEIC", heic_bytes()), ("IMG_0002.jpg", jpeg_bytes())],
            [
                {"title": "Queue", "caption": "Waiting at the office", "showed_see": "People"},
                {"title": "Bus", "people_depicted": "consented"},
            ],
            scopes=["archive", "print"],
            credit="anonymous",
        )
        response = client.post(portal_url("add_photos"), data)
        assert response.status_code == 302
        assert response["Location"] == "/en/portal/"
        photos = {p.title: p for p in Photo.objects.filter(participant=participant)}
        assert set(photos) == {"Queue", "Bus"}
        queue = photos["Queue"]
        assert queue.caption == "Waiting at the office"
        assert queue.showed_see == "People"
        assert queue.moderation_status == ModerationStatus.SUBMITTED
        assert queue.file.name.endswith(".heic")
        assert "IMG_0001" not in queue.file.name
        assert photos["Bus"].people_depicted == "consented"
        for photo in photos.values():
            record = ConsentRecord.objects.current().get(photo=photo)
            assert sorted(record.scopes) == ["archive", "print"]
            assert record.credit == "anonymous"
            assert record.text_version == "portal-2026-1"
            assert record.text_language == "en"
            assert record.method == ConsentMethod.ONLINE
            assert Contribution.objects.get(photo=photo).wished_scopes == "archive,print"
            assert not may_appear(photo, Scope.ARCHIVE)  # waits for a curator
        labels = set(
            AuditEvent.objects.filter(participant_code=participant.code).values_list(
                "actor_label", flat=True
            )
        )
        assert labels == {f"participant {participant.code} via portal"}
        assert "We received 2 photo(s)" in page_of(client.get(response["Location"]))

    def test_consent_text_is_shown_and_recorded_in_the_participants_language(self, client):
        participant = sign_in(client, make_participant(preferred_language="uk"), language="uk")
        page = page_of(client.get(portal_url("add_photos", "uk")))
        assert "Ваші фотографії, записи та слова належать вам" in page
        data = photo_post([("a.jpg", jpeg_bytes())], language="uk")
        assert client.post(portal_url("add_photos", "uk"), data).status_code == 302
        record = ConsentRecord.objects.get(participant=participant)
        assert (record.text_language, record.text_version) == ("uk", "portal-2026-1")
        assert Photo.objects.get(participant=participant).language == "uk"

    def test_a_language_without_its_own_consent_text_gets_english_recorded_as_english(self, client):
        participant = sign_in(client, make_participant(preferred_language="ar"), language="ar")
        page = page_of(client.get(portal_url("add_photos", "ar")))
        assert 'dir="rtl"' in page
        assert "You own your photos" in page
        client.post(portal_url("add_photos", "ar"), photo_post([("a.jpg", jpeg_bytes())]))
        assert ConsentRecord.objects.get(participant=participant).text_language == "en"

    def test_consent_must_be_given_and_the_text_is_kept(self, client):
        sign_in(client)
        data = photo_post([("a.jpg", jpeg_bytes())], [{"title": "Stairs", "caption": "Kept words"}])
        del data["agree"]
        data["scopes"] = []
        response = client.post(portal_url("add_photos"), data)
        assert response.status_code == 400
        page = page_of(response)
        assert "Please tick this box to agree" in page
        assert "Tick at least one place" in page
        assert 'value="Stairs"' in page and "Kept words" in page
        assert not Photo.objects.exists()

    def test_a_minors_photo_waits_for_a_guardian_and_records_no_consent(self, client):
        minor = sign_in(client, make_participant(is_minor=True))
        page = page_of(client.get(portal_url("add_photos")))
        assert "parent or guardian" in page
        assert (
            client.post(portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())])).status_code
            == 302
        )
        photo = Photo.objects.get(participant=minor)
        assert not ConsentRecord.objects.filter(participant=minor).exists()
        contribution = Contribution.objects.get(photo=photo)
        assert (
            contribution.awaiting_guardian and contribution.wished_scopes == "archive,exhibitions"
        )
        assert "Waiting for your parent or guardian" in page_of(client.get(portal_url("home")))


class TestRefusedPhotos:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("broken.jpg", truncated_jpeg_bytes(), "This file is damaged or incomplete."),
            ("letter.jpg", PDF, "The name of this file does not match what is inside it."),
            ("letter.pdf", PDF, "This file is not a photo we can read."),
            ("empty.jpg", b"", "The submitted file is empty."),
        ],
    )
    def test_refused_files_are_explained_and_the_text_is_kept(self, client, name, content, message):
        sign_in(client)
        before = private_files()
        data = photo_post([(name, content)], [{"title": "Mój dom", "caption": "Words I wrote"}])
        response = client.post(portal_url("add_photos"), data)
        assert response.status_code == 400
        page = page_of(response)
        assert message in page
        assert 'value="Mój dom"' in page and "Words I wrote" in page
        assert "please choose the photo files again" in page
        assert not Photo.objects.exists()
        assert private_files() == before

    def test_an_oversize_photo_is_refused_with_the_limit(self, client, settings):
        settings.PORTAL_MAX_PHOTO_BYTES = 2000
        sign_in(client)
        data = photo_post([("big.jpg", jpeg_bytes(size=(400, 300)))], [{"title": "Big"}])
        response = client.post(portal_url("add_photos"), data)
        assert response.status_code == 400
        assert "This file is too large (over 1.95 KB)." in page_of(response)
        assert "up to 1.95 KB each" in page_of(response)
        assert 'value="Big"' in page_of(response)

    def test_messages_come_in_the_chosen_language(self, client):
        sign_in(client, make_participant(preferred_language="uk"), language="uk")
        data = photo_post([("broken.jpg", truncated_jpeg_bytes())], [{"title": "Дім"}])
        page = page_of(client.post(portal_url("add_photos", "uk"), data))
        assert "Цей файл пошкоджений або неповний" in page
        assert 'value="Дім"' in page

    def test_one_bad_photo_stops_the_whole_submission(self, client):
        sign_in(client)
        before = private_files()
        data = photo_post(
            [("good.jpg", jpeg_bytes()), ("bad.jpg", truncated_jpeg_bytes())],
            [{"title": "Good one"}, {"title": "Bad one"}],
        )
        response = client.post(portal_url("add_photos"), data)
        assert response.status_code == 400
        assert 'value="Good one"' in page_of(response) and 'value="Bad one"' in page_of(response)
        assert not Photo.objects.exists()
        assert not ConsentRecord.objects.exists()
        assert private_files() == before

    def test_a_failure_after_files_were_written_leaves_no_file(self, client, monkeypatch):
        import portal.submissions

        def broken(*args, **kwargs):
            raise RuntimeError("database went away")

        monkeypatch.setattr(portal.submissions, "record_consent", broken)
        sign_in(client)
        before = private_files()
        client.raise_request_exception = False
        response = client.post(portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())]))
        assert response.status_code == 500
        assert not Photo.objects.exists()
        assert private_files() == before


class TestSendingRecordings:
    def test_a_voice_memo_arrives_with_consent(self, client):
        participant = sign_in(client)
        page = page_of(client.get(portal_url("add_recording")))
        assert "portal/recorder.js" in page and 'accept="audio/*' in page
        response = client.post(
            portal_url("add_recording"), recording_post("memo.wav", wav_bytes(), scopes=["podcast"])
        )
        assert response.status_code == 302
        testimony = AudioTestimony.objects.get(participant=participant)
        assert testimony.title == "How I found work"
        assert testimony.transcript == "I came here in winter..."
        assert ConsentRecord.objects.get(testimony=testimony).scopes == ["podcast"]

    def test_a_photo_named_like_a_recording_is_refused_in_their_language(self, client):
        sign_in(client, make_participant(preferred_language="ru"), language="ru")
        response = client.post(
            portal_url("add_recording", "ru"), recording_post("memo.m4a", jpeg_bytes())
        )
        assert response.status_code == 400
        page = page_of(response)
        assert "Название этого файла не соответствует" in page
        assert "How I found work" in page
        assert not AudioTestimony.objects.exists()


class TestCuratorsAreTold:
    def test_curators_get_an_email_naming_only_the_code(self, client, settings):
        settings.PORTAL_NOTIFY_EMAILS = ["curators@example.org"]
        participant = sign_in(client, make_participant(legal_name="Secret Legal"))
        with_commit = client.post(
            portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())] * 2)
        )
        assert with_commit.status_code == 302
        # The test's transaction never commits; run what would run at commit.
        from django.db import connection

        for _sids, callback, _robust in connection.run_on_commit:
            callback()
        sent = [m for m in mail.outbox if m.to == ["curators@example.org"]]
        assert len(sent) == 1
        assert participant.code in sent[0].subject
        assert "2" in sent[0].body and "/admin/" in sent[0].body
        assert "Secret Legal" not in sent[0].body + sent[0].subject

    def test_no_recipients_no_email(self, client, settings, django_capture_on_commit_callbacks):
        settings.PORTAL_NOTIFY_EMAILS = []
        sign_in(client)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())]))
        assert mail.outbox == []


class TestRateLimits:
    def test_too_many_uploads_from_one_link_are_refused_with_the_text_kept(self, client, settings):
        settings.PORTAL_UPLOADS_PER_HOUR_PER_INVITATION = 2
        sign_in(client)
        for _n in range(2):
            assert (
                client.post(
                    portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())])
                ).status_code
                == 302
            )
        data = photo_post([("a.jpg", jpeg_bytes())], [{"title": "Third"}])
        response = client.post(portal_url("add_photos"), data)
        assert response.status_code == 429
        assert "wait an hour" in page_of(response)
        assert 'value="Third"' in page_of(response)
        assert Photo.objects.count() == 2
        assert (
            client.post(
                portal_url("add_recording"), recording_post("m.wav", wav_bytes())
            ).status_code
            == 429
        )

    def test_one_address_has_a_limit_across_links_and_is_not_stored(self, client, settings):
        from django.test import Client

        settings.PORTAL_UPLOADS_PER_HOUR_PER_ADDRESS = 1
        other = Client(REMOTE_ADDR="203.0.113.7")
        first = Client(REMOTE_ADDR="203.0.113.7")
        sign_in(first)
        sign_in(other)
        assert (
            first.post(portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())])).status_code
            == 302
        )
        assert (
            other.post(portal_url("add_photos"), photo_post([("a.jpg", jpeg_bytes())])).status_code
            == 429
        )
        keys = " ".join(str(key) for key in cache._cache)
        assert "203.0.113.7" not in keys
        assert "address" in keys
