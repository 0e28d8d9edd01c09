"""A meeting's people, tables and seats as plain rows, for the tables board (issue 13).

The board of a big school shows 2000 people. Loading them as ORM objects with their
households, children and answers cost more than the whole page may take; the board only
reads them, so here they are read as columns, in five statements whatever the meeting's
size, into small frozen records. The same records are made from ORM objects
(`person_row`), so the engine sees a person the same way from either side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import select

from ..extensions import db
from ..models import (
    Answer,
    EventTable,
    Household,
    Participant,
    PersonRole,
    Pupil,
    Response,
    Seat,
    Theme,
)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One participant as the board and the grouping engine see them. `year` and `klass`
    are those of the household's first child; None for staff and people without one."""

    id: int
    first_name: str
    last_name: str
    role: PersonRole
    language: str
    household_id: int | None
    facilitator: bool
    year: str | None
    klass: str | None
    themes: tuple[int, ...]  # the household's answer: theme ids, first choice first
    mentor_of: tuple[str, ...]
    present: bool
    walk_in: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def child(self) -> str:
        """The child's class, or school year when the class is unknown ('' without one)."""
        return self.klass or self.year or ""

    def rank(self, theme_id: int | None) -> int:
        """1 when the theme is the household's first choice, 2 its second; 0: not chosen."""
        if theme_id is None or theme_id not in self.themes:
            return 0
        return self.themes.index(theme_id) + 1


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """A household's answer, as far as who comes to the evening depends on it."""

    id: int
    answer: Answer | None
    adults: int
    pupil_comes: bool


@dataclass(frozen=True, slots=True)
class TableRow:
    id: int
    number: int
    theme_id: int | None
    theme_title: str
    min_size: int
    max_size: int


@dataclass(frozen=True, slots=True)
class SeatRow:
    participant_id: int
    table_id: int
    pinned: bool


@dataclass(frozen=True)
class Meeting:
    """Everyone of a meeting (in id order), its households, tables (by number) and seats."""

    people: list[PersonRow]
    households: list[HouseholdRow]
    tables: list[TableRow]
    seats: list[SeatRow]

    @property
    def door_open(self) -> bool:
        """Anyone checked in at the door: from then on the people present are grouped."""
        return any(p.present for p in self.people)


def person_row(participant: Participant) -> PersonRow:
    """The record of a participant loaded as an ORM object (with household, children and
    answer): what the engine's input is made from when groups are made."""
    household = participant.household
    child = household.pupils[0] if household and household.pupils else None
    response = household.response if household else None
    staff = participant.role == PersonRole.STAFF
    return PersonRow(
        id=participant.id,
        first_name=participant.first_name,
        last_name=participant.last_name,
        role=participant.role,
        language=participant.language,
        household_id=participant.household_id,
        facilitator=participant.leads_table,
        year=None if staff or child is None else child.year,
        klass=None if staff or child is None else child.class_name,
        themes=tuple(response.themes or ()) if response else (),
        mentor_of=tuple(participant.mentor_of or ()),
        present=bool(participant.present),
        walk_in=bool(participant.walk_in),
    )


def meeting(event_id: int) -> Meeting:
    """Read the meeting's rows: five statements, no ORM objects."""
    households, themes = _households(event_id)
    people = _people(event_id, themes, _first_children(event_id))
    return Meeting(people, households, _tables(event_id), _seats(event_id))


def _households(event_id: int) -> tuple[list[HouseholdRow], dict[int, tuple[int, ...]]]:
    """The households with their answer (if any), and each answering household's themes."""
    query = (
        select(Household.id, Response.answer, Response.adults, Response.pupil_comes,
               Response.themes)
        .outerjoin(Response, Response.household_id == Household.id)
        .where(Household.event_id == event_id)
        .order_by(Household.id)
    )  # fmt: skip
    households, themes = [], {}
    for household_id, answer, adults, pupil_comes, chosen in db.session.execute(query):
        households.append(HouseholdRow(household_id, answer, adults or 0, bool(pupil_comes)))
        if chosen:
            themes[household_id] = tuple(chosen)
    return households, themes


