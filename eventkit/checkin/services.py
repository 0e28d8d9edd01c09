"""The door on the evening: the headcount, the door list with table numbers, checking in.

Checking in is idempotent: "check in" sets present (a double tap or a retried request
changes nothing), "undo" clears it; neither toggles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import paging
from ..domain.headcount import Headcount, Reply, headcount
from ..extensions import db
from ..grouping import services as grouping
from ..invitations import links
from ..models import (
    Answer,
    Event,
    EventTable,
    Household,
    Participant,
    PersonRole,
    Pupil,
    Response,
    Seat,
    Theme,
)  # fmt: skip
from ..uow import transactional


@dataclass(frozen=True)
class DoorRow:
    person: Participant
    children: list[str]
    table: EventTable | None


@dataclass(frozen=True)
class DoorList:
    rows: list[DoorRow]  # this page's
    count: Headcount
    page: paging.Page = paging.page(0, 1)
    letters: list[tuple[str, int]] = field(default_factory=list)  # initials of the list
    letter: str = ""  # the initial shown, or '' for all


@dataclass(frozen=True)
class _Entry:
    """What the door filters and sorts on, read as plain columns: loading 2500 people as
    objects with their households, answers and seats took a second (issue 13)."""

    id: int
    first_name: str
    last_name: str
    role: str
    walk_in: bool
    present: bool
    answer: str | None
    children: list[str]

    @property
    def expected(self) -> bool:
        """On the door's short list: staff and walk-ins; carers when their household said
        yes or maybe (pupils who come along are carers of their household here too)."""
        if self.role == PersonRole.STAFF.value or self.walk_in:
            return True
        return self.answer in (Answer.YES.value, Answer.MAYBE.value)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.last_name.lower(), self.first_name.lower())

    @property
    def search_text(self) -> str:
        return " ".join([self.first_name, self.last_name, *self.children]).lower()


def _entries(event: Event) -> list[_Entry]:
    """Everyone of the meeting as door entries, in two statements."""
    children: dict[int, list[str]] = {}
    for household_id, name in db.session.execute(
        select(Pupil.household_id, Pupil.first_name)
        .join(Household)
        .where(Household.event_id == event.id)
        .order_by(Pupil.id)
    ):
        children.setdefault(household_id, []).append(name)
    rows = db.session.execute(
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.role,
            Participant.walk_in,
            Participant.present,
            Participant.household_id,
            Response.answer,
        )  # fmt: skip
        .outerjoin(Response, Response.household_id == Participant.household_id)
        .where(Participant.event_id == event.id)
    )
    return [
        _Entry(
            id,
            first,
            last,
            role,
            bool(walk_in),
            bool(present),
            answer,
            children.get(household, []) if household and role != PersonRole.STUDENT.value else [],
        )  # fmt: skip
        for id, first, last, role, walk_in, present, household, answer in rows
    ]


def _people(ids: list[int]) -> dict[int, Participant]:
    """The people of one page with their seat, table and theme (four statements)."""
    if not ids:
        return {}
    query = (
        select(Participant)
        .where(Participant.id.in_(ids))
        .options(
            selectinload(Participant.seat).selectinload(Seat.table).selectinload(EventTable.theme)
        )
    )
    return {p.id: p for p in db.session.scalars(query)}


def count_of(event: Event) -> Headcount:
    """The one headcount every page shows (see eventkit.domain.headcount); after the
    meeting's people are deleted, the numbers kept from before (eventkit/privacy)."""
    if event.erased_at is not None and (event.kept_numbers or {}).get("headcount"):
        return Headcount(**event.kept_numbers["headcount"])
    answers = db.session.execute(
        select(Response.answer, Response.adults, Response.pupil_comes, db.func.count(Pupil.id))
        .select_from(Household)
        .outerjoin(Response, Response.household_id == Household.id)
        .outerjoin(Pupil, Pupil.household_id == Household.id)
        .where(Household.event_id == event.id)
        .group_by(Household.id, Response.answer, Response.adults, Response.pupil_comes)
    )
    replies = [
        Reply(None) if answer is None else Reply(answer, adults, max(pupils, 1) if comes else 0)
        for answer, adults, comes, pupils in answers
    ]
    staff = db.session.scalar(
        select(db.func.count())
        .select_from(Participant)
        .where(Participant.event_id == event.id, Participant.role == PersonRole.STAFF.value)
    )
    present = db.session.scalar(
        select(db.func.count())
        .select_from(Participant)
        .where(Participant.event_id == event.id, Participant.present.is_(True))
    )
    return headcount(replies, staff or 0, present or 0)


