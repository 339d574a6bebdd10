"""Consent records: what a participant allowed, for which uses, until when.

Records are versioned, never rewritten: narrowing consent supersedes a record
with a new one; withdrawal stamps ``withdrawn_at``. A record covers one item
(photo or testimony) or, with neither set, all of a participant's items that
have no record of their own.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage
from .choices import ConsentGiver, ConsentMethod, Credit, Scope


def scope_field(scope: str) -> str:
    """The boolean field of :class:`ConsentRecord` that grants ``scope``."""
    return f"allows_{Scope(scope).value}"


class ConsentRecordQuerySet(models.QuerySet):
    def current(self):
        """The latest version of each record (withdrawn or not)."""
        return self.filter(superseded_at__isnull=True)

    def in_force(self, at=None):
        """Current records that are neither withdrawn nor expired and, for a
        minor, were given by a guardian with the minor's own assent."""
        at = at or timezone.now()
        return self.current().filter(
            Q(withdrawn_at__isnull=True),
            Q(expires_at__isnull=True) | Q(expires_at__gt=at),
            Q(participant__is_minor=False)
            | Q(given_by=ConsentGiver.GUARDIAN, minor_assent=True) & ~Q(guardian_name=""),
        )

    def participant_wide(self):
        return self.filter(photo__isnull=True, testimony__isnull=True)

    def granting(self, scope: str):
        return self.filter(**{scope_field(scope): True})


class ConsentRecord(models.Model):
    participant = models.ForeignKey(
        "archive.Participant", on_delete=models.CASCADE, related_name="consent_records"
    )
    photo = models.ForeignKey(
        "archive.Photo",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_records",
        help_text=_(
            "Leave empty (with no testimony) for consent covering all the participant's items."
        ),
    )
    testimony = models.ForeignKey(
        "archive.AudioTestimony",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_records",
    )

    allows_archive = models.BooleanField(_("online archive"), default=False)
    allows_exhibitions = models.BooleanField(_("exhibitions"), default=False)
    allows_print = models.BooleanField(_("printed matter"), default=False)
    allows_podcast = models.BooleanField(_("podcast"), default=False)
    allows_research = models.BooleanField(_("research use"), default=False)
    allows_social = models.BooleanField(_("social media"), default=False)

    credit = models.CharField(
        _("credit"),
        max_length=20,
        choices=Credit.choices,
        blank=True,
        help_text=_("How this item is credited; empty means the participant's default."),
    )
    text_version = models.CharField(_("consent text version"), max_length=50)
    text_language = models.CharField(
        _("language of the consent text"), max_length=10, choices=settings.LANGUAGES
    )
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    document = models.FileField(
        _("signed form or recording (private)"),
        upload_to="consent/",
        storage=private_storage,
        blank=True,
    )
    given_by = models.CharField(
        _("given by"), max_length=20, choices=ConsentGiver.choices, default=ConsentGiver.PARTICIPANT
    )
    guardian_name = models.CharField(_("guardian's name (private)"), max_length=200, blank=True)
    minor_assent = models.BooleanField(_("the minor agreed too"), default=False)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="supersedes",
    )
    expiry_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    note = models.TextField(_("note"), blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        constraints = [
            models.CheckConstraint(
                condition=Q(photo__isnull=True) | Q(testimony__isnull=True),
                name="consent_covers_one_item_at_most",
            )
        ]

    def __str__(self) -> str:
        target = self.photo or self.testimony or _("all items")
        return f"{self.participant.code}: {target} ({', '.join(self.scopes) or '-'})"

    @property
    def scopes(self) -> list[str]:
        """The scopes this record grants, as stored values."""
        return [scope.value for scope in Scope if getattr(self, scope_field(scope))]

    def covers_item(self) -> bool:
        return self.photo_id is not None or self.testimony_id is not None
