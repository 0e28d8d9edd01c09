"""One shredder per kind of personal data (after pretix's data shredder).

Erasing a meeting's people, the retention purge and deleting one household on request all
run the same shredders, so a place that stores personal data is added here once and every
kind of deletion reaches it. A shredder gets a Scope (the whole meeting, or some of its
households), deletes or blanks what it holds about those people and returns how many rows
or files it touched; the caller commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, select, update

from .. import audit
from ..extensions import db
from ..models import (
    Event,
    GroupingStatus,
    Household,
    Job,
    NoteEntry,
    OutboxMessage,
    Participant,
    Pupil,
    Response,
    Seat,
)
from ..participants import uploads


@dataclass(frozen=True)
class Scope:
    """Whose data goes: every person of the meeting, or only these households' people."""

    event: Event
    household_ids: tuple[int, ...] | None = None

    @property
    def whole(self) -> bool:
        return self.household_ids is None

    def people(self) -> list[Participant]:
        query = select(Participant).where(Participant.event_id == self.event.id)
        if self.household_ids is not None:
            query = query.where(Participant.household_id.in_(self.household_ids))
        return list(db.session.scalars(query))

    def households(self) -> list[int]:
        if self.household_ids is not None:
            return list(self.household_ids)
        query = select(Household.id).where(Household.event_id == self.event.id)
        return list(db.session.scalars(query))


def shred_outbox(scope: Scope) -> int:
    """Queued and sent mail: names, addresses and personal links in every body."""
    query = delete(OutboxMessage).where(OutboxMessage.event_id == scope.event.id)
    if not scope.whole:
        addresses = {p.email.strip().lower() for p in scope.people() if p.email.strip()}
        if not addresses:
            return 0
        query = query.where(func.lower(OutboxMessage.to_address).in_(addresses))
    return int(db.session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def shred_jobs(scope: Scope) -> int:
    """Documents made in the background (Word invitations, lists): they hold names and
    links. One household: every document of the meeting goes (the team makes them again)."""
    query = delete(Job).where(Job.event_id == scope.event.id)
    if not scope.whole:
        query = query.where(Job.result.is_not(None))
    return int(db.session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def upload_folder() -> Path:
    config = current_app.config.get("EVENTKIT_IMPORT_DIR")
    return uploads.folder(current_app.instance_path, config)


def shred_uploads(scope: Scope) -> int:
    """Spreadsheets waiting for the import's confirmation: every one of the meeting (a file
    cannot be cut down to one household)."""
    return uploads.discard_event(upload_folder(), scope.event.id)


def shred_note_authors(scope: Scope) -> int:
    """The author labels on table notes (a first name, typed on the evening); the notes'
    texts are the meeting's outcome and stay. One household: labels that are its name."""
    query = update(NoteEntry).where(NoteEntry.event_id == scope.event.id, NoteEntry.author != "")
    if not scope.whole:
        names = {
            name.strip().lower()
            for p in scope.people()
            for name in (p.first_name, p.name)
            if name.strip()
        }
        if not names:
            return 0
        query = query.where(func.lower(NoteEntry.author).in_(names))
    result = db.session.execute(query.values(author=""))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def shred_seats(scope: Scope) -> int:
    ids = [p.id for p in scope.people()]
    if not ids:
        return 0
    result = db.session.execute(delete(Seat).where(Seat.participant_id.in_(ids)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def shred_people(scope: Scope) -> int:
    """Carers, staff and walk-ins, households, their pupils and answers."""
    households = scope.households()
    people = [p.id for p in scope.people()]
    if people:
        db.session.execute(delete(Participant).where(Participant.id.in_(people)))
    if households:
        db.session.execute(delete(Response).where(Response.household_id.in_(households)))
        db.session.execute(delete(Pupil).where(Pupil.household_id.in_(households)))
        db.session.execute(delete(Household).where(Household.id.in_(households)))
    if scope.whole:
        scope.event.grouping_status, scope.event.grouping_bound = GroupingStatus.NONE, None
    db.session.expire(scope.event, ["participants", "households"])
    return len(people) + len(households)


def shred_audit(scope: Scope) -> int:
    """The meeting's audit entries (they name no family, but go with the rest). One
    household leaves them: they hold nothing about it."""
    if not scope.whole:
        return 0
    return audit.purge(scope.event)


Shredder = Callable[[Scope], int]

# In this order: what finds people by their name or address runs before they are deleted.
SHREDDERS: dict[str, Shredder] = {
    "outbox": shred_outbox,
    "jobs": shred_jobs,
    "uploads": shred_uploads,
    "note_authors": shred_note_authors,
    "seats": shred_seats,
    "people": shred_people,
    "audit": shred_audit,
}


def shred(scope: Scope) -> dict[str, int]:
    """Run every shredder; what each removed (numbers only: fit for the audit log)."""
    return {name: shredder(scope) for name, shredder in SHREDDERS.items()}
