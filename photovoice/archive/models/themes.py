"""Themes that group archive items and exhibition sections."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Theme(TranslatableMixin, models.Model):
    """A theme such as "Language barrier" or "Friendly services". Translated
    with wagtail-localize; items point at the default-language theme."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"))
    description = models.TextField(_("description"), blank=True)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name
