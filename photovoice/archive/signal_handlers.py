"""Signal handlers of the archive, connected in :meth:`ArchiveConfig.ready`."""

from django.db.models.signals import post_save

from .models import Participant


def retag_public_audio(sender, instance: Participant, **kwargs) -> None:
    """A curator edited a participant (their chosen name, say): public audio
    copies carry the name in their tags, so bring them in line."""
    if kwargs.get("raw"):
        return
    from .consent import sync_public_files

    for testimony in instance.audiotestimonys.exclude(public_file=""):
        sync_public_files(testimony)


def connect() -> None:
    post_save.connect(retag_public_audio, sender=Participant, dispatch_uid="archive_retag_audio")
