from django.apps import AppConfig


class ExhibitionsConfig(AppConfig):
    """Themed exhibitions built from consented archive items, their QR codes and print."""

    name = "exhibitions"
    verbose_name = "Exhibitions"
