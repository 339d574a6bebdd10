"""Signal handlers of the podcast, connected in :meth:`PodcastConfig.ready`."""

from django.db import transaction
from django.db.models.signals import post_save

from .models import EpisodePage, ProcessedAudio


def queue_episode_audio(sender, instance: EpisodePage, **kwargs) -> None:
    """After an episode with a new upload is saved, make its public copy in
    the background (never inside ``save()``)."""
    if kwargs.get("raw") or not instance.audio_upload:
        return
    if ProcessedAudio.objects.filter(source_name=instance.audio_upload.name).exists():
        return
    from .tasks import publish_episode_audio_task

    page_id = instance.pk
    transaction.on_commit(lambda: publish_episode_audio_task.enqueue(page_id))


def connect() -> None:
    post_save.connect(queue_episode_audio, sender=EpisodePage, dispatch_uid="podcast_audio")
