"""Changing consent and review status: the only code that writes consent
records, and it always writes the audit trail in the same transaction.

Withdrawal takes effect when the transaction commits: every public surface
asks the consent gate on each request, so nothing needs republishing; the
item's public derivatives are then deleted and its public folder renamed so
cached links die too.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .derivatives import discard_photo_derivatives
from .models import (
    AudioTestimony,
    AuditAction,
    AuditEvent,
    ConsentGiver,
    ConsentRecord,
    ModerationStatus,
    Participant,
    Photo,
    Scope,
    Tombstone,
    credit_for,
    may_appear_publicly,
    scope_field,
)
from .models.items import new_public_key
from .tasks import delete_stored_files, generate_photo_derivatives, publish_testimony


class ConsentError(ValueError):
    """A consent or review change that cannot be made as asked."""


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a user, or a description such as a command or the portal."""

    label: str
    user: object = None

    @classmethod
    def for_user(cls, user) -> "Actor":
        return cls(label=user.get_username(), user=user)


@dataclass
class ConsentChange:
    records: list[ConsentRecord] = field(default_factory=list)
    items: list = field(default_factory=list)


def _audit(
    actor: Actor,
    action: str,
    participant_code: str,
    summary: str,
    *,
    item=None,
    scope: str = "",
    reason: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor.user,
        actor_label=actor.label,
        action=action,
        participant_code=participant_code,
        item_kind=item._meta.model_name if item is not None else "",
        item_id=item.pk if item is not None else None,
        scope=scope,
        summary=summary,
        reason=reason,
    )


def _item_kwargs(item) -> dict:
    """The ConsentRecord fields that point at ``item`` (both empty: participant-wide)."""
    target = {"photo": None, "testimony": None}
    if item is not None:
        if not isinstance(item, Photo | AudioTestimony):
            raise ConsentError(f"Consent cannot be recorded for {item!r}.")
        target[item.consent_field] = item
    return target


def _describe(item) -> str:
    return f"{item._meta.verbose_name} {item.pk}" if item is not None else "all items"


def participant_items(participant: Participant) -> list:
    return [*participant.photos.all(), *participant.audiotestimonys.all()]


@transaction.atomic
def record_consent(
    participant: Participant,
    *,
    scopes,
    text_version: str,
    text_language: str,
    method: str,
    actor: Actor,
    item=None,
    credit: str = "",
    given_by: str = ConsentGiver.PARTICIPANT,
    guardian_name: str = "",
    minor_assent: bool = False,
    expires_at=None,
    document=None,
    given_at=None,
    note: str = "",
) -> ConsentRecord:
    """Record consent for one item, or participant-wide when ``item`` is None.
    The new record supersedes the current one for the same target."""
    scopes = {Scope(s) for s in scopes}
    if participant.is_minor and not (
        given_by == ConsentGiver.GUARDIAN and minor_assent and guardian_name
    ):
        raise ConsentError("A minor's consent needs a guardian's name and the minor's own assent.")
    target = _item_kwargs(item)
    record = ConsentRecord.objects.create(
        participant=participant,
        **target,
        **{scope_field(s): s in scopes for s in Scope},
        credit=credit,
        text_version=text_version,
        text_language=text_language,
        method=method,
        given_by=given_by,
        guardian_name=guardian_name,
        minor_assent=minor_assent,
        expires_at=expires_at,
        given_at=given_at or timezone.now(),
        recorded_by=actor.user,
        note=note,
        **({"document": document} if document is not None else {}),
    )
    _supersede(participant, target, replacement=record)
    _audit(
        actor,
        AuditAction.CONSENT_GIVEN,
        participant.code,
        f"Consent for {_describe(item)}: {', '.join(sorted(scopes)) or 'no use'}"
        + (f", until {expires_at:%Y-%m-%d}" if expires_at else ""),
        item=item,
    )
    for affected in [item] if item is not None else participant_items(participant):
        sync_public_files(affected)
    return record


def _supersede(participant, target: dict, replacement: ConsentRecord) -> None:
    now = timezone.now()
    (
        ConsentRecord.objects.current()
        .filter(participant=participant, **target)
        .exclude(pk=replacement.pk)
        .update(superseded_at=now, superseded_by=replacement)
    )


