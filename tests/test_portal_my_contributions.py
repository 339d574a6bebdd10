""" "My contributions": each item's review and where it appears (asked of the
gate); narrowing or withdrawing consent per item or for everything, with a
confirmation page and message, audited as the participant's own act; asking
for erasure; downloading a copy. And one participant never reaches another's items."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from photovoice.archive.consent import set_review
from photovoice.archive.models import (
    AuditAction,
    AuditEvent,
    ConsentRecord,
    ModerationStatus,
    Participant,
    Scope,
    may_appear,
)
from portal.models import ErasureRequest
from tests.builders import (
    CURATOR,
    accept,
    give_consent,
    make_curator,
    make_participant,
    make_photo,
    make_project_page,
    make_testimony,
)
from tests.portal_builders import portal_url, sign_in

pytestmark = pytest.mark.django_db


def page_of(client, name="home", *args) -> str:
    response = client.get(portal_url(name, "en", *args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def author(client):
    return sign_in(client, make_participant(code="M01", display_name="Mira"))


def own_photo(author, scopes=(Scope.ARCHIVE, Scope.EXHIBITIONS), **fields):
    photo = make_photo(author, accepted=False, **fields)
    give_consent(author, scopes, item=photo)
    return photo


class TestStatuses:
    def test_each_review_state_reads_plainly_with_the_curators_note(self, client, author):
        waiting = own_photo(author, title="Waiting one")
        changes = own_photo(author, title="Needs work")
        set_review(
            changes, ModerationStatus.CHANGES_REQUESTED, actor=CURATOR, note="Please add a caption."
        )
        accepted = own_photo(author, title="Accepted one")
        accept(accepted)
        rejected = own_photo(author, title="Rejected one")
        set_review(rejected, ModerationStatus.REJECTED, actor=CURATOR, note="Shows a car plate.")
        page = page_of(client)
        for title, label in [
            ("Waiting one", "Sent, waiting for review"),
            ("Needs work", "The curators ask for changes"),
            ("Accepted one", "Accepted"),
            ("Rejected one", "Not accepted"),
        ]:
            section = page.split(f"<h3>{title}</h3>")[1].split("</li>\n")[0]
            assert label in section
        assert "Please add a caption." in page and "Shows a car plate." in page
        assert waiting.title in page

    def test_where_an_item_appears_comes_from_the_gate(self, client, author, site_home):
        make_project_page(author.project)
        shown = own_photo(author, title="Shown", scopes=[Scope.ARCHIVE])
        accept(shown)
        hidden = own_photo(author, title="Hidden", scopes=[Scope.RESEARCH])
        accept(hidden)
        page = page_of(client)
        shown_part = page.split("<h3>Shown</h3>")[1].split("</li>\n")[0]
        assert "Online archive" in shown_part
        assert f"/photos/{shown.pk}/" in shown_part
        hidden_part = page.split("<h3>Hidden</h3>")[1].split("</li>\n")[0]
        assert "Not shown anywhere now." in hidden_part
        assert "For research" in hidden_part

    def test_exhibition_names_are_listed(self, client, site_home):
        from tests.exhibition_builders import make_exhibition

        built = make_exhibition(site_home, authors=1, photos_per_author=1, audio=False)
        sign_in(client, built.participants[0])
        page = page_of(client)
        assert "Exhibitions" in page and "Integration seen" in page


class TestChangingConsent:
    def test_narrowing_one_use_asks_for_confirmation_then_takes_effect(self, client, author):
        photo = own_photo(author)
        accept(photo)
        url = portal_url("item_consent", "en", "photo", photo.pk)
        confirm = client.post(url, {"keep": ["archive"]})
        assert confirm.status_code == 200
        assert "In exhibitions" in confirm.content.decode()
        assert may_appear(photo, Scope.EXHIBITIONS)  # nothing changed yet
        done = client.post(url, {"keep": ["archive"], "confirm": "1"}, follow=True)
        assert "We no longer use" in done.content.decode()
        assert may_appear(photo, Scope.ARCHIVE)
        assert not may_appear(photo, Scope.EXHIBITIONS)
        event = AuditEvent.objects.filter(action=AuditAction.CONSENT_NARROWED).get()
        assert event.actor_label == "participant M01 via portal"
        assert event.scope == "exhibitions"

    def test_withdrawing_one_item_asks_for_confirmation(self, client, author):
        photo, other = own_photo(author), own_photo(author)
        accept(photo), accept(other)
        url = portal_url("withdraw_item", "en", "photo", photo.pk)
        assert "Yes, stop using it" in page_of(client, "withdraw_item", "photo", photo.pk)
        assert may_appear(photo, Scope.ARCHIVE)
        done = client.post(url, follow=True)
        assert "We have stopped using" in done.content.decode()
        assert not any(may_appear(photo, s) for s in Scope)
        assert may_appear(other, Scope.ARCHIVE)
        record = ConsentRecord.objects.get(photo=photo)
        assert record.withdrawn_at is not None
        event = AuditEvent.objects.get(action=AuditAction.CONSENT_WITHDRAWN)
        assert event.actor_label == "participant M01 via portal"

    def test_withdrawing_everything(self, client, author):
        give_consent(author, [Scope.ARCHIVE])  # participant-wide too
        photos = [own_photo(author), make_photo(author)]
        testimony = make_testimony(author)
        for item in photos:
            accept(item)
        assert "Stop using all your photos" in page_of(client, "withdraw_all")
        client.post(portal_url("withdraw_all"))
        assert not any(may_appear(item, Scope.ARCHIVE) for item in [*photos, testimony])

    def test_withdrawn_item_answers_410_on_its_former_public_address(
        self, client, author, site_home
    ):
        page = make_project_page(author.project)
        photo = own_photo(author, title="Tram stop")
        accept(photo)
        public_url = page.url + f"photos/{photo.pk}/"
        visitor = type(client)()
        assert visitor.get(public_url).status_code == 200
        assert "Tram stop" in visitor.get(page.url).content.decode()
        client.post(portal_url("withdraw_item", "en", "photo", photo.pk))
        assert visitor.get(public_url).status_code == 410
        assert "Tram stop" not in visitor.get(page.url).content.decode()

    def test_nothing_to_withdraw_is_said_kindly(self, client, author):
        photo = make_photo(author, accepted=False)  # no consent on file
        done = client.post(portal_url("withdraw_item", "en", "photo", photo.pk), follow=True)
        assert done.status_code == 200
        assert "nothing of this is shown" in done.content.decode()


class TestErasureAndCopy:
    def test_asking_for_erasure_withdraws_now_and_curators_complete_it(self, client, author):
        photo = own_photo(author)
        accept(photo)
        assert "cannot be undone" in page_of(client, "erasure")
        response = client.post(portal_url("erasure"), {"message": "Please remove me."}, follow=True)
        assert "We have your request" in response.content.decode()
        request = ErasureRequest.objects.get()
        assert (request.participant_code, request.message) == ("M01", "Please remove me.")
        assert not may_appear(photo, Scope.ARCHIVE)
        assert "You asked us to erase everything" in page_of(client)

        curator = make_curator()
        from django.contrib.auth.models import Permission

        for codename in ("view_erasurerequest", "change_erasurerequest"):
            curator.user_permissions.add(Permission.objects.get(codename=codename))
        admin = type(client)()
        admin.force_login(curator)
        listing = admin.get(reverse("erasure_requests:index")).content.decode()
        assert "M01" in listing and "Erase now" in listing
        admin.post(reverse("erasure_requests:complete", args=[request.pk]))
        assert not Participant.objects.filter(code="M01").exists()
        request.refresh_from_db()
        assert request.completed_at is not None and request.completed_by == curator
        assert AuditEvent.objects.filter(action=AuditAction.ERASED, participant_code="M01").exists()
        assert client.get(portal_url("home")).status_code == 403  # the link died with them

    def test_the_copy_holds_originals_and_consent_records(self, client, author):
        photo = own_photo(author, title="Mine", caption="My words")
        testimony = make_testimony(author, title="My voice")
        stranger = make_participant()
        make_photo(stranger, title="Not mine")
        response = client.get(portal_url("download"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        metadata = json.loads(archive.read("contributions.json"))
        assert metadata["participant"] == "M01"
        titles = {item["title"] for item in metadata["items"]}
        assert titles == {"Mine", "My voice"}
        mine = next(item for item in metadata["items"] if item["title"] == "Mine")
        assert mine["caption"] == "My words"
        assert mine["consent"][0]["uses"] == ["archive", "exhibitions"]
        photo.file.open("rb")
        assert archive.read(mine["file"]) == photo.file.read()
        photo.file.close()
        assert any(name.startswith("recordings/") for name in archive.namelist())
        assert testimony.pk in {
            item["id"] for item in metadata["items"] if item["kind"] == "recording"
        }


class TestOneParticipantCannotReachAnother:
    @pytest.fixture
    def others_items(self):
        other = make_participant(code="X99", display_name="Someone Else")
        photo = make_photo(other, title="Someone else's photo")
        give_consent(other, [Scope.ARCHIVE], item=photo)
        accept(photo)
        testimony = make_testimony(other, title="Someone else's voice")
        give_consent(other, [Scope.ARCHIVE], item=testimony)
        return photo, testimony

    def test_others_items_are_not_listed_or_copied(self, client, author, others_items):
        page = page_of(client)
        assert "Someone else" not in page and "X99" not in page
        response = client.get(portal_url("download"))
        content = b"".join(response.streaming_content)
        assert b"Someone else" not in content

    @pytest.mark.parametrize("name", ["item_consent", "withdraw_item"])
    def test_others_items_cannot_be_seen_or_changed(self, client, author, others_items, name):
        for item, kind in zip(others_items, ["photo", "recording"], strict=True):
            url = portal_url(name, "en", kind, item.pk)
            assert client.get(url).status_code == 404
            assert client.post(url, {"keep": [], "confirm": "1"}).status_code == 404
            assert may_appear(item, Scope.ARCHIVE) or kind == "recording"
        assert (
            not AuditEvent.objects.filter(participant_code="X99")
            .exclude(actor_label=CURATOR.label)
            .exists()
        )
        assert (
            ConsentRecord.objects.filter(
                participant__code="X99", withdrawn_at__isnull=False
            ).count()
            == 0
        )

    def test_unknown_kinds_and_ids_are_simply_not_found(self, client, author):
        for url in ("/en/portal/items/page/1/uses/", "/en/portal/items/photo/999999/withdraw/"):
            assert client.get(url).status_code == 404

    def test_signed_out_visitors_reach_nothing(self, client, others_items):
        photo, _testimony = others_items
        for name, args in [
            ("home", ()),
            ("add_photos", ()),
            ("download", ()),
            ("withdraw_all", ()),
            ("withdraw_item", ("photo", photo.pk)),
        ]:
            assert client.get(portal_url(name, "en", *args)).status_code == 403
            assert client.post(portal_url(name, "en", *args)).status_code == 403
        assert may_appear(photo, Scope.ARCHIVE)

    def test_forms_need_the_csrf_token(self, author):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        sign_in(strict, author)
        photo = own_photo(author)
        accept(photo)
        assert strict.post(portal_url("withdraw_item", "en", "photo", photo.pk)).status_code == 403
        assert strict.post(portal_url("add_photos"), {}).status_code == 403
        assert may_appear(photo, Scope.ARCHIVE)

    def test_portal_pages_carry_the_security_headers(self, client, author):
        response = client.get(portal_url("home"))
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
