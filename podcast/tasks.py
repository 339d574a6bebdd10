"""Background work of the podcast: public audio copies and statistics upkeep."""

from django_tasks import task


@task()
def publish_episode_audio_task(page_id: int) -> None:
    """Make the public copy of an episode's uploaded recording (see :mod:`podcast.audio`)."""
    from .audio import publish_episode_audio
    from .models import EpisodePage

    episode = EpisodePage.objects.filter(pk=page_id).first()
    if episode is not None:
        publish_episode_audio(episode)


@task()
def purge_listener_data() -> None:
    """Delete listener hashes and salts past the 24-hour window (run daily)."""
    from .downloads import purge

    purge()
