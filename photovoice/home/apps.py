from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site's home page and the parts every page shares (language switcher, headers)."""

    name = "photovoice.home"
    label = "home"
    verbose_name = "Home"
