"""The list of a meeting's participants, with its filters and counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ...domain import people
from ...extensions import db
from ...models import Event, Household, NamedPerson, Participant, PersonRole, Pupil, Response

RESPONSE_NONE = "none"


@dataclass(frozen=True)
class Filters:
    q: str = ""
    role: str = ""
    class_name: str = ""
    year: str = ""
    language: str = ""
    response: str = ""
    # The search also finds e-mail addresses and phone numbers; not for facilitators, who
    # do not see contact data (a hit would tell them an address).
    by_contact: bool = True

    @classmethod
    def from_args(cls, args: Any, by_contact: bool = True) -> Filters:
        texts = {name: (args.get(name) or "").strip() for name in FILTER_NAMES}
        return cls(**texts, by_contact=by_contact)

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in FILTER_NAMES)


FILTER_NAMES = ("q", "role", "class_name", "year", "language", "response")


@dataclass(frozen=True)
class PersonInfo(NamedPerson):
    """What the list shows of a participant, read as plain columns: loading 2500 people as
    objects with their households, children and answers took most of a second (issue 13)."""

    id: int
    first_name: str
    last_name: str
    role: str
    function: str
    can_facilitate: bool
    email: str
    phone: str
    language: str
    mentor_of: list[str]
    household_id: int | None
    household_language: str | None


@dataclass(frozen=True)
class PupilInfo:
    first_name: str
    last_name: str
    class_name: str
    year: str


@dataclass(frozen=True)
class PersonRow:
    person: PersonInfo
    pupils: list[PupilInfo]
    answer: str  # yes / no / maybe, or '' when the household has not answered

    @property
    def classes(self) -> list[str]:
        if self.person.role == PersonRole.STAFF.value:
            return list(self.person.mentor_of)
        return sorted({p.class_name for p in self.pupils if p.class_name})


def rows(event: Event) -> list[PersonRow]:
    """Everyone of the meeting, staff first, by last name (two statements)."""
    pupils: dict[int, list[PupilInfo]] = {}
    for household_id, *fields in db.session.execute(
        select(Pupil.household_id, Pupil.first_name, Pupil.last_name, Pupil.class_name, Pupil.year)
        .join(Household)
        .where(Household.event_id == event.id)
        .order_by(Pupil.id)
    ):
        pupils.setdefault(household_id, []).append(PupilInfo(*fields))
    query = (
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.role,
            Participant.function,
            Participant.can_facilitate,
            Participant.email,
            Participant.phone,
            Participant.language,
            Participant.mentor_of,
            Participant.household_id,
            Household.language,
            Response.answer,
        )  # fmt: skip
        .outerjoin(Household, Household.id == Participant.household_id)
        .outerjoin(Response, Response.household_id == Participant.household_id)
        .where(Participant.event_id == event.id)
        .order_by(Participant.role, Participant.last_name, Participant.first_name)
    )
    result = []
    for (pid, first, last, role, function, facilitates, email, phone, language, mentor_of,
         household_id, household_language, answer) in db.session.execute(query):  # fmt: skip
        person = PersonInfo(
            pid, first, last, role, function, bool(facilitates), email, phone, language,
            list(mentor_of or []), household_id, household_language,
        )  # fmt: skip
        result.append(PersonRow(person, pupils.get(person.household_id or 0, []), answer or ""))
    return result


def matches(row: PersonRow, filters: Filters) -> bool:
    person = row.person
    if filters.role and person.role != filters.role:
        return False
    if filters.language and person.language != filters.language:
        return False
    if filters.class_name and filters.class_name.casefold() not in {
        c.casefold() for c in row.classes
    }:
        return False
    if filters.year and filters.year not in {p.year for p in row.pupils}:
        return False
    if filters.response and (
        person.role != PersonRole.PARENT.value or (row.answer or RESPONSE_NONE) != filters.response
    ):
        return False
    return not filters.q or _found(row, filters.q, filters.by_contact)


def _found(row: PersonRow, q: str, by_contact: bool = True) -> bool:
    words = [row.person.name, row.person.function]
    if by_contact:
        words += [row.person.email, row.person.phone]
    words += [p.first_name + " " + p.last_name for p in row.pupils]
    text = people.plain(" ".join(words))
    return all(part in text for part in people.plain(q).split())


@dataclass(frozen=True)
class Overview:
    rows: list[PersonRow]
    shown: list[PersonRow]
    classes: list[str]
    years: list[str]
    languages: list[str]

    def count(self, role: str) -> int:
        return sum(1 for r in self.rows if r.person.role == role)

    @property
    def households(self) -> int:
        return len({r.person.household_id for r in self.rows if r.person.household_id})

    def answered(self, answer: str) -> int:
        seen = {r.person.household_id: r.answer for r in self.rows if r.person.household_id}
        return sum(1 for a in seen.values() if (a or RESPONSE_NONE) == answer)


def overview(event: Event, filters: Filters) -> Overview:
    everyone = rows(event)
    classes = sorted({c for r in everyone for c in r.classes}, key=_natural)
    years = sorted({p.year for r in everyone for p in r.pupils if p.year}, key=_natural)
    languages = sorted({r.person.language for r in everyone if r.person.language})
    shown = [r for r in everyone if matches(r, filters)]
    return Overview(everyone, shown, classes, years, languages)


def _natural(text: str) -> tuple[int, str]:
    digits = "".join(c for c in text if c.isdigit())
    return (int(digits) if digits else 0, text.casefold())
