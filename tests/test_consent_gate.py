"""The consent gate decides, per use, what may appear in public."""

from datetime import timedelta

import pytest
from django.utils import timezone

from photovoice.archive.consent import ConsentError, set_review
from photovoice.archive.models import (
    ConsentGiver,
    ModerationStatus,
    PeopleDepicted,
    Photo,
    Scope,
    may_appear,
)
from tests.builders import CURATOR, give_consent, make_participant, make_photo, make_testimony

pytestmark = pytest.mark.django_db


def public_photos(scope=Scope.ARCHIVE):
    return set(Photo.objects.allowed_in(scope))


@pytest.mark.parametrize("scope", list(Scope))
def test_each_scope_is_granted_on_its_own(scope):
    author = make_participant()
    photo = make_photo(author)
    give_consent(author, [scope])
    for other in Scope:
        assert may_appear(photo, other) is (other == scope)


def test_nothing_appears_without_consent():
    photo = make_photo(make_participant())
    assert not may_appear(photo, Scope.ARCHIVE)


def test_items_not_yet_accepted_by_a_curator_stay_hidden():
    author = make_participant()
    give_consent(author)
    waiting = make_photo(author, accepted=False)
    assert not may_appear(waiting, Scope.ARCHIVE)
    set_review(waiting, ModerationStatus.ACCEPTED, actor=CURATOR)
    assert may_appear(waiting, Scope.ARCHIVE)


def test_item_consent_overrides_the_participants_general_consent():
    author = make_participant()
    give_consent(author, [Scope.ARCHIVE, Scope.PRINT])
    narrowed, general = make_photo(author), make_photo(author)
    give_consent(author, [Scope.ARCHIVE], item=narrowed)
    assert may_appear(general, Scope.PRINT)
    assert not may_appear(narrowed, Scope.PRINT)
    assert may_appear(narrowed, Scope.ARCHIVE)


def test_expired_consent_behaves_as_withdrawn_without_anyone_acting():
    author = make_participant()
    photo = make_photo(author)
    give_consent(author, expires_at=timezone.now() + timedelta(days=1))
    assert may_appear(photo, Scope.ARCHIVE)
    assert not may_appear(photo, Scope.ARCHIVE, at=timezone.now() + timedelta(days=2))


@pytest.mark.parametrize(
    ("depicted", "shown"),
    [
        (PeopleDepicted.NONE, True),
        (PeopleDepicted.CONSENTED, True),
        (PeopleDepicted.NOT_CONSENTED, False),
        (PeopleDepicted.UNKNOWN, False),
    ],
)
def test_photo_with_recognisable_people_needs_their_consent(depicted, shown):
    author = make_participant()
    give_consent(author)
    photo = make_photo(author, people_depicted=depicted)
    assert may_appear(photo, Scope.ARCHIVE) is shown


def test_minor_needs_guardian_consent_and_own_assent():
    minor = make_participant(is_minor=True)
    photo = make_photo(minor)
    with pytest.raises(ConsentError):
        give_consent(minor)
    with pytest.raises(ConsentError):
        give_consent(
            minor, given_by=ConsentGiver.GUARDIAN, guardian_name="Parent", minor_assent=False
        )
    give_consent(minor, given_by=ConsentGiver.GUARDIAN, guardian_name="Parent", minor_assent=True)
    assert may_appear(photo, Scope.ARCHIVE)


def test_participant_marked_minor_later_is_hidden_until_a_guardian_agrees():
    author = make_participant()
    photo = make_photo(author)
    give_consent(author)
    author.is_minor = True
    author.save()
    assert not may_appear(photo, Scope.ARCHIVE)


def test_testimonies_pass_the_same_gate():
    author = make_participant()
    testimony = make_testimony(author)
    assert not may_appear(testimony, Scope.PODCAST)
    give_consent(author, [Scope.PODCAST])
    assert may_appear(testimony, Scope.PODCAST)
    assert not may_appear(testimony, Scope.ARCHIVE)


def test_accepting_needs_consent_on_file():
    author = make_participant()
    photo = make_photo(author, accepted=False)
    with pytest.raises(ConsentError):
        set_review(photo, ModerationStatus.ACCEPTED, actor=CURATOR)


def test_listing_query_and_single_item_check_agree():
    author = make_participant()
    give_consent(author, [Scope.ARCHIVE])
    shown = make_photo(author)
    hidden = make_photo(author, people_depicted=PeopleDepicted.NOT_CONSENTED)
    pending = make_photo(author, accepted=False)
    assert public_photos() == {shown}
    assert [may_appear(p, Scope.ARCHIVE) for p in (shown, hidden, pending)] == [True, False, False]
