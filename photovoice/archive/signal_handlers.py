"""Signal handlers of the archive, connected in :meth:`ArchiveConfig.ready`."""

from django.db.models.signals import post_save, pre_delete

from .models import AudioTestimony, Participant, Photo, Tombstone


def retag_public_audio(sender, instance: Participant, **kwargs) -> None:
    """A curator edited a participant (their chosen name, say): public audio
    copies carry the name in their tags, so bring them in line."""
    if kwargs.get("raw"):
        return
    from .consent import sync_public_files

    for testimony in instance.audiotestimonys.exclude(public_file=""):
        sync_public_files(testimony)


def forget_deleted_item(sender, instance, **kwargs) -> None:
    """A photo or recording deleted in the admin rather than erased through
    ``consent.erase_participant`` (which leaves a tombstone first and does
    this itself): audit it and remove its files."""
    if Tombstone.objects.filter(key=Tombstone.for_item(instance)).exists():
        return
    from .consent import Actor, record_deletion

    record_deletion(instance, actor=Actor("admin"))


def connect() -> None:
    post_save.connect(retag_public_audio, sender=Participant, dispatch_uid="archive_retag_audio")
    for model in (Photo, AudioTestimony):
        pre_delete.connect(
            forget_deleted_item, sender=model, dispatch_uid=f"archive_forget_{model.__name__}"
        )
