"""The consent gate: the one place that decides what may appear in public.

Every public surface (pages, listings, search, sitemaps, feeds, QR redirects,
print, media) asks :meth:`ArchiveItemQuerySet.allowed_in` or
:func:`may_appear`. Nothing else re-implements the rule.

An item may appear in a scope now when all of these hold:

1. it belongs to a participant and a curator accepted it;
2. its own current consent record is in force and grants the scope, or, when
   it has no record of its own, the participant's project-wide record does
   ("in force": not withdrawn, not expired, and for a minor given by a
   guardian with the minor's assent);
3. the item's own conditions hold (for photos: no recognisable people, or
   they consented, or they did not and a curator chose to blur faces in every
   public copy; a photo whose people are not yet stated stays hidden).
"""

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from .choices import ModerationStatus, Scope
from .consent import ConsentRecord

#: Scopes in which an item is shown to the public (research use is not).
PUBLIC_SCOPES = (Scope.ARCHIVE, Scope.EXHIBITIONS, Scope.PRINT, Scope.PODCAST, Scope.SOCIAL)


class ArchiveItemQuerySet(models.QuerySet):
    def item_conditions(self) -> Q:
        """Conditions particular to this kind of item (overridden for photos)."""
        return Q()

    def consented_for(self, scope: str, at=None):
        """Items whose consent (own record, else participant-wide) is in force
        and grants ``scope`` at ``at`` (default: now). Rule 2 above."""
        scope = Scope(scope)
        at = at or timezone.now()
        field = self.model.consent_field
        records = ConsentRecord.objects
        own_record = records.current().filter(**{field: OuterRef("pk")})
        own_grant = records.in_force(at).granting(scope).filter(**{field: OuterRef("pk")})
        participant_grant = (
            records.in_force(at)
            .granting(scope)
            .participant_wide()
            .filter(participant=OuterRef("participant"))
        )
        return self.filter(
            Q(participant__isnull=False),
            Q(Exists(own_grant)) | (~Exists(own_record) & Exists(participant_grant)),
        )

    def allowed_in(self, scope: str, at=None):
        """Items that may appear in ``scope`` at ``at`` (default: now): the gate."""
        return (
            self.consented_for(scope, at)
            .filter(moderation_status=ModerationStatus.ACCEPTED)
            .filter(self.item_conditions())
        )

    def accepted(self):
        return self.filter(moderation_status=ModerationStatus.ACCEPTED)


def may_appear(item, scope: str, at=None) -> bool:
    """Whether this one item may appear in ``scope`` now (the same rule as
    :meth:`ArchiveItemQuerySet.allowed_in`, asked of the database)."""
    if item is None or item.pk is None:
        return False
    return type(item).objects.filter(pk=item.pk).allowed_in(scope, at=at).exists()


def may_appear_publicly(item, at=None) -> bool:
    """Whether the item may appear in at least one public scope (so its
    public copies should exist)."""
    return any(may_appear(item, scope, at=at) for scope in PUBLIC_SCOPES)


def with_credit(items):
    """Annotate items with ``credit_choice``, the credit they are shown under:
    the one on their own consent in force, else on the participant's general
    consent, else the participant's default. One query for a whole listing."""
    in_force = ConsentRecord.objects.in_force()
    own = in_force.filter(**{items.model.consent_field: OuterRef("pk")})
    wide = in_force.participant_wide().filter(participant=OuterRef("participant"))
    default = F("participant__credit")
    return items.annotate(
        credit_choice=Case(
            When(
                Exists(own),
                then=Coalesce(NullIf(Subquery(own.values("credit")[:1]), Value("")), default),
            ),
            default=Coalesce(NullIf(Subquery(wide.values("credit")[:1]), Value("")), default),
        )
    )


def credit_for(item) -> str:
    """The name the public sees as this item's author (the rule of
    :func:`with_credit`, for one item)."""
    choice = with_credit(type(item).objects.filter(pk=item.pk)).values_list(
        "credit_choice", flat=True
    )
    return item.participant.public_credit(choice.first())
