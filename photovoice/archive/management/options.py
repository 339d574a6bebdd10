"""Turning the archive commands' arguments into archive objects, with a
plain message (a ``CommandError``, no traceback) when one does not fit."""

from django.core.management.base import CommandError

from ..item_references import ItemNotFound, find_item
from ..models import Participant, Scope


def participant_by_code(code: str) -> Participant:
    participant = Participant.objects.filter(code=code).first()
    if participant is None:
        raise CommandError(f"There is no participant with the code {code!r}.")
    return participant


def scope_from_option(value: str | None) -> Scope | None:
    """The :class:`Scope` named on the command line (None when not given)."""
    if not value:
        return None
    try:
        return Scope(value)
    except ValueError:
        raise CommandError(
            f"Unknown scope {value!r}. Valid scopes: {', '.join(Scope.values)}."
        ) from None


def item_of(participant: Participant, reference: str):
    """The photo or testimony ``reference`` names, which must be the participant's."""
    try:
        return find_item(reference, participant)
    except ItemNotFound as e:
        raise CommandError(str(e)) from None
