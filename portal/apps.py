from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The participants' side: invitation links, phone-first contributing,
    and "My contributions" with self-service consent."""

    name = "portal"
    verbose_name = "Participant portal"
