"""Privacy (AVG): erase a meeting's people, the retention purge, one household's deletion
and export, the legal hold and replacing a personal link.

Every deletion goes through the shredders (eventkit/privacy/shredders.py). Before a
meeting's people go, the anonymous numbers the report and the overview show are kept in
`Event.kept_numbers`; the agenda, the notes' texts, the evaluation and the public aftercare
page stay. Each deletion leaves one audit entry with numbers only.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import Event, Heartbeat, Household, School, Status, User, new_token
from ..uow import transactional
from .shredders import Scope, shred

PURGE_BEAT = "retention-purge"  # a Heartbeat row: when the daily purge last ran
# After the meeting is closed parents may still follow the aftercare page with their
# personal link for this long; then the link stops working.
LINK_GRACE = timedelta(days=30)


def _detail(counts: dict[str, int]) -> str:
    return " ".join(f"{name}:{count}" for name, count in counts.items() if count)


def keep_numbers(event: Event) -> dict[str, Any]:
    """The anonymous numbers of the meeting, stored before its people are deleted."""
    from ..checkin.services import count_of
    from ..exports.report_data import attendance, by_class

    return {
        "headcount": asdict(count_of(event)),
        "attendance": [asdict(row) for row in attendance(event)],
        "classes": [asdict(row) for row in by_class(event)],
        "invited": len(event.households),
        "present": sum(1 for p in event.participants if p.present),
    }


@transactional
def erase_meeting(
    event: Event, user: User | None, now: datetime, action: str = "erase"
) -> dict[str, int]:
    """Delete every person of the meeting everywhere they are stored; keep the meeting."""
    if event.erased_at is None:
        event.kept_numbers = keep_numbers(event)
    counts = shred(Scope(event))
    event.erased_at = now
    audit.record(user, action, event, _detail(counts))
    return counts


def kept(event: Event, name: str) -> Any:
    """A number kept from an erased meeting (None while its people are still there)."""
    if event.erased_at is None:
        return None
    return (event.kept_numbers or {}).get(name)


# --- retention -------------------------------------------------------------------------


def due_for_purge(now: datetime) -> list[Event]:
    """Closed meetings whose school's retention period has passed, not on hold, not erased."""
    query = (
        select(Event)
        .join(School, School.id == Event.school_id)
        .where(
            Event.status == Status.CLOSED.value,
            Event.closed_at.is_not(None),
            Event.erased_at.is_(None),
            Event.legal_hold.is_(False),
        )
        .order_by(Event.closed_at)
    )
    return [
        event
        for event in db.session.scalars(query)
        if event.closed_at is not None
        and event.closed_at + timedelta(days=event.school.retention_days) <= now
    ]


def purge(now: datetime) -> list[tuple[Event, dict[str, int]]]:
    """Erase the people of every meeting that is due (`eventkit purge`, the worker)."""
    return [(event, erase_meeting(event, None, now, "retention")) for event in due_for_purge(now)]


def purge_daily(now: datetime) -> bool:
    """The worker's idle hook: purge at most once a calendar day (True when it ran)."""
    beat = db.session.get(Heartbeat, PURGE_BEAT)
    if beat is not None and beat.seen_at.date() == now.date():
        return False
    if beat is None:
        beat = Heartbeat(name=PURGE_BEAT)
        db.session.add(beat)
    beat.seen_at = now
    db.session.commit()  # the worker's beat: claimed before the purge, which commits per meeting
    purge(now)
    return True


@transactional
def set_legal_hold(event: Event, user: User, hold: bool, reason: str) -> None:
    event.legal_hold = hold
    event.legal_hold_reason = reason.strip()[:200] if hold else ""
    audit.record(user, "legal_hold", event, "on" if hold else "off")


def purge_date(event: Event) -> datetime | None:
    """When the retention purge will delete the meeting's people (None: not scheduled)."""
    if event.status != Status.CLOSED.value or event.closed_at is None or event.erased_at:
        return None
    return event.closed_at + timedelta(days=event.school.retention_days)


# --- one household ---------------------------------------------------------------------


@transactional
def delete_household(household: Household, user: User, now: datetime) -> dict[str, int]:
    """Delete one household on request with everything that refers to it."""
    event = household.event
    counts = shred(Scope(event, (household.id,)))
    audit.record(user, "household_delete", event, _detail(counts))
    return counts


def household_data(household: Household) -> dict[str, Any]:
    """What eventkit holds about one household, readable by them (the export)."""
    event = household.event
    response = household.response
    seats = {
        p.id: p.seat.table.number for p in household.carers if p.seat is not None
    }  # fmt: skip
    return {
        "meeting": {"title": event.title, "date": event.date.isoformat()},
        "language": household.language,
        "invited_at": _iso(household.invited_at),
        "wants_updates": household.wants_updates,
        "carers": [
            {
                "first_name": p.first_name,
                "last_name": p.last_name,
                "email": p.email,
                "phone": p.phone,
                "language": p.language,
                "present": p.present,
                "checked_in_at": _iso(p.checked_in_at),
                "walk_in": p.walk_in,
                "table": seats.get(p.id),
            }
            for p in sorted(household.carers, key=lambda c: c.id)
        ],
        "children": [
            {
                "first_name": c.first_name,
                "last_name": c.last_name,
                "class": c.class_name,
                "year": c.year,
            }
            for c in household.pupils
        ],
        "answer": None
        if response is None
        else {
            "answer": response.answer,
            "adults": response.adults,
            "child_comes": response.pupil_comes,
            "interpreter": response.interpreter,
            "interpreter_language": response.interpreter_language,
            "childcare": response.childcare,
            "accessibility": response.accessibility,
            "question": response.question,
            "themes": [t.title for t in event.themes if t.id in (response.themes or [])],
            "language": response.language,
            "answered_at": _iso(response.answered_at),
        },
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="minutes") if moment is not None else None


def record_export(household: Household, user: User) -> None:
    audit.record(user, "household_export", household.event, "1")


# --- personal links --------------------------------------------------------------------


@transactional
def reissue_link(household: Household, user: User, now: datetime) -> str:
    """A new personal link for one household: the old one is dead at once. Mail queued
    with the old link goes too (a new letter or mail can go out with the new one)."""
    from .shredders import shred_outbox

    shred_outbox(Scope(household.event, (household.id,)))
    household.token = new_token()
    household.token_reissued_at = now
    audit.record(user, "link_reissue", household.event, "1")
    return household.token


class Ending(Protocol):
    """What ends the personal links: a meeting, or the parents' quick lane's copy of it."""

    @property
    def erased_at(self) -> datetime | None: ...
    @property
    def closed_at(self) -> datetime | None: ...


def link_expired(event: Ending, now: datetime) -> bool:
    """Personal links stop working when the aftercare is over: the meeting closed more than
    LINK_GRACE ago, or its personal data erased."""
    if event.erased_at is not None:
        return True
    return event.closed_at is not None and now >= event.closed_at + LINK_GRACE
