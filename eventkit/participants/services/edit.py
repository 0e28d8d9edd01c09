"""Participants added, changed and removed by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from ...domain import people
from ...extensions import db
from ...models import Event, Household, Participant, PersonRole, Pupil


class PersonError(ValueError):
    """A person that cannot be saved as given; `field` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class ChildFields:
    first_name: str
    last_name: str = ""
    class_name: str = ""
    year: str = ""
    pupil_id: int = 0  # an existing pupil of the household, or 0 for a new one


@dataclass(frozen=True)
class ParentData:
    """A carer as the form gives them; the service cleans names and the e-mail address."""

    first_name: str
    last_name: str = ""
    email: str = ""
    phone: str = ""
    language: str = people.DEFAULT_LANGUAGE


@dataclass(frozen=True)
class StaffData:
    """A staff member as the form gives them; mentor_of holds the classes, split already."""

    first_name: str
    last_name: str = ""
    email: str = ""
    phone: str = ""
    function: str = ""
    can_facilitate: bool = False
    mentor_of: tuple[str, ...] = ()


def email_taken(event: Event, email: str, role: str, person: Participant | None) -> str:
    """The name of another participant with this role and e-mail, or ''."""
    if not email:
        return ""
    query = select(Participant).where(
        Participant.event_id == event.id,
        Participant.role == role,
        Participant.email == email,
    )
    for other in db.session.scalars(query):
        if person is None or other.id != person.id:
            return other.name
    return ""


def _person_fields(person: Participant, data: ParentData | StaffData) -> None:
    person.first_name = people.clean(data.first_name)
    person.last_name = people.clean(data.last_name)
    person.phone = people.clean(data.phone)
    person.email = people.normal_email(data.email)


def save_parent(
    event: Event,
    person: Participant | None,
    data: ParentData,
    children: Sequence[ChildFields] | None,
    household: Household | None = None,
) -> Participant:
    """Add or change a carer and the children of their household.

    A new carer joins `household`, or gets a new one when it is None; children None
    leaves the household's children as they are (a second carer added to a household)."""
    email = people.normal_email(data.email)
    other = email_taken(event, email, PersonRole.PARENT.value, person)
    if other:
        raise PersonError("email", other)
    if person is None:
        household = household or Household(event=event, language=data.language or "nl")
        person = Participant(event=event, role=PersonRole.PARENT.value, household=household)
        db.session.add(person)
    _person_fields(person, data)
    person.language = data.language or people.DEFAULT_LANGUAGE
    if person.household is not None:
        person.household.language = person.language  # the letters follow the carer's language
    if person.household is not None and children is not None:
        _save_children(person.household, children)
    db.session.commit()
    return person


def _save_children(household: Household, children: Sequence[ChildFields]) -> None:
    """Set the household's children to the given list (existing ones by id)."""
    existing = {pupil.id: pupil for pupil in household.pupils}
    keep = []
    for child in children:
        if not people.clean(child.first_name):
            continue
        pupil = existing.get(child.pupil_id) or Pupil()
        pupil.first_name = people.clean(child.first_name)
        pupil.last_name = people.clean(child.last_name)
        pupil.class_name = people.clean(child.class_name)
        pupil.year = people.clean(child.year)
        keep.append(pupil)
    household.pupils[:] = keep


def save_staff(event: Event, person: Participant | None, data: StaffData) -> Participant:
    email = people.normal_email(data.email)
    other = email_taken(event, email, PersonRole.STAFF.value, person)
    if other:
        raise PersonError("email", other)
    if person is None:
        person = Participant(event=event, role=PersonRole.STAFF.value)
        db.session.add(person)
    _person_fields(person, data)
    person.function = people.clean(data.function)
    person.can_facilitate = data.can_facilitate
    person.mentor_of = list(data.mentor_of)
    db.session.commit()
    return person


def delete_participant(person: Participant) -> bool:
    """Remove a person; the last carer of a household takes the household (and its children
    and answer) along. True when the household went too."""
    household = person.household
    last = household is not None and all(c.id == person.id for c in household.carers)
    db.session.delete(person)
    if last:
        db.session.delete(household)
    db.session.commit()
    return last
