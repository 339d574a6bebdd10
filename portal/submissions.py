"""Taking in what a participant sends: all of one submission or none of it.

Each file goes through ``ingest_photo`` / ``ingest_testimony`` (the media
pipeline's checks, private original, derivatives after commit) and each item
gets its own consent record through the consent service, as the participant
chose it. A minor's choices are kept only as wishes: consent waits for a
guardian, recorded by a curator.
"""

from dataclasses import dataclass

from django.db import transaction

from photovoice.archive.consent import Actor, record_consent
from photovoice.archive.ingest import delete_saved_files, ingest_photo, ingest_testimony
from photovoice.archive.models import ConsentMethod, Participant

from .consent_texts import ConsentText
from .models import Contribution
from .tasks import notify_curators


def portal_actor(participant: Participant) -> Actor:
    """How the audit trail names what a participant does in the portal."""
    return Actor(label=f"participant {participant.code} via portal")


@dataclass(frozen=True)
class ConsentChoice:
    scopes: list[str]
    credit: str
    language: str  # of the author's words
    text: ConsentText


def _take_in(participant: Participant, consent: ConsentChoice, make_items) -> list:
    saved_files: list = []
    try:
        with transaction.atomic():
            items = make_items(saved_files)
            for item in items:
                _consent_for(participant, item, consent)
            transaction.on_commit(lambda: notify_curators.enqueue(participant.code, len(items)))
    except BaseException:
        delete_saved_files(saved_files)
        raise
    return items


def _consent_for(participant: Participant, item, consent: ConsentChoice) -> None:
    Contribution.objects.create(
        participant=participant,
        **{item.consent_field: item},
        wished_scopes=",".join(consent.scopes),
        wished_credit=consent.credit,
        consent_text_version=consent.text.recorded_version,
        consent_text_language=consent.text.language,
        awaiting_guardian=participant.is_minor,
    )
    if participant.is_minor:
        return  # nothing pretends to be consent until a guardian gives it
    record_consent(
        participant,
        item=item,
        scopes=consent.scopes,
        credit=consent.credit,
        text_version=consent.text.recorded_version,
        text_language=consent.text.language,
        method=ConsentMethod.ONLINE,
        actor=portal_actor(participant),
    )


def submit_photos(
    participant: Participant, photos: list[tuple[bytes, str, dict]], consent: ConsentChoice
) -> list:
    """Store ``photos`` (bytes, file name, fields) with their consent; all or nothing."""

    def make(saved_files):
        return [
            ingest_photo(
                participant,
                data,
                name,
                saved_files=saved_files,
                language=consent.language,
                **fields,
            )
            for data, name, fields in photos
        ]

    return _take_in(participant, consent, make)


def submit_recording(
    participant: Participant, data: bytes, name: str, fields: dict, consent: ConsentChoice
):
    """Store one recording with its consent; all or nothing."""

    def make(saved_files):
        return [
            ingest_testimony(
                participant,
                data,
                name,
                saved_files=saved_files,
                language=consent.language,
                **fields,
            )
        ]

    return _take_in(participant, consent, make)[0]
