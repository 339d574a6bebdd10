from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a new install (``manage.py load_demo``)."""

    name = "photovoice.demo"
    label = "demo"
    verbose_name = "Demo content"