@transaction.atomic
def withdraw_consent(
    participant: Participant, *, actor: Actor, item=None, scope: str | None = None, reason: str = ""
) -> ConsentChange:
    """Withdraw consent for everything, one item, one scope, or one scope of one item.

    Without ``scope`` the affected records are stamped withdrawn; with it, each
    is superseded by a copy that no longer grants the scope. Withdrawing one
    item that only had participant-wide consent gives it a record of its own.
    """
    scope = Scope(scope) if scope else None
    change = ConsentChange()
    current = ConsentRecord.objects.current().filter(participant=participant)
    if item is not None:
        own = current.filter(**_item_kwargs(item)).first()
        if own is None:
            wide = current.participant_wide().first()
            if wide is None:
                raise ConsentError(
                    f"{participant.code} has no consent on file for {_describe(item)}."
                )
            own = _copy(wide, item=item)
        records = [own]
        change.items = [item]
    else:
        records = list(current)
        if not records:
            raise ConsentError(f"{participant.code} has no consent on file.")
        change.items = participant_items(participant)
    now = timezone.now()
    for record in records:
        if scope is None:
            if record.withdrawn_at is None:
                record.withdrawn_at = now
                record.save(update_fields=["withdrawn_at"])
                change.records.append(record)
        elif getattr(record, scope_field(scope)):
            narrowed = _copy(record, **{scope_field(scope): False})
            record.superseded_at, record.superseded_by = now, narrowed
            record.save(update_fields=["superseded_at", "superseded_by"])
            change.records.append(narrowed)
    action = AuditAction.CONSENT_NARROWED if scope else AuditAction.CONSENT_WITHDRAWN
    what = f"{scope.label} for " if scope else ""
    _audit(
        actor,
        action,
        participant.code,
        f"Withdrew {what}{_describe(item)}",
        item=item,
        scope=scope.value if scope else "",
        reason=reason,
    )
    for affected in change.items:
        sync_public_files(affected)
    return change


def _copy(record: ConsentRecord, item=None, **changes) -> ConsentRecord:
    clone = ConsentRecord.objects.get(pk=record.pk)
    clone.pk = None
    clone.superseded_at = clone.superseded_by = None
    if item is not None:
        for name, value in _item_kwargs(item).items():
            setattr(clone, name, value)
    for name, value in changes.items():
        setattr(clone, name, value)
    clone.save()
    return clone


def sync_public_files(item) -> None:
    """Bring an item's public copies in line with the gate, after a change.

    If it may no longer appear anywhere public, its renditions or public audio
    copy are deleted (Wagtail and our task remove the files after commit) and
    its public folder is renamed, so cached or leaked links die with them. If
    it may appear and has no public copies (or, for audio, a copy tagged with a
    name the author no longer uses), a task makes them after commit.
    """
    if may_appear_publicly(item):
        if isinstance(item, Photo) and not item.derivatives_ready:
            transaction.on_commit(lambda: generate_photo_derivatives.enqueue(item.pk))
        elif isinstance(item, AudioTestimony) and (
            not item.public_file or item.public_credit != credit_for(item)
        ):
            # New, or the author chose another name since the copy was tagged.
            transaction.on_commit(lambda: publish_testimony.enqueue(item.pk))
        return
    if isinstance(item, Photo):
        discard_photo_derivatives(item)
        return
    changed = ["public_key"]
    if item.public_file:
        name = item.public_file.name
        item.public_file = ""
        changed.append("public_file")
        transaction.on_commit(lambda: delete_stored_files.enqueue("default", [name]))
    item.public_key = new_public_key()
    item.save(update_fields=changed)


@transaction.atomic
def set_review(item, status: str, *, actor: Actor, note: str = "") -> None:
    """Record a curator's review decision. Accepting needs consent on file
    for at least one use."""
    status = ModerationStatus(status)
    consented = type(item).objects.filter(pk=item.pk)
    if status == ModerationStatus.ACCEPTED and not any(
        consented.consented_for(scope).exists() for scope in Scope
    ):
        raise ConsentError(
            "Record the participant's consent for at least one use before accepting."
        )
    item.moderation_status = status
    item.moderated_by = actor.user
    item.moderated_at = timezone.now()
    item.moderation_note = note
    item.save(
        update_fields=["moderation_status", "moderated_by", "moderated_at", "moderation_note"]
    )
    _audit(
        actor,
        AuditAction.MODERATED,
        item.participant.code if item.participant else "",
        f"{_describe(item)}: {status.label}",
        item=item,
        reason=note,
    )
    sync_public_files(item)