def _first_children(event_id: int) -> dict[int, tuple[str, str]]:
    """household id -> (year, class) of its first child (in id order, as the ORM has them)."""
    query = (
        select(Pupil.household_id, Pupil.year, Pupil.class_name)
        .join(Household, Household.id == Pupil.household_id)
        .where(Household.event_id == event_id)
        .order_by(Pupil.id.desc())
    )
    # Read last to first: the first child of a household is the one written last.
    return {household_id: (year, klass) for household_id, year, klass in db.session.execute(query)}


def _people(
    event_id: int, themes: dict[int, tuple[int, ...]], children: dict[int, tuple[str, str]]
) -> list[PersonRow]:
    query = (
        select(Participant.id, Participant.first_name, Participant.last_name, Participant.role,
               Participant.language, Participant.household_id, Participant.can_facilitate,
               Participant.mentor_of, Participant.present, Participant.walk_in)
        .where(Participant.event_id == event_id)
        .order_by(Participant.id)
    )  # fmt: skip
    people = []
    found = db.session.execute(query)
    for pid, first, last, role, language, household, can_lead, mentor, present, walk_in in found:
        staff = role == PersonRole.STAFF
        child = None if staff or household is None else children.get(household)
        people.append(
            PersonRow(
                id=pid, first_name=first, last_name=last, role=role, language=language,
                household_id=household, facilitator=staff and bool(can_lead),
                year=child[0] if child else None, klass=child[1] if child else None,
                themes=themes.get(household, ()) if household else (),
                mentor_of=tuple(mentor or ()), present=bool(present), walk_in=bool(walk_in),
            )
        )  # fmt: skip
    return people


def _tables(event_id: int) -> list[TableRow]:
    query = (
        select(EventTable.id, EventTable.number, EventTable.theme_id, Theme.title,
               EventTable.min_size, EventTable.max_size)
        .outerjoin(Theme, Theme.id == EventTable.theme_id)
        .where(EventTable.event_id == event_id)
        .order_by(EventTable.number)
    )  # fmt: skip
    return [
        TableRow(table_id, number, theme_id, title or "", min_size, max_size)
        for table_id, number, theme_id, title, min_size, max_size in db.session.execute(query)
    ]


def _seats(event_id: int) -> list[SeatRow]:
    query = (
        select(Seat.participant_id, Seat.table_id, Seat.pinned)
        .join(EventTable, EventTable.id == Seat.table_id)
        .where(EventTable.event_id == event_id)
        .order_by(Seat.id)
    )
    return [SeatRow(pid, tid, bool(pinned)) for pid, tid, pinned in db.session.execute(query)]


def expected(meeting: Meeting) -> list[PersonRow]:
    """Who is grouped, as `services.people_of` says it for ORM objects: the people present
    once the door has checked anyone in; before that the staff, walk-ins and the carers
    (and pupils) of households that said yes."""
    if meeting.door_open:
        return [p for p in meeting.people if p.present]
    carers: dict[int, list[PersonRow]] = {}
    for person in meeting.people:
        if person.household_id is not None:
            carers.setdefault(person.household_id, []).append(person)
    chosen = [p for p in meeting.people if p.role == PersonRole.STAFF]
    chosen += [p for p in meeting.people if p.walk_in]
    for h in meeting.households:
        if h.answer == Answer.YES:
            chosen += coming(carers.get(h.id, []), h.adults, h.pupil_comes)
    return list(dict.fromkeys(chosen))


class _Carer(Protocol):
    @property
    def role(self) -> PersonRole: ...


C = TypeVar("C", bound=_Carer)


def coming(carers: Sequence[C], adults: int, pupil_comes: bool) -> list[C]:
    """Who of a household that said yes comes: as many parents as the adults it announced
    (at least one), and its pupils when they come along. One rule for ORM objects and rows."""
    parents = [c for c in carers if c.role == PersonRole.PARENT][: max(adults, 1)]
    students = [c for c in carers if c.role == PersonRole.STUDENT]
    return parents + (students if pupil_comes else [])
