"""Taking in a participant's file, the same way for every door (bulk import,
the participant portal, the admin): check it with ``media_pipeline``, keep the
original untouched in private storage. Public copies are made by a background
task once consent and review let the item appear (``consent.sync_public_files``).

A caller that wraps several steps in one transaction passes ``saved_files``
and deletes what is listed there if the transaction fails, so a rejected
upload never leaves a file behind (Django rolls back rows, not storage).
"""

import hashlib
import io
import secrets

from django.core.files.base import ContentFile
from PIL import Image

from media_pipeline.audio import probe_audio
from media_pipeline.images import probe_image, strip_metadata

from .consent import sync_public_files
from .models import AudioTestimony, Participant, Photo, may_appear_publicly

SavedFiles = list[tuple[object, str]]


def content_hash(data: bytes) -> str:
    """SHA-1 of a file's bytes, as Wagtail stores it in ``Photo.file_hash``."""
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def neutral_name(extension: str) -> str:
    """A storage name that says nothing about the person or their phone."""
    return f"{secrets.token_hex(8)}.{extension}"


def ingest_photo(
    participant: Participant,
    data: bytes,
    filename: str,
    *,
    saved_files: SavedFiles | None = None,
    **fields,
) -> Photo:
    """Validate ``data`` as a photo and store it as a new ``Photo``: the file
    as handed in, or, when the project keeps stripped masters, an upright copy
    holding only pixels.

    Raises a ``media_pipeline`` ``MediaError`` (with a message for the
    participant) before anything is written when the file is not acceptable.
    """
    info = probe_image(data, filename)
    # The hash of what was handed in, so that the same file is recognised again.
    handed_in_hash = content_hash(data)
    if participant.project.keep_stripped_masters:
        data = strip_metadata(data)
        info = probe_image(data)
    extension = {"jpeg": "jpg"}.get(info.format, info.format)
    photo = Photo(participant=participant, file_size=len(data), file_hash=handed_in_hash, **fields)
    photo.file.save(neutral_name(extension), ContentFile(data), save=False)
    with Image.open(io.BytesIO(data)) as image:
        # Saving the file resets the dimension fields. Wagtail counts them as
        # stored, before EXIF rotation.
        photo.width, photo.height = image.size
    if saved_files is not None:
        saved_files.append((photo.file.storage, photo.file.name))
    photo.save()
    _publish_if_allowed(photo)
    return photo


def ingest_testimony(
    participant: Participant,
    data: bytes,
    filename: str,
    *,
    saved_files: SavedFiles | None = None,
    **fields,
) -> AudioTestimony:
    """Validate ``data`` as a recording and store it as a new ``AudioTestimony``.
    Its public copy (tags removed) is made by a task once the gate lets it
    appear (``consent.sync_public_files``)."""
    info = probe_audio(data, filename)
    testimony = AudioTestimony(
        participant=participant,
        duration_seconds=info.duration_seconds,
        audio_format=info.format,
        file_hash=content_hash(data),
        **fields,
    )
    testimony.file.save(neutral_name(info.format), ContentFile(data), save=False)
    if saved_files is not None:
        saved_files.append((testimony.file.storage, testimony.file.name))
    testimony.save()
    _publish_if_allowed(testimony)
    return testimony


def _publish_if_allowed(item) -> None:
    """An item that arrives already accepted and consented (demo content, a
    curator's own upload) gets its public copies now; otherwise they are asked
    for by the consent or review change that lets it appear."""
    if may_appear_publicly(item):
        sync_public_files(item)


def delete_saved_files(saved_files: SavedFiles) -> None:
    """Remove files written for a transaction that did not commit."""
    for storage, name in saved_files:
        storage.delete(name)
