"""Download statistics without personal data.

While a listener's 24-hour window is open we keep only a salted hash of their
address and user agent (:class:`ListenerWindow`); the salt itself rotates
daily and is deleted once no open window can need it (:class:`RotatingSalt`).
What stays is a count per episode, day and app (:class:`DailyDownloads`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RotatingSalt(models.Model):
    """The secret mixed into listener hashes for one day (UTC). Deleted after
    two days: a hash made with it can then never be recomputed or matched."""

    day = models.DateField(unique=True)
    secret = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("listener hash salt")

    def __str__(self) -> str:
        return f"salt of {self.day}"


class ListenerWindow(models.Model):
    """One listener (a salted hash, never an address) fetching one episode,
    for the 24 hours from their first request. ``ranges`` are the byte ranges
    sent so far, merged; the window counts once when they reach a minute of audio."""

    listener = models.CharField(max_length=64, db_index=True)
    episode = models.ForeignKey(
        "podcast.EpisodePage", on_delete=models.CASCADE, related_name="listener_windows"
    )
    opened_at = models.DateTimeField(db_index=True)
    ranges = models.JSONField(default=list)
    counted_at = models.DateTimeField(null=True, blank=True)
    app = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["episode", "listener", "opened_at"])]

    def __str__(self) -> str:
        return f"listener window from {self.opened_at:%Y-%m-%d %H:%M}"


class DailyDownloads(models.Model):
    """Downloads of an episode on one day (in the site's time zone) by one app."""

    episode = models.ForeignKey(
        "podcast.EpisodePage", on_delete=models.CASCADE, related_name="daily_downloads"
    )
    day = models.DateField()
    app = models.CharField(_("app"), max_length=40)
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["episode", "day", "app"], name="one_count_per_day_app")
        ]
        ordering = ["-day", "app"]
        verbose_name = _("daily downloads")
        verbose_name_plural = _("daily downloads")

    def __str__(self) -> str:
        return f"{self.day} {self.app}: {self.count}"
