"""How an episode that reuses a testimony follows the consent gate.

Nothing here decides what is public: :meth:`EpisodePage.withheld_reason` and
:meth:`EpisodeQuerySet.in_feed` ask the archive's gate
(``may_appear`` / ``allowed_in(Scope.PODCAST)``); this module only answers for
what the gate refused and names participants the way the archive does.
"""

from photovoice.archive.models import AudioTestimony, Scope, Tombstone, credit_for
from photovoice.archive.public import is_anonymous, refuse, removal_notice, with_credit


def refuse_episode(request, episode):
    """410 "removed at the author's request" for an episode whose testimony's
    podcast consent ended or that was erased; 404 when it never had consent."""
    from .models import WithheldReason

    reason = episode.withheld_reason()
    show = episode.get_parent()
    if reason == WithheldReason.ERASED or episode.testimony is None:
        return removal_notice(request, show)
    testimony = episode.testimony
    return refuse(request, Tombstone.for_item(testimony), [testimony], [Scope.PODCAST], show)


def credited_name(testimony: AudioTestimony) -> str:
    """The participant's public name for this testimony, or "" when they
    chose to stay anonymous (then no ``podcast:person`` names them)."""
    annotated = with_credit(AudioTestimony.objects.filter(pk=testimony.pk)).first()
    if annotated is None or is_anonymous(annotated):
        return ""
    return credit_for(testimony)
