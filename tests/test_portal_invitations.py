"""Invitation links: made by a command or in the admin, stored only as a
hash, opening the participant's space on one device in their language, and
refused kindly when expired, revoked or unknown."""

from datetime import timedelta

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from portal.models import Invitation, hash_token
from portal.session import SESSION_KEY
from tests.builders import (
    CURATOR_PERMISSIONS,
    make_curator,
    make_participant,
    make_project,
    run_command,
)
from tests.portal_builders import invite, portal_url, sign_in

pytestmark = pytest.mark.django_db


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


class TestInviteCommand:
    def test_prints_a_personal_link_in_the_participants_language(self):
        participant = make_participant(code="P07", preferred_language="uk")
        result = run_command("invite", "P07")
        assert result.status == 0
        link = result.out.strip()
        assert link.startswith("http://testserver/uk/portal/i/")
        token = token_of(link)
        assert len(token) >= 43  # 32 random bytes, base64
        invitation = Invitation.objects.get(participant=participant)
        assert invitation.token_hash == hash_token(token)
        assert token not in invitation.token_hash

    def test_expiry_and_project_are_checked(self):
        project = make_project(slug="integration")
        make_participant(project, code="P08")
        make_participant(code="P09")
        assert (
            run_command("invite", "P08", "--project", "integration", "--expires-days", "7").status
            == 0
        )
        invitation = Invitation.objects.get(participant__code="P08")
        assert invitation.project == project
        assert timedelta(days=6) < invitation.expires_at - timezone.now() <= timedelta(days=7)
        wrong = run_command("invite", "P09", "--project", "integration")
        assert wrong.status != 0 and "not a participant of integration" in wrong.err
        assert run_command("invite", "NOBODY").status != 0
        assert run_command("invite", "P08", "--expires-days", "0").status != 0

    @pytest.mark.parametrize("suffix", ["png", "svg"])
    def test_writes_a_qr_code_of_the_link(self, tmp_path, suffix):
        make_participant(code="Q01")
        target = tmp_path / f"card.{suffix}"
        result = run_command("invite", "Q01", "--qr", str(target))
        assert result.status == 0
        if suffix == "svg":
            assert target.read_text().lstrip().startswith(("<?xml", "<svg"))
        else:
            decoded = zxingcpp.read_barcodes(Image.open(target))
            assert [code.text for code in decoded] == [result.out.strip()]

    def test_a_new_link_switches_the_old_one_off(self, client):
        make_participant(code="R01")
        old = token_of(run_command("invite", "R01").out.strip())
        new = token_of(run_command("invite", "R01").out.strip())
        assert client.get(portal_url("open", "en", old)).status_code == 410
        assert client.get(portal_url("open", "en", new)).status_code == 302


class TestOpeningTheLink:
    def test_signs_in_and_leaves_the_token_out_of_the_address(self, client):
        participant = make_participant(preferred_language="ru", code="S01")
        _invitation, token = invite(participant)
        response = client.get(portal_url("open", "cs", token))
        assert response.status_code == 302
        assert response["Location"] == "/ru/portal/"
        assert token not in response["Location"]
        assert response["Cache-Control"].startswith("max-age=0")
        home = client.get(response["Location"])
        assert home.status_code == 200
        assert "S01" in home.content.decode()
        assert 'lang="ru"' in home.content.decode()

    def test_the_session_cookie_is_only_for_participants(self, client, site_home):
        assert not client.get("/cs/").cookies
        assert not client.get(portal_url("home")).cookies  # signed-out page
        sign_in(client)
        assert "sessionid" in client.cookies

    def test_a_fresh_session_is_started(self, client):
        client.get(portal_url("home"))
        client.session.save()
        before = client.session.session_key
        sign_in(client)
        assert client.session.session_key != before

    @pytest.mark.parametrize(
        ("state", "words"),
        [("expired", "истёк"), ("revoked", "заменена или отключена")],
    )
    def test_expired_or_revoked_links_get_a_kind_page_in_their_language(self, client, state, words):
        participant = make_participant(preferred_language="ru")
        invitation, token = invite(participant)
        if state == "expired":
            invitation.expires_at = timezone.now() - timedelta(minutes=1)
            invitation.save()
        else:
            invitation.revoke()
        response = client.get(portal_url("open", "en", token))
        assert response.status_code == 410
        assert words in response.content.decode()
        assert SESSION_KEY not in client.session

    def test_unknown_links_get_a_kind_page_not_an_error(self, client):
        for token in ("nonsense", "x" * 400, "%00"):
            response = client.get(f"/en/portal/i/{token}/")
            assert response.status_code == 404
            assert "We do not know this link" in response.content.decode()

    def test_revoking_signs_the_device_out(self, client):
        participant = sign_in(client)
        participant.invitations.get().revoke()
        response = client.get(portal_url("home"))
        assert response.status_code == 403
        assert "Open your personal link" in response.content.decode()

    def test_signing_out(self, client):
        sign_in(client)
        assert client.post(portal_url("sign_out")).status_code == 200
        assert client.get(portal_url("home")).status_code == 403

    def test_a_participant_never_reaches_the_admin(self, client):
        sign_in(client)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


class TestCuratorsInvite:
    @pytest.fixture
    def curator(self, client):
        user = make_curator()
        from django.contrib.auth.models import Permission

        for codename in ("add_invitation", "change_invitation", "view_invitation"):
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="portal", codename=codename)
            )
        client.force_login(user)
        return user

    def test_curator_sees_the_link_and_its_qr_code_once(self, client, curator):
        participant = make_participant(code="A01", preferred_language="cs")
        response = client.post(
            reverse("invitations:add"), {"participant": participant.pk, "expires_days": 30}
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "http://testserver/cs/portal/i/" in page
        assert "<svg" in page
        invitation = Invitation.objects.get(participant=participant)
        assert invitation.created_by == curator
        listing = client.get(reverse("invitations:index"))
        assert "A01" in listing.content.decode()
        assert hash_token("") not in listing.content.decode()

    def test_curator_revokes_a_link(self, client, curator):
        invitation, token = invite()
        response = client.post(reverse("invitations:revoke", args=[invitation.pk]))
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
        assert client.get(portal_url("open", "en", token)).status_code == 410

    def test_curators_without_the_permission_cannot_invite(self, client):
        client.force_login(make_curator())
        assert client.get(reverse("invitations:add")).status_code in (302, 403)
        assert "portal.add_invitation" not in CURATOR_PERMISSIONS
