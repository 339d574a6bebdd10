"""Glue between archive items, storage and the plain-Python ``media_pipeline``."""

from django.core.files.base import ContentFile

from media_pipeline.audio import public_audio_copy

from .models import AudioTestimony, credit_for


def publish_testimony_audio(testimony: AudioTestimony) -> None:
    """Write the public copy of a testimony: the same sound, every tag
    removed (location, device, comments), title and the author's chosen credit
    set; as MP3 when the upload is a format phones and podcast directories do
    not all play (WAV, FLAC, Ogg). Also records duration and format read from
    the public copy."""
    with testimony.file.open("rb") as original:
        data = original.read()
    credit = credit_for(testimony)
    clean, info = public_audio_copy(data, testimony.file.name, title=testimony.title, artist=credit)
    if testimony.public_file:
        testimony.public_file.delete(save=False)
    name = f"{testimony.public_key}/{testimony.pk}.{info.format}"
    testimony.public_file.save(name, ContentFile(clean), save=False)
    testimony.duration_seconds = info.duration_seconds
    testimony.audio_format = info.format
    testimony.public_credit = credit
    testimony.save(
        update_fields=["public_file", "duration_seconds", "audio_format", "public_credit"]
    )