@transaction.atomic
def record_face_blurring(photo: Photo, *, actor: Actor) -> None:
    """Audit a curator's change of ``photo.blur_faces`` (already saved) and
    replace the photo's public copies to match. Turning blurring on can let a
    photo of people who did not consent appear, so it belongs in the trail."""
    state = "on" if photo.blur_faces else "off"
    _audit(
        actor,
        AuditAction.MODERATED,
        photo.participant.code if photo.participant else "",
        f"{_describe(photo)}: face blurring in public copies turned {state}",
        item=photo,
    )
    if may_appear_publicly(photo):
        # Copies made for the other choice go first; sync then asks for new ones.
        discard_photo_derivatives(photo)
    sync_public_files(photo)


@transaction.atomic
def erase_participant(participant: Participant, *, actor: Actor, reason: str = "") -> None:
    """Erase a participant at their request: items, originals, derivatives,
    consent records and documents, and personal details. The audit trail keeps
    the code and what was done; former addresses answer 410."""
    code = participant.code
    doomed: dict[str, list[str]] = {"default": [], "private": []}
    for item in participant_items(participant):
        Tombstone.objects.get_or_create(key=Tombstone.for_item(item))
        for alias, names in _own_files(item).items():
            doomed[alias] += names
        item.delete()
    doomed["private"] += [r.document.name for r in participant.consent_records.exclude(document="")]
    Tombstone.objects.get_or_create(key=f"participant:{code}")
    participant.delete()
    _audit(
        actor,
        AuditAction.ERASED,
        code,
        "Erased the participant, their items and consent records",
        reason=reason,
    )
    _delete_after_commit(doomed)


def record_deletion(item, *, actor: Actor) -> None:
    """An item deleted outside :func:`erase_participant` (a delete button in
    the admin, Wagtail's image library): say so in the audit trail, and delete
    after commit the files the database no longer points at (Wagtail removes a
    photo's original and renditions itself; recordings and consent scans are
    ours). Called before the row goes, inside the deleting transaction."""
    _audit(
        actor,
        AuditAction.DELETED,
        item.participant.code if item.participant_id else "",
        f"{_describe(item)} deleted",
        item=item,
    )
    _delete_after_commit(_own_files(item))


def _own_files(item) -> dict[str, list[str]]:
    """Per storage, the files of ``item`` that deleting its row leaves behind.
    Wagtail deletes a photo's original and renditions itself after commit;
    a recording's original and public copy, and a photo's people-consent
    scan, are ours to delete."""
    if isinstance(item, AudioTestimony):
        public = [item.public_file.name] if item.public_file else []
        return {"default": public, "private": [item.file.name]}
    scan = item.depicted_consent_document
    return {"default": [], "private": [scan.name] if scan else []}


def _delete_after_commit(doomed: dict[str, list[str]]) -> None:
    for alias, names in doomed.items():
        if names:
            transaction.on_commit(lambda a=alias, n=names: delete_stored_files.enqueue(a, n))


def expired_records(at=None):
    """Current records that expired and whose expiry is not yet in the audit trail."""
    at = at or timezone.now()
    return ConsentRecord.objects.current().filter(
        Q(expires_at__lte=at), withdrawn_at__isnull=True, expiry_recorded_at__isnull=True
    )


@transaction.atomic
def sweep_expired_consent(at=None) -> int:
    """The daily task: record each expiry once in the audit trail and retract
    the items that may no longer appear. Returns how many records expired.
    (The gate already hides expired items at request time; this cleans up.)"""
    at = at or timezone.now()
    actor = Actor(label="daily expiry sweep")
    count = 0
    for record in expired_records(at).select_related("participant", "photo", "testimony"):
        record.expiry_recorded_at = at
        record.save(update_fields=["expiry_recorded_at"])
        item = record.photo or record.testimony
        _audit(
            actor,
            AuditAction.CONSENT_EXPIRED,
            record.participant.code,
            f"Consent for {_describe(item)} expired on {record.expires_at:%Y-%m-%d}",
            item=item,
        )
        for affected in [item] if item is not None else participant_items(record.participant):
            sync_public_files(affected)
        count += 1
    return count
