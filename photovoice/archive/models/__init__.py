"""Archive models, one module per concern; import them from here."""

from .audit import AuditAction, AuditEvent, Tombstone
from .choices import ConsentGiver, ConsentMethod, Credit, ModerationStatus, PeopleDepicted, Scope
from .consent import ConsentRecord, scope_field
from .gate import PUBLIC_SCOPES, ArchiveItemQuerySet, credit_for, may_appear, may_appear_publicly
from .items import AudioTestimony, Photo, PhotoRendition, PhotoTranslation
from .pages import ProjectPage
from .projects import Participant, Project
from .themes import Theme

__all__ = [
    "ArchiveItemQuerySet",
    "AudioTestimony",
    "AuditAction",
    "AuditEvent",
    "ConsentGiver",
    "ConsentMethod",
    "ConsentRecord",
    "Credit",
    "ModerationStatus",
    "Participant",
    "PeopleDepicted",
    "Photo",
    "PhotoRendition",
    "PhotoTranslation",
    "Project",
    "ProjectPage",
    "Scope",
    "Theme",
    "Tombstone",
    "credit_for",
    "may_appear",
    "may_appear_publicly",
    "PUBLIC_SCOPES",
    "scope_field",
]
