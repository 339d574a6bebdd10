"""Curators in the Wagtail admin: record consent, review, withdraw; private
details stay private; only admin users get in. Driven with the test client
as a curator would click through it."""

import pytest
from django.urls import reverse

from photovoice.archive.models import (
    AuditAction,
    AuditEvent,
    ConsentRecord,
    ModerationStatus,
    Scope,
    may_appear,
)
from tests.builders import give_consent, make_curator, make_participant, make_photo, make_testimony

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client):
    """A logged-in curator without permission to see private details."""
    user = make_curator(username="mira")
    client.force_login(user)
    return user


@pytest.fixture
def author():
    return make_participant(
        code="C01", legal_name="Olga Privatna", email="olga@example.org", phone="+420 600 111 222"
    )


def consent_form(participant, **fields) -> dict:
    return {
        "participant": participant.pk,
        "scopes": [Scope.ARCHIVE, Scope.EXHIBITIONS],
        "credit": "",
        "text_version": "2026-1",
        "text_language": "cs",
        "method": "paper",
        "given_by": "participant",
        "given_at": "2026-03-01 10:00",
        **fields,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class TestRecordingConsent:
    def test_curator_records_consent_and_the_item_becomes_public(self, client, curator, author):
        photo = make_photo(author)
        response = client.post(reverse("consent:add"), consent_form(author), follow=True)
        assert response.status_code == 200
        assert may_appear(photo, Scope.EXHIBITIONS)
        assert not may_appear(photo, Scope.PRINT)
        event = AuditEvent.objects.get(participant_code="C01")
        assert (event.action, event.actor_label) == (AuditAction.CONSENT_GIVEN, "mira")

    def test_new_consent_supersedes_the_old_record_which_is_kept(self, client, curator, author):
        old = give_consent(author)
        client.post(reverse("consent:add"), consent_form(author, scopes=[Scope.ARCHIVE]))
        old.refresh_from_db()
        assert old.superseded_by is not None
        assert ConsentRecord.objects.filter(participant=author).count() == 2

    def test_minor_without_guardian_shows_the_reason_on_the_form(self, client, curator):
        minor = make_participant(is_minor=True)
        response = client.post(reverse("consent:add"), consent_form(minor))
        assert response.status_code == 200
        assert "needs a guardian" in response.content.decode()
        assert not ConsentRecord.objects.filter(participant=minor).exists()

    def test_item_of_another_participant_is_refused(self, client, curator, author):
        stranger_photo = make_photo(make_participant())
        response = client.post(
            reverse("consent:add"), consent_form(author, photo=stranger_photo.pk)
        )
        assert "is not an item of C01" in response.content.decode()
        assert not ConsentRecord.objects.filter(participant=author).exists()

    def test_existing_records_cannot_be_edited_or_deleted(self, admin_client, author):
        record = give_consent(author)
        for name in ("consent:edit", "consent:delete"):
            response = admin_client.post(reverse(name, args=[record.pk]), {"note": "rewritten"})
            assert response.status_code == 302
            assert response.url == reverse("wagtailadmin_home")
        record.refresh_from_db()
        assert record.note == ""
        assert ConsentRecord.objects.filter(pk=record.pk).exists()


class TestReview:
    def test_curator_accepts_an_item_with_consent(self, client, curator, author):
        photo = make_photo(author, accepted=False)
        give_consent(author)
        response = client.post(
            reverse("review:decide", args=["photo", photo.pk]), {"decision": "accepted"}
        )
        assert response.status_code == 302
        photo.refresh_from_db()
        assert photo.moderation_status == ModerationStatus.ACCEPTED
        assert may_appear(photo, Scope.ARCHIVE)

    def test_accepting_without_consent_shows_why_instead_of_failing(self, client, curator, author):
        photo = make_photo(author, accepted=False)
        response = client.post(
            reverse("review:decide", args=["photo", photo.pk]),
            {"decision": "accepted"},
            follow=True,
        )
        assert response.status_code == 200
        assert any("Record the participant's consent" in m for m in messages_of(response))
        photo.refresh_from_db()
        assert photo.moderation_status == ModerationStatus.SUBMITTED

    def test_asking_for_changes_keeps_the_note_for_the_participant(self, client, curator, author):
        testimony = make_testimony(author, accepted=False)
        client.post(
            reverse("review:decide", args=["testimony", testimony.pk]),
            {"decision": "changes_requested", "note": "Please cut the last minute"},
        )
        testimony.refresh_from_db()
        assert testimony.moderation_status == ModerationStatus.CHANGES_REQUESTED
        assert testimony.moderation_note == "Please cut the last minute"

    def test_queue_lists_submitted_items_first(self, client, curator, author):
        give_consent(author)
        decided = make_photo(author, title="Already accepted")
        waiting = make_photo(author, accepted=False, title="Waiting photo")
        response = client.get(reverse("review:index"))
        assert response.status_code == 200
        titles = [str(row["item"]) for row in response.context["rows"]]
        assert titles.index(str(waiting)) < titles.index(str(decided))


class TestWithdrawal:
    def test_withdrawing_in_the_admin_hides_the_item_at_once(self, client, curator, author):
        photo, other = make_photo(author), make_photo(author)
        give_consent(author)
        url = reverse("consent:withdraw", args=[author.pk])
        page = client.get(f"{url}?item=photo:{photo.pk}")
        assert page.status_code == 200
        response = client.post(url, {"item": f"photo:{photo.pk}", "reason": "Family asked"})
        assert response.status_code == 302
        assert not may_appear(photo, Scope.ARCHIVE)
        assert may_appear(other, Scope.ARCHIVE)
        event = AuditEvent.objects.get(action=AuditAction.CONSENT_WITHDRAWN)
        assert (event.reason, event.actor_label) == ("Family asked", "mira")

    def test_withdrawal_needs_a_reason(self, client, curator, author):
        photo = make_photo(author)
        give_consent(author)
        response = client.post(reverse("consent:withdraw", args=[author.pk]), {"item": ""})
        assert response.status_code == 200
        assert may_appear(photo, Scope.ARCHIVE)

    def test_withdrawing_one_use_keeps_the_others(self, client, curator, author):
        photo = make_photo(author)
        give_consent(author)
        client.post(
            reverse("consent:withdraw", args=[author.pk]),
            {"item": "", "scope": "archive", "reason": "Not online"},
        )
        assert not may_appear(photo, Scope.ARCHIVE)
        assert may_appear(photo, Scope.EXHIBITIONS)


class TestPrivateDetails:
    PRIVATE = ("Olga Privatna", "olga@example.org", "+420 600 111 222")

    def pages(self, participant) -> list[str]:
        return [
            reverse("participants:index"),
            reverse("participants:index") + "?q=Olga",
            reverse("participants:edit", args=[participant.pk]),
            reverse("participants:add"),
            reverse("participants:history", args=[participant.pk]),
            reverse("consent:index"),
            reverse("consent:withdraw", args=[participant.pk]),
        ]

    def test_curator_without_permission_never_sees_legal_name_or_contacts(
        self, client, curator, author
    ):
        give_consent(author)
        for url in self.pages(author):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            for secret in self.PRIVATE:
                assert secret not in html, (url, secret)

    def test_saving_without_permission_keeps_the_private_details(self, client, curator, author):
        response = client.post(
            reverse("participants:edit", args=[author.pk]),
            {
                "project": author.project_id,
                "code": "C01",
                "credit": "pseudonym",
                "display_name": "Olga",
                "preferred_language": "cs",
                "legal_name": "Overwritten",
            },
        )
        assert response.status_code == 302
        author.refresh_from_db()
        assert (author.display_name, author.legal_name) == ("Olga", "Olga Privatna")

    def test_curator_with_permission_sees_and_edits_them(self, client, author):
        client.force_login(make_curator(private_details=True))
        html = client.get(reverse("participants:edit", args=[author.pk])).content.decode()
        assert all(secret in html for secret in self.PRIVATE)


class TestAccess:
    def test_user_without_admin_access_cannot_reach_the_archive(self, client, author):
        from django.contrib.auth import get_user_model

        visitor = get_user_model().objects.create_user("visitor", password="unused")
        client.force_login(visitor)
        for url in (
            reverse("participants:index"),
            reverse("participants:edit", args=[author.pk]),
            reverse("consent:add"),
            reverse("review:index"),
            reverse("audit:index"),
        ):
            response = client.get(url)
            assert response.status_code == 302, url
            assert "Olga Privatna" not in response.content.decode()
            assert response.url.startswith(reverse("wagtailadmin_login"))

    def test_archive_menu_lists_its_screens(self, client, curator):
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        for label in ("Archive", "Photo review queue", "Participants", "Consent records"):
            assert label in html

    def test_every_archive_screen_opens_for_an_administrator(self, admin_client, author):
        photo = make_photo(author, accepted=False)
        testimony = make_testimony(author, accepted=False)
        record = give_consent(author)
        urls = [
            reverse("review:index"),
            reverse("review:index") + "?status=submitted",
            reverse("projects:index"),
            reverse("projects:add"),
            reverse("projects:edit", args=[author.project_id]),
            reverse("participants:add"),
            reverse("testimonies:index"),
            reverse("testimonies:add"),
            reverse("testimonies:edit", args=[testimony.pk]),
            reverse("consent:index"),
            reverse("consent:add") + f"?participant={author.pk}&photo={photo.pk}",
            reverse("consent:inspect", args=[record.pk]),
            reverse("audit:index"),
            reverse("wagtailsnippets_archive_theme:list"),
            reverse("wagtailsnippets_archive_theme:add"),
        ]
        for url in urls:
            assert admin_client.get(url).status_code == 200, url
