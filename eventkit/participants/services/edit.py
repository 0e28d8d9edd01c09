"""Participants added, changed and removed by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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


def _person_fields(person: Participant, fields: dict[str, Any]) -> None:
    for name in ("first_name", "last_name", "phone", "function"):
        if name in fields:
            setattr(person, name, people.clean(fields[name] or ""))
    person.email = people.normal_email(fields.get("email") or "")
    if "language" in fields:
        person.language = fields["language"] or people.DEFAULT_LANGUAGE


def save_parent(
    event: Event,
    person: Participant | None,
    fields: dict[str, Any],
    children: Sequence[ChildFields] | None,
    household: Household | None = None,
) -> Participant:
    """Add or change a carer and the children of their household.

    A new carer joins `household`, or gets a new one when it is None; children None
    leaves the household's children as they are (a second carer added to a household)."""
    email = people.normal_email(fields.get("email") or "")
    other = email_taken(event, email, PersonRole.PARENT.value, person)
    if other:
        raise PersonError("email", other)
    if person is None:
        household = household or Household(event=event, language=fields.get("language") or "nl")
        person = Participant(event=event, role=PersonRole.PARENT.value, household=household)
        db.session.add(person)
    _person_fields(person, fields)
    if person.household is not None and "language" in fields:
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


def save_staff(event: Event, person: Participant | None, fields: dict[str, Any]) -> Participant:
    email = people.normal_email(fields.get("email") or "")
    other = email_taken(event, email, PersonRole.STAFF.value, person)
    if other:
        raise PersonError("email", other)
    if person is None:
        person = Participant(event=event, role=PersonRole.STAFF.value)
        db.session.add(person)
    _person_fields(person, fields)
    person.can_facilitate = bool(fields.get("can_facilitate"))
    person.mentor_of = people.class_list(fields.get("mentor_of") or "")
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
