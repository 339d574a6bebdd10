"""Enumerations of the archive. Stored values are stable English slugs;
labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """A use the participant may allow. Each public surface asks for one."""

    ARCHIVE = "archive", _("online archive")
    EXHIBITIONS = "exhibitions", _("exhibitions")
    PRINT = "print", _("printed matter")
    PODCAST = "podcast", _("podcast")
    RESEARCH = "research", _("research use")
    SOCIAL = "social", _("social media")


class Credit(models.TextChoices):
    """How the participant wants to be credited."""

    NAME = "name", _("real name")
    PSEUDONYM = "pseudonym", _("chosen pseudonym")
    ANONYMOUS = "anonymous", _("anonymous")


class ModerationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class PeopleDepicted(models.TextChoices):
    """Whether recognisable people appear in a photo, and whether they agreed."""

    UNKNOWN = "unknown", _("not yet stated")
    NONE = "none", _("no recognisable people")
    CONSENTED = "consented", _("recognisable people who consented")
    NOT_CONSENTED = "not_consented", _("recognisable people without consent")


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("online form")
    PAPER = "paper", _("paper form (scan kept privately)")
    VERBAL = "verbal", _("given verbally (recorded)")


class ConsentGiver(models.TextChoices):
    PARTICIPANT = "participant", _("the participant")
    GUARDIAN = "guardian", _("a guardian, with the minor's own assent")
