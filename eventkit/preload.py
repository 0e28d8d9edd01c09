"""Load a meeting's people in a fixed number of statements, before a page walks them.

A page that lists 2000 households and asks each person for their household, children,
answer and seat would send one statement per person and relation (issue 13). Calling
`people(event)` first reads each kind of row once and fills the relations between them, so
the walk that follows sends no statement. The relations of objects already in the session
are set to what the database holds (pending changes are flushed by the first statement).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from .extensions import db
from .models import Event, EventTable, Household, Participant, Pupil, Response, Seat


def people(event: Event) -> Event:
    """The meeting with its households (children, answer, carers), people (seat) and tables
    (theme, seats), in seven statements whatever its size; returns the same Event.

    Each kind of row is read once and the relations are filled from those rows: letting
    SQLAlchemy load each relation read the people and households a second and third time,
    which cost most of a second for 2000 households (issue 13)."""
    with no_collection():
        return _people(event)


def _people(event: Event) -> Event:
    persons = db.session.scalars(
        select(Participant).where(Participant.event_id == event.id).order_by(Participant.id)
    ).all()
    households = db.session.scalars(
        select(Household).where(Household.event_id == event.id).order_by(Household.id)
    ).all()
    pupils = db.session.scalars(
        select(Pupil).join(Household).where(Household.event_id == event.id).order_by(Pupil.id)
    ).all()
    responses = db.session.scalars(
        select(Response).join(Household).where(Household.event_id == event.id)
    ).all()
    tables, seats = _tables_and_seats(event)
    _link(event, persons, households, pupils, responses, tables, seats)
    return event


def _link(
    event: Event,
    persons: Sequence[Participant],
    households: Sequence[Household],
    pupils: Sequence[Pupil],
    responses: Sequence[Response],
    tables: Sequence[EventTable],
    seats: Sequence[Seat],
) -> None:
    """Fill every relation between the rows as SQLAlchemy would have loaded it."""
    set_committed_value(event, "participants", list(persons))
    set_committed_value(event, "households", list(households))
    set_committed_value(event, "tables", list(tables))
    by_household = {h.id: h for h in households}
    children: dict[int, list[Pupil]] = {h.id: [] for h in households}
    carers: dict[int, list[Participant]] = {h.id: [] for h in households}
    answers: dict[int, Response] = {r.household_id: r for r in responses}
    for pupil in pupils:
        children[pupil.household_id].append(pupil)
        set_committed_value(pupil, "household", by_household[pupil.household_id])
    for response in responses:
        set_committed_value(response, "household", by_household[response.household_id])
    by_person = {p.id: p for p in persons}
    seat_of: dict[int, Seat] = {}
    at_table: dict[int, list[Seat]] = {t.id: [] for t in tables}
    by_table = {t.id: t for t in tables}
    for seat in seats:
        seat_of[seat.participant_id] = seat
        at_table[seat.table_id].append(seat)
        set_committed_value(seat, "table", by_table[seat.table_id])
        set_committed_value(seat, "participant", by_person.get(seat.participant_id))
    for person in persons:
        household = by_household.get(person.household_id) if person.household_id else None
        if household is not None:
            carers[household.id].append(person)
        set_committed_value(person, "household", household)
        set_committed_value(person, "seat", seat_of.get(person.id))
        set_committed_value(person, "event", event)
    for household in households:
        set_committed_value(household, "pupils", children[household.id])
        set_committed_value(household, "carers", carers[household.id])
        set_committed_value(household, "response", answers.get(household.id))
        set_committed_value(household, "event", event)
    for table in tables:
        set_committed_value(table, "seats", at_table[table.id])
        set_committed_value(table, "event", event)


@contextmanager
def no_collection() -> Iterator[None]:
    """Python's cycle collector paused while thousands of rows become objects: it would
    otherwise walk the growing heap again and again (half the time of the tables board at
    2000 households). Nothing made here is garbage, so nothing waits to be collected.
    Also for other code that reads a big meeting into plain records (grouping.rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tables_and_seats(event: Event) -> tuple[Sequence[EventTable], Sequence[Seat]]:
    """The meeting's tables (with their theme) and their seats: two statements."""
    tables = db.session.scalars(
        select(EventTable)
        .where(EventTable.event_id == event.id)
        .order_by(EventTable.number)
        .options(selectinload(EventTable.theme))
    ).all()
    seats = db.session.scalars(
        select(Seat).join(EventTable).where(EventTable.event_id == event.id).order_by(Seat.id)
    ).all()
    return tables, seats


def seated(event: Event) -> Event:
    """The meeting's tables (theme, seats) and the people seated at them, in four statements:
    what the printed exports need, without the households and answers of everyone invited."""
    tables, seats = _tables_and_seats(event)
    persons = db.session.scalars(
        select(Participant)
        .join(Seat, Seat.participant_id == Participant.id)
        .join(EventTable, EventTable.id == Seat.table_id)
        .where(EventTable.event_id == event.id)
    ).all()
    set_committed_value(event, "tables", list(tables))
    by_person = {p.id: p for p in persons}
    by_table = {t.id: t for t in tables}
    at_table: dict[int, list[Seat]] = {t.id: [] for t in tables}
    for seat in seats:
        at_table[seat.table_id].append(seat)
        set_committed_value(seat, "table", by_table[seat.table_id])
        set_committed_value(seat, "participant", by_person.get(seat.participant_id))
        if seat.participant_id in by_person:
            set_committed_value(by_person[seat.participant_id], "seat", seat)
    for table in tables:
        set_committed_value(table, "seats", at_table[table.id])
        set_committed_value(table, "event", event)
    return event
