"""Item references as curators type them: ``photo:12``, ``testimony:3``, or a
bare photo id such as ``12``. The commands and the admin's withdrawal form
both read and write them, so scripts and screens name items the same way."""

from django.utils.translation import gettext as _

from .models import AudioTestimony, Participant, Photo

#: Prefixes a reference may start with, and the model each one names.
ITEM_KINDS = {"photo": Photo, "testimony": AudioTestimony, "audiotestimony": AudioTestimony}


class ItemNotFound(LookupError):
    """A reference that names no item, or an item of someone else."""


def item_reference(item) -> str:
    """The reference of ``item``, e.g. ``photo:12`` or ``testimony:3``."""
    kind = "photo" if isinstance(item, Photo) else "testimony"
    return f"{kind}:{item.pk}"


def find_item(reference: str, participant: Participant | None = None):
    """The photo or testimony ``reference`` names; with ``participant``, it must be theirs."""
    kind, _colon, pk = reference.strip().rpartition(":")
    model = ITEM_KINDS.get((kind or "photo").lower())
    if model is None or not pk.isdigit():
        raise ItemNotFound(
            _("'%(reference)s' names no item: use a photo id, photo:ID or testimony:ID.")
            % {"reference": reference}
        )
    item = model.objects.filter(pk=int(pk)).first()
    if item is None:
        raise ItemNotFound(
            _("There is no %(kind)s %(pk)s.") % {"kind": model._meta.verbose_name, "pk": pk}
        )
    if participant is not None and item.participant_id != participant.pk:
        raise ItemNotFound(
            _("%(kind)s %(pk)s is not an item of %(code)s.")
            % {"kind": model._meta.verbose_name, "pk": pk, "code": participant.code}
        )
    return item
