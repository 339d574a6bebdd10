"""A participant on a phone: opens the invitation link, sends a HEIC photo
with a caption and consent and a voice memo, sees them on "My contributions"
as sent; a curator accepts the photo and it is public; the participant
withdraws it and its address answers 410. Every portal page the participant
meets passes axe-core."""

import pytest
from django.test import TestCase

from photovoice.archive.models import ModerationStatus, Photo
from tests.browser.conftest import AXE
from tests.builders import accept, make_participant, make_project_page, wav_bytes
from tests.media_factories import heic_bytes
from tests.portal_builders import invite

pytestmark = pytest.mark.browser


def axe_violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run()")
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]


@pytest.fixture
def invitation(browser_db):
    with TestCase.captureOnCommitCallbacks(execute=True):
        participant = make_participant(code="B01", display_name="Olena", preferred_language="uk")
        project_page = make_project_page(participant.project)
        _invitation, token = invite(participant)
    return participant, project_page, token


def test_participant_sends_a_photo_sees_it_accepted_then_withdraws_it(
    phone, browser_db, invitation
):
    live_server = browser_db
    participant, project_page, token = invitation

    # The link signs the phone in and moves to an address without the token, in Ukrainian.
    phone.goto(f"{live_server.url}/cs/portal/i/{token}/")
    assert phone.url == f"{live_server.url}/uk/portal/"
    assert phone.locator("html").get_attribute("lang") == "uk"
    assert axe_violations(phone) == []

    # Send a HEIC photo with its words and consent.
    phone.locator('a[href="/uk/portal/photos/new/"]').click()
    phone.locator('input[name="photos-0-photo"]').set_input_files(
        {"name": "IMG_0001.HEIC", "mimeType": "image/heic", "buffer": heic_bytes((320, 240))}
    )
    phone.locator('input[name="photos-0-title"]').fill("Черга в офісі")
    phone.locator('textarea[name="photos-0-caption"]').fill("Я чекала тут три години.")
    phone.locator('input[name="photos-0-people_depicted"][value="none"]').check()
    phone.locator('input[name="scopes"][value="archive"]').check()
    phone.locator('input[name="credit"][value="pseudonym"]').check()
    assert axe_violations(phone) == []
    phone.locator('input[name="agree"]').check()
    phone.locator("form.portal-form button[type=submit]").click()
    assert phone.url == f"{live_server.url}/uk/portal/"

    # And a voice memo, as a plain file upload.
    phone.locator('a[href="/uk/portal/recordings/new/"]').click()
    phone.locator('input[name="recording"]').set_input_files(
        {"name": "memo.wav", "mimeType": "audio/wav", "buffer": wav_bytes()}
    )
    phone.locator('input[name="title"]').fill("Як я знайшла роботу")
    phone.locator('input[name="scopes"][value="podcast"]').check()
    phone.locator('input[name="agree"]').check()
    phone.locator("form.portal-form button[type=submit]").click()

    items = phone.locator(".contribution")
    assert items.count() == 2
    sent = phone.locator(".contribution", has_text="Черга в офісі")
    assert sent.get_attribute("data-status") == ModerationStatus.SUBMITTED
    assert axe_violations(phone) == []

    # A curator accepts the photo; it appears publicly.
    photo = Photo.objects.get(participant=participant)
    with TestCase.captureOnCommitCallbacks(execute=True):
        accept(photo)
    public_url = f"{live_server.url}{project_page.url}photos/{photo.pk}/"
    visitor = phone.context.browser.new_context()
    public = visitor.new_page()
    assert public.goto(public_url).status == 200
    assert "Черга в офісі" in public.locator("h1").inner_text()

    phone.reload()
    accepted = phone.locator(".contribution", has_text="Черга в офісі")
    assert accepted.get_attribute("data-status") == ModerationStatus.ACCEPTED
    assert accepted.locator(f'.places a[href$="/photos/{photo.pk}/"]').count() == 1

    # The participant withdraws it, after a confirmation page.
    accepted.locator(f'a[href="/uk/portal/items/photo/{photo.pk}/withdraw/"]').click()
    assert axe_violations(phone) == []
    phone.locator("main form button[type=submit]").click()
    assert phone.url == f"{live_server.url}/uk/portal/"
    assert phone.locator(".messages").is_visible()
    assert axe_violations(phone) == []

    assert public.goto(public_url).status == 410
    visitor.close()
