"""Builders for exhibitions: an index under the home page, an exhibition of
consented photos (some with recordings), translated into English."""

from dataclasses import dataclass
from datetime import date

from django.test import TestCase
from wagtail.models import Locale

from exhibitions.models import (
    Exhibit,
    ExhibitionIndexPage,
    ExhibitionPage,
    ExhibitionSection,
    Showing,
)
from photovoice.archive.media import publish_testimony_audio
from photovoice.archive.models import Theme
from photovoice.demo.translation import translate
from tests.builders import (
    give_consent,
    make_participant,
    make_photo,
    make_project,
    make_testimony,
)


@dataclass
class BuiltExhibition:
    index: ExhibitionIndexPage
    page: ExhibitionPage
    english: ExhibitionPage
    photos: list
    testimonies: list
    participants: list


def make_exhibition(home, *, photos_per_author: int = 2, authors: int = 2, audio: bool = True):
    """An exhibition of ``authors`` consenting authors, each with photos (the
    first with a published recording), in Czech with an English translation."""
    project = make_project()
    participants, photos, testimonies = [], [], []
    for _n in range(authors):
        participant = make_participant(project)
        give_consent(participant)
        participants.append(participant)
        for _m in range(photos_per_author):
            photos.append(make_photo(participant))
        if audio:
            testimony = make_testimony(
                participant, transcript="Přijela jsem v zimě a sousedé mi pomohli."
            )
            testimony.related_photos.add(photos[-photos_per_author])
            publish_testimony_audio(testimony)
            testimonies.append(testimony)
    index = home.add_child(instance=ExhibitionIndexPage(title="Výstavy", slug="vystavy"))
    index.save_revision().publish()
    theme = Theme.objects.create(
        name="Domov", slug=f"domov-{project.pk}", locale=Locale.objects.get(language_code="cs")
    )
    by_author = {t.participant_id: t for t in testimonies}
    exhibits = []
    for number, photo in enumerate(photos):
        first_of_author = number % photos_per_author == 0
        testimony = by_author.get(photo.participant_id) if first_of_author else None
        exhibits.append(Exhibit(photo=photo, testimony=testimony, theme=theme))
    page = ExhibitionPage(
        title="Integrace očima",
        slug="integrace-ocima",
        project=project,
        intro="Výstava o tom, jak prožíváme integraci.",
        sections=[ExhibitionSection(theme=theme, heading="Domov", text="Místa, kde jsme doma.")],
        exhibits=exhibits,
        showings=[
            Showing(venue="Integrační centrum", address="Praha 1", starts_on=date(2026, 3, 1)),
            Showing(venue="Senát", starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 30)),
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    english = translate_page(
        page,
        {
            "Integrace očima": "Integration seen",
            "Výstava o tom, jak prožíváme integraci.": "An exhibition about integration.",
            "Domov": "Home",
        },
    )
    return BuiltExhibition(index, page, english, photos, testimonies, participants)


def translate_page(page, strings, language="en"):
    """Translate ``page`` (and its parent first, when needed) and publish.
    wagtail-localize publishes on commit; tests never commit, so run it now."""
    parent = page.get_parent().specific
    if parent.get_translation_or_none(Locale.objects.get(language_code=language)) is None:
        translate_page(parent, {"Výstavy": "Exhibitions"}, language)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translated = translate(page, language, strings)
    translated.refresh_from_db()
    return translated
