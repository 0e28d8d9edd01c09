"""The door on the evening: the headcount, the door list with table numbers, checking in.

Checking in is idempotent: "check in" sets present (a double tap or a retried request
changes nothing), "undo" clears it; neither toggles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.headcount import Headcount, Reply, headcount
from ..extensions import db
from ..grouping import services as grouping
from ..invitations import links
from ..models import Answer, Event, EventTable, Household, Participant, PersonRole, Pupil, Seat
from ..uow import transactional


@dataclass(frozen=True)
class DoorRow:
    person: Participant
    children: list[str]
    table: EventTable | None


@dataclass(frozen=True)
class DoorList:
    rows: list[DoorRow]
    count: Headcount


def _participants(event: Event) -> list[Participant]:
    """Everyone of the meeting with what the door shows, in a fixed number of queries."""
    query = (
        select(Participant)
        .where(Participant.event_id == event.id)
        .options(
            selectinload(Participant.household).selectinload(Household.pupils),
            selectinload(Participant.household).selectinload(Household.response),
            selectinload(Participant.seat).selectinload(Seat.table).selectinload(EventTable.theme),
        )
    )
    return list(db.session.scalars(query))


def count_of(event: Event) -> Headcount:
    """The one headcount every page shows (see eventkit.domain.headcount); after the
    meeting's people are deleted, the numbers kept from before (eventkit/privacy)."""
    if event.erased_at is not None and (event.kept_numbers or {}).get("headcount"):
        return Headcount(**event.kept_numbers["headcount"])
    households = db.session.scalars(
        select(Household)
        .where(Household.event_id == event.id)
        .options(selectinload(Household.response), selectinload(Household.pupils))
    )
    replies = [_reply(h) for h in households]
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


def _reply(household: Household) -> Reply:
    response = household.response
    if response is None:
        return Reply(None)
    pupils = max(len(household.pupils), 1) if response.pupil_comes else 0
    return Reply(response.answer, response.adults, pupils)


def expected(participant: Participant) -> bool:
    """On the door's short list: staff and walk-ins; carers when their household said yes
    or maybe; pupils who come along."""
    if participant.role == PersonRole.STAFF.value or participant.walk_in:
        return True
    response = participant.household.response if participant.household else None
    return response is not None and response.answer in (Answer.YES.value, Answer.MAYBE.value)


def door_list(event: Event, query: str = "", everyone: bool = False) -> DoorList:
    needle = query.strip().lower()
    people = [p for p in _participants(event) if everyone or expected(p) or p.present]
    if needle:
        people = [p for p in people if needle in _search_text(p)]
    people.sort(key=lambda p: (p.last_name.lower(), p.first_name.lower()))
    rows = [DoorRow(p, _children(p), p.seat.table if p.seat else None) for p in people]
    return DoorList(rows=rows, count=count_of(event))


def _children(person: Participant) -> list[str]:
    if person.household is None or person.role == PersonRole.STUDENT.value:
        return []
    return [c.first_name for c in person.household.pupils]


def _search_text(person: Participant) -> str:
    names = [person.first_name, person.last_name, *_children(person)]
    return " ".join(names).lower()


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
    grouping.ensure_students(household.event)
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
    tables = db.session.scalars(
        select(EventTable)
        .where(EventTable.event_id == event.id)
        .order_by(EventTable.number)
        .options(
            selectinload(EventTable.seats).selectinload(Seat.participant),
            selectinload(EventTable.theme),
        )
    )
    rows = [
        TableCount(
            t.number,
            t.theme.title if t.theme else "",
            sum(1 for s in t.seats if s.participant.present),
            len(t.seats),
        )
        for t in tables
    ]
    return rows
