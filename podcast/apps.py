from django.apps import AppConfig


class PodcastConfig(AppConfig):
    """Podcast shows and episodes, their feeds, audio delivery and download counts."""

    name = "podcast"
    verbose_name = "Podcast"

    def ready(self) -> None:
        from .signal_handlers import connect

        connect()
