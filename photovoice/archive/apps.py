from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """The archive core: participants, photos, testimonies and their consent."""

    name = "photovoice.archive"
    label = "archive"
    verbose_name = "Archive"

    def ready(self) -> None:
        from .signal_handlers import connect

        connect()