def door_list(
    event: Event, query: str = "", everyone: bool = False, letter: str = "", page: object = 1
) -> DoorList:
    """The expected (or everyone), found by name or a child's name, sorted by last name,
    one page (and, without a search, one initial) at a time."""
    needle = query.strip().lower()
    entries = [e for e in _entries(event) if everyone or e.expected or e.present]
    if needle:
        entries = [e for e in entries if needle in e.search_text]
    entries.sort(key=lambda e: e.sort_key)
    letters = paging.initials(e.last_name or e.first_name for e in entries)
    if letter and not needle:
        entries = [e for e in entries if paging.initial(e.last_name or e.first_name) == letter]
    shown = paging.page(len(entries), page)
    chosen = shown.of(entries)
    people = _people([e.id for e in chosen])
    rows = [
        DoorRow(person, e.children, person.seat.table if person.seat else None)
        for e in chosen
        if (person := people.get(e.id)) is not None
    ]
    return DoorList(rows, count_of(event), shown, letters, letter if not needle else "")


def participant_of(event: Event, participant_id: int) -> Participant | None:
    person = db.session.get(Participant, participant_id)
    return person if person is not None and person.event_id == event.id else None


@transactional
def check_in(person: Participant, now: datetime) -> None:
    """Idempotent: a second check-in keeps the first time."""
    if not person.present:
        person.present, person.checked_in_at = True, now


@transactional
def undo_check_in(person: Participant) -> None:
    person.present, person.checked_in_at = False, None


def household_at_door(event: Event, token: str) -> Household | None:
    """The household of a scanned invitation, if it belongs to this school's meeting."""
    if not links.plausible_token(token):
        return None
    household = db.session.scalar(select(Household).where(links.household_with(token)))
    return household if household is not None and household.event_id == event.id else None


@transactional
def household_people(household: Household) -> list[Participant]:
    """Its carers and, when the pupil comes along, its pupils as participants (made here
    once, so they can be checked in and seated like everyone else)."""
    grouping.ensure_students_of(household)
    return sorted(household.carers, key=lambda p: (p.role != PersonRole.PARENT.value, p.name))


@dataclass(frozen=True)
class WalkIn(grouping.Arrival):
    """A walk-in at the door: the board's late arrival plus their child's class."""

    class_name: str = ""


def classes_of(event: Event) -> list[tuple[str, str]]:
    """The meeting's classes with their school year: (class, year)."""
    rows = db.session.execute(
        select(Pupil.class_name, Pupil.year)
        .join(Household)
        .where(Household.event_id == event.id, Pupil.class_name != "")
        .distinct()
    )
    years: dict[str, str] = {}
    for class_name, year in rows:
        years[class_name] = years.get(class_name) or year
    return sorted(years.items())


@transactional
def walk_in(event: Event, draft: WalkIn) -> tuple[Participant, EventTable | None, str]:
    """Someone at the door without an invitation: present at once and seated without moving
    anyone (when the meeting has tables). A parent's child's class becomes a household
    with one (unnamed) pupil, so the tables can mix school years. Returns the person, their
    table and the engine's message when no seat could be found. One transaction: the
    person, their household and their seat are stored together or not at all."""
    year = dict(classes_of(event)).get(draft.class_name, "")
    person = Participant(
        event=event,
        first_name=draft.first_name,
        last_name=draft.last_name,
        role=draft.role,
        language=draft.language,
        can_facilitate=draft.can_facilitate and draft.role == PersonRole.STAFF.value,
        present=True,
        walk_in=True,
    )
    db.session.add(person)
    if draft.class_name and draft.role != PersonRole.STAFF.value:
        household = Household(event=event, language=draft.language)
        db.session.add(household)
        household.pupils.append(Pupil(first_name="", class_name=draft.class_name, year=year))
        person.household = household
    if not event.tables:
        return person, None, ""
    result = grouping.add_walk_in(event, person)
    seat = grouping.seat_of(event, person.id)
    return person, seat.table if seat else None, "" if seat else result.message


@dataclass(frozen=True)
class TableCount:
    number: int
    theme: str
    present: int
    seated: int


def live_counts(event: Event) -> tuple[Headcount, list[TableCount]]:
    """Present / expected and, per table, how many of its seated people are present."""
    return count_of(event), table_counts(event)


def table_counts(event: Event) -> list[TableCount]:
    """Per table, how many of its seated people are present (three statements)."""
    present = db.func.sum(db.case((Participant.present.is_(True), 1), else_=0))
    rows = db.session.execute(
        select(EventTable.number, Theme.title, present, db.func.count(Seat.id))
        .select_from(EventTable)
        .outerjoin(Theme, Theme.id == EventTable.theme_id)
        .outerjoin(Seat, Seat.table_id == EventTable.id)
        .outerjoin(Participant, Participant.id == Seat.participant_id)
        .where(EventTable.event_id == event.id)
        .group_by(EventTable.id, EventTable.number, Theme.title)
        .order_by(EventTable.number)
    )
    return [
        TableCount(number, title or "", int(present or 0), seated)
        for number, title, present, seated in rows
    ]
