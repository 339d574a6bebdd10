"""The portal's own records: invitation links, what arrived through the
portal, and participants' requests for erasure.

Consent itself is never stored here: the portal records it through
:mod:`photovoice.archive.consent`, like every other door.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Random bytes in an invitation token (256 bits; the issue asks for at least 128).
TOKEN_BYTES = 32
#: How long a new invitation link works, unless the curator says otherwise.
DEFAULT_EXPIRY_DAYS = 60


def hash_token(token: str) -> str:
    """What is stored of a token: its SHA-256. The token itself has 256
    random bits, so no salt or slow hash is needed to make guessing futile."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self, at=None):
        """Invitations that still open the portal: not revoked, not expired."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=at)

    def find(self, token: str):
        """The invitation a token opens (usable or not), or None."""
        if not token or len(token) > 100:
            return None
        return self.select_related("participant").filter(token_hash=hash_token(token)).first()


class Invitation(models.Model):
    """A personal link that signs one participant in on the device where it
    is opened. Only the token's hash is stored: a curator sees the link once,
    when it is made, and re-issues it if it is lost."""

    participant = models.ForeignKey(
        "archive.Participant",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("participant"),
    )
    project = models.ForeignKey(
        "archive.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last opened"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.participant.code} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def issue(
        cls,
        participant,
        *,
        project=None,
        expires_days: int = DEFAULT_EXPIRY_DAYS,
        created_by=None,
    ) -> tuple["Invitation", str]:
        """Make a new invitation and return it with its token (shown once,
        never stored)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        invitation = cls.objects.create(
            participant=participant,
            project=project or participant.project,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=expires_days),
            created_by=created_by if getattr(created_by, "pk", None) else None,
        )
        return invitation, token

    @classmethod
    def reissue(cls, participant, **kwargs) -> tuple["Invitation", str]:
        """Revoke the participant's usable invitations and make a new one."""
        participant.invitations.usable().update(revoked_at=timezone.now())
        return cls.issue(participant, **kwargs)

    def is_usable(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and self.expires_at > at

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @property
    def state(self) -> str:
        if self.revoked_at:
            return str(_("revoked"))
        if self.expires_at <= timezone.now():
            return str(_("expired"))
        return str(_("active"))


class Contribution(models.Model):
    """One item that arrived through the portal, with the choices the
    participant made when sending it.

    For an adult those choices are also a consent record (made through the
    consent service). A minor's choices are kept here only as their wishes:
    nothing is public until a curator records a guardian's consent.
    """

    participant = models.ForeignKey(
        "archive.Participant", on_delete=models.CASCADE, related_name="portal_contributions"
    )
    photo = models.OneToOneField(
        "archive.Photo",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_contribution",
    )
    testimony = models.OneToOneField(
        "archive.AudioTestimony",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_contribution",
    )
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    wished_scopes = models.CharField(
        _("uses the participant chose"), max_length=200, blank=True, help_text=_("Comma separated.")
    )
    wished_credit = models.CharField(_("credit the participant chose"), max_length=20, blank=True)
    consent_text_version = models.CharField(_("consent text shown"), max_length=50)
    consent_text_language = models.CharField(_("language of the consent text"), max_length=10)
    awaiting_guardian = models.BooleanField(
        _("waits for a guardian's consent"),
        default=False,
        help_text=_("A minor sent it: a curator records the guardian's consent."),
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("portal contribution")
        verbose_name_plural = _("portal contributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(photo__isnull=True) ^ Q(testimony__isnull=True),
                name="portal_contribution_is_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant.code}: {self.item}"

    @property
    def item(self):
        return self.photo or self.testimony


class ErasureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_at__isnull=True)


class ErasureRequest(models.Model):
    """A participant asked, in the portal, to be erased. A curator completes
    it with ``erase_participant``; the request keeps only the code."""

    participant = models.ForeignKey(
        "archive.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure_requests",
        verbose_name=_("participant"),
    )
    participant_code = models.CharField(_("participant code"), max_length=20, editable=False)
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now, editable=False)
    message = models.TextField(_("the participant's message"), blank=True, editable=False)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ErasureRequestQuerySet.as_manager()

    class Meta:
        ordering = ["completed_at", "-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")

    def __str__(self) -> str:
        return f"{self.participant_code} ({self.requested_at:%Y-%m-%d})"

    @property
    def state(self) -> str:
        return str(_("done")) if self.completed_at else str(_("waiting"))
