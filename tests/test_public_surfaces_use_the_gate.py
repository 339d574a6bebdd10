"""Every public surface asks the consent gate: the project's front page, author
pages, photo pages, theme pages, search, the feed, the sitemap and the audio
address show what the gate allows, hide what it refuses, and drop an item the
moment its author withdraws consent, its former address then answering 410."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from photovoice.archive.consent import Actor, erase_participant, withdraw_consent
from photovoice.archive.models import PeopleDepicted, Project, Scope
from tests.builders import (
    give_consent,
    make_participant,
    make_photo,
    make_project_page,
    make_public_copy,
    make_testimony,
    make_theme,
    use_local_public_storage,
)

pytestmark = pytest.mark.django_db

PARTICIPANT = Actor(label="participant, by phone")


@dataclass
class Archive:
    """A project page with a theme and three photos of one author, all
    captioned about the harbour: ``shown`` and ``other`` pass the gate,
    ``refused`` shows people who did not consent."""

    page: object
    author: object
    shown: object
    other: object
    refused: object

    def url(self, route: str = "") -> str:
        return self.page.url + route

    def photo_url(self, photo) -> str:
        return self.url(f"photos/{photo.pk}/")


def build_archive() -> Archive:
    author = make_participant(display_name="Mira K.")
    page = make_project_page(author.project)
    give_consent(author, [Scope.ARCHIVE])
    theme = make_theme("Přístav")
    photos = {
        "shown": make_photo(author, title="Tram stop at dawn", caption="The harbour tram."),
        "other": make_photo(author, title="Queue at the office", caption="Harbour office."),
        "refused": make_photo(
            author,
            title="Neighbours at dinner",
            caption="Dinner by the harbour.",
            people_depicted=PeopleDepicted.NOT_CONSENTED,
        ),
    }
    for photo in photos.values():
        photo.themes.add(theme)
    archive = Archive(page=page, author=author, **photos)
    archive.theme_url = archive.url(f"themes/{theme.slug}/")
    return archive


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


SURFACES = {
    "project front page": lambda client, a: text_of(client, a.url()),
    "author page": lambda client, a: text_of(client, a.url(f"authors/{a.author.code}/")),
    "theme page": lambda client, a: text_of(client, a.theme_url),
    "search": lambda client, a: text_of(client, a.url("search/?q=harbour")),
    "feed": lambda client, a: text_of(client, a.url("feed/")),
    "sitemap": lambda client, a: text_of(client, "/sitemap.xml"),
}


def appears(archive: Archive, photo, text: str) -> bool:
    return photo.title in text or archive.photo_url(photo) in text


@pytest.mark.parametrize("surface", SURFACES)
def test_each_surface_shows_allowed_photos_and_hides_refused_ones(client, site_home, surface):
    archive = build_archive()
    text = SURFACES[surface](client, archive)
    assert appears(archive, archive.shown, text)
    assert not appears(archive, archive.refused, text)


@pytest.mark.parametrize("surface", SURFACES)
def test_a_withdrawn_photo_leaves_each_surface_at_once(client, site_home, surface):
    archive = build_archive()
    withdraw_consent(archive.author, item=archive.shown, actor=PARTICIPANT)
    text = SURFACES[surface](client, archive)
    assert not appears(archive, archive.shown, text)
    assert appears(archive, archive.other, text)


def test_photo_page_shows_an_allowed_photo_and_not_a_refused_one(client, site_home):
    archive = build_archive()
    assert archive.shown.title in text_of(client, archive.photo_url(archive.shown))
    assert client.get(archive.photo_url(archive.refused)).status_code == 404


def test_former_address_of_a_withdrawn_photo_answers_410_in_the_visitors_language(
    client, site_home
):
    archive = build_archive()
    withdraw_consent(archive.author, item=archive.shown, actor=PARTICIPANT)
    response = client.get(archive.photo_url(archive.shown))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Tato položka byla odstraněna na žádost autora." in html
    assert archive.shown.title not in html


def test_narrowing_consent_away_from_the_archive_also_answers_410(client, site_home):
    archive = build_archive()
    withdraw_consent(archive.author, item=archive.shown, scope=Scope.ARCHIVE, actor=PARTICIPANT)
    assert client.get(archive.photo_url(archive.shown)).status_code == 410


def test_expired_consent_answers_410_without_anyone_acting(client, site_home):
    archive = build_archive()
    give_consent(
        archive.author,
        [Scope.ARCHIVE],
        item=archive.shown,
        given_at=timezone.now() - timedelta(days=30),
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert client.get(archive.photo_url(archive.shown)).status_code == 410


def test_withdrawing_everything_removes_the_author_page_with_410(client, site_home):
    archive = build_archive()
    author_url = archive.url(f"authors/{archive.author.code}/")
    withdraw_consent(archive.author, actor=PARTICIPANT)
    assert client.get(author_url).status_code == 410
    assert "Mira K." not in text_of(client, archive.url())


def test_erased_participants_former_addresses_answer_410(client, site_home, settings, tmp_path):
    use_local_public_storage(settings, tmp_path)
    archive = build_archive()
    testimony = make_public_copy(make_testimony(archive.author))
    give_consent(archive.author, [Scope.ARCHIVE], item=testimony)
    audio_url = f"/media/audio/{testimony.public_key}/{testimony.pk}.wav"
    photo_url = archive.photo_url(archive.shown)
    author_url = archive.url(f"authors/{archive.author.code}/")
    erase_participant(archive.author, actor=PARTICIPANT, reason="asked by e-mail")
    for url in (photo_url, author_url, audio_url):
        assert client.get(url).status_code == 410, url


def test_never_public_or_unknown_addresses_answer_404(client, site_home):
    archive = build_archive()
    pending = make_photo(archive.author, accepted=False, title="Still in review")
    never_consented = make_photo(make_participant(project=archive.author.project))
    for url in (
        archive.photo_url(pending),
        archive.photo_url(never_consented),
        archive.url("photos/999999/"),
        archive.url("photos/99999999999999999999999/"),
        archive.url("authors/NOBODY/"),
        archive.url("themes/no-such-theme/"),
    ):
        assert client.get(url).status_code == 404, url


def test_photo_of_another_project_is_not_found_under_this_one(client, site_home):
    archive = build_archive()
    elsewhere = make_participant(project=Project.objects.create(title="Other", slug="other"))
    give_consent(elsewhere)
    foreign = make_photo(elsewhere)
    assert client.get(archive.photo_url(foreign)).status_code == 404


# Audio ------------------------------------------------------------------------


@pytest.fixture
def local_audio(settings, tmp_path):
    use_local_public_storage(settings, tmp_path)


def audio_url(testimony) -> str:
    return f"/media/audio/{testimony.public_key}/{testimony.pk}.wav"


def test_audio_plays_when_allowed_and_not_when_refused(client, local_audio):
    author = make_participant()
    give_consent(author, [Scope.PODCAST])
    allowed = make_public_copy(make_testimony(author))
    pending = make_public_copy(make_testimony(author, accepted=False))
    assert client.get(audio_url(allowed)).status_code == 200
    assert client.get(audio_url(pending)).status_code == 404


def test_withdrawn_audio_answers_410_at_its_former_address(client, local_audio):
    author = make_participant()
    give_consent(author)
    testimony = make_public_copy(make_testimony(author))
    former = audio_url(testimony)
    withdraw_consent(author, item=testimony, actor=PARTICIPANT)
    response = client.get(former, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "This item was removed at the author's request." in response.content.decode()


def test_audio_player_on_pages_only_for_testimonies_the_gate_allows(client, site_home, local_audio):
    archive = build_archive()
    allowed = make_public_copy(make_testimony(archive.author, transcript="I take the tram."))
    refused = make_public_copy(
        make_testimony(archive.author, accepted=False, transcript="Not yet reviewed.")
    )
    for testimony in (allowed, refused):
        testimony.related_photos.add(archive.shown)
    html = text_of(client, archive.photo_url(archive.shown))
    assert audio_url(allowed) in html
    assert "I take the tram." in html
    assert audio_url(refused) not in html
    assert "Not yet reviewed." not in html


def test_search_finds_allowed_transcripts_only(client, site_home):
    archive = build_archive()
    make_testimony(archive.author, transcript="We waited at the ferry every morning.")
    make_testimony(archive.author, accepted=False, transcript="The ferry was late again.")
    html = text_of(client, archive.url("search/?q=ferry"))
    assert "We waited at the ferry every morning." in html
    assert "The ferry was late again." not in html
