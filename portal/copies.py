"""A participant's own copy of what they contributed: the original files as
they sent them, and a JSON file with each item's words, review and every
version of its consent (and their project-wide consent, if any)."""

import json
import tempfile
import zipfile
from pathlib import PurePosixPath

from django.core.serializers.json import DjangoJSONEncoder

from photovoice.archive.models import ConsentRecord, Participant, Photo

from .contributions import kind_of, own_items

#: Spooled in memory up to this size, then on disk.
SPOOL_BYTES = 16 * 1024 * 1024


def consent_json(record: ConsentRecord) -> dict:
    return {
        "uses": record.scopes,
        "credit": record.credit,
        "text_version": record.text_version,
        "text_language": record.text_language,
        "method": record.method,
        "given_by": record.given_by,
        "given_at": record.given_at,
        "expires_at": record.expires_at,
        "withdrawn_at": record.withdrawn_at,
        "replaced_at": record.superseded_at,
    }


def item_json(item, file_name: str) -> dict:
    data = {
        "kind": kind_of(item),
        "id": item.pk,
        "file": file_name,
        "title": item.title,
        "language": item.language,
        "review": item.moderation_status,
        "note_from_curators": item.moderation_note,
        "consent": [consent_json(r) for r in item.consent_records.order_by("given_at", "pk")],
    }
    if isinstance(item, Photo):
        data.update(
            caption=item.caption,
            description=item.description,
            people_depicted=item.people_depicted,
            showed={
                "see": item.showed_see,
                "happening": item.showed_happening,
                "our_lives": item.showed_our_lives,
                "why": item.showed_why,
                "do": item.showed_do,
            },
            sent_at=item.created_at,
        )
    else:
        data.update(transcript=item.transcript, sent_at=item.created_at)
    return data


def participant_copy(participant: Participant):
    """An open file holding the zip, positioned at its start."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (returned open)
    items = []
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in own_items(participant):
            suffix = PurePosixPath(item.file.name).suffix
            name = f"{kind_of(item)}s/{kind_of(item)}-{item.pk}{suffix}"
            with (
                item.file.open("rb") as original,
                archive.open(name, "w", force_zip64=True) as target,
            ):
                while chunk := original.read(1024 * 1024):
                    target.write(chunk)
            items.append(item_json(item, name))
        general = participant.consent_records.participant_wide().order_by("given_at", "pk")
        metadata = {
            "participant": participant.code,
            "items": items,
            "consent_for_all_items": [consent_json(r) for r in general],
        }
        archive.writestr(
            "contributions.json",
            json.dumps(metadata, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
    spool.seek(0)
    return spool
