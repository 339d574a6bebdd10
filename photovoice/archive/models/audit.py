"""The audit trail: every consent change and moderation decision, append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CONSENT_GIVEN = "consent_given", _("consent given")
    CONSENT_NARROWED = "consent_narrowed", _("consent narrowed")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("consent withdrawn")
    CONSENT_EXPIRED = "consent_expired", _("consent expired")
    ERASED = "erased", _("erased at the participant's request")
    DELETED = "deleted", _("deleted in the admin")
    MODERATED = "moderated", _("review decision")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events cannot be changed.")

    def delete(self):
        raise TypeError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what, when and why. Rows are written once and never edited or
    deleted; they keep the participant's code (not their name), so they
    survive erasure without keeping personal data."""

    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    actor_label = models.CharField(
        _("acting"), max_length=200, editable=False, help_text=_("Who acted, in words.")
    )
    action = models.CharField(
        _("action"), max_length=30, choices=AuditAction.choices, editable=False
    )
    participant_code = models.CharField(
        _("participant"), max_length=20, editable=False, db_index=True
    )
    item_kind = models.CharField(_("item kind"), max_length=20, blank=True, editable=False)
    item_id = models.PositiveBigIntegerField(_("item"), null=True, blank=True, editable=False)
    scope = models.CharField(_("scope"), max_length=20, blank=True, editable=False)
    summary = models.TextField(_("what changed"), editable=False)
    reason = models.TextField(_("why"), blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.participant_code} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events cannot be deleted.")


class Tombstone(models.Model):
    """Marks an item or author page that was erased, so its former address
    answers 410 ("removed at the author's request") rather than 404."""

    key = models.CharField(max_length=60, unique=True, help_text="e.g. photo:12 or participant:P07")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tombstone")

    def __str__(self) -> str:
        return self.key

    @classmethod
    def for_item(cls, item) -> str:
        return f"{item._meta.model_name}:{item.pk}"
