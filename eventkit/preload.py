"""Load a meeting's people in a fixed number of statements, before a page walks them.

A page that lists 2000 households and asks each person for their household, children,
answer and seat would send one statement per person and relation (issue 13). Calling
`people(event)` first fills SQLAlchemy's identity map and each of those relations with one
statement per kind of row, so the walk that follows sends none. Objects already in the
session keep their state; call it before the page touches the people, because SQLAlchemy
does not eager-load a relation of an object that was already loaded.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .extensions import db
from .models import Event, EventTable, Household, Participant


def people(event: Event) -> Event:
    """The meeting with its households (children, answer, carers), people (seat) and tables
    (theme, seats), in twelve statements whatever its size; returns the same Event."""
    # Kept in local lists: the session holds objects weakly until the Event's collections do.
    persons = db.session.scalars(
        select(Participant)
        .where(Participant.event_id == event.id)
        .options(selectinload(Participant.seat))
    ).all()
    households = db.session.scalars(
        select(Household)
        .where(Household.event_id == event.id)
        .options(
            selectinload(Household.pupils),
            selectinload(Household.response),
            selectinload(Household.carers),
        )
    ).all()
    tables = db.session.scalars(
        select(EventTable)
        .where(EventTable.event_id == event.id)
        .options(selectinload(EventTable.theme), selectinload(EventTable.seats))
    ).all()
    loaded = db.session.scalars(
        select(Event)
        .where(Event.id == event.id)
        .options(
            selectinload(Event.households),
            selectinload(Event.participants),
            selectinload(Event.tables),
        )
    ).one()
    del persons, households, tables  # now held by the meeting's collections
    return loaded
