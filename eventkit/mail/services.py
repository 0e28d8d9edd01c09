"""Who gets which mail: staff and parent invitations, updates, cancellation, reminders.

Every mail has a dedupe key `kind:event:participant[:detail]`, so pressing a button twice,
or a worker queueing the daily reminders again, adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from ..clock import school_today
from ..extensions import db
from ..models import (
    Answer,
    Event,
    Household,
    OutboxMessage,
    Participant,
    PersonRole,
    Response,
    Status,
    utcnow,
)
from ..uow import transactional
from . import outbox
from .letters import CANCELLATION, INVITATION, NUDGE, REMINDER, UPDATE, compose

ACTIONS = ("staff", "parents", "remind")
# Meetings in these states get no reminders.
PAST_OR_OFF = (Status.HELD.value, Status.AFTERCARE.value, Status.CLOSED.value,
               Status.CANCELLED.value)  # fmt: skip
# Invitations in these states have reached the person (or are on their way).
REACHED = (outbox.SENDING, outbox.SENT)
# An invitation mail in these states counts as an invitation.
INVITED = (outbox.QUEUED, outbox.SENDING, outbox.SENT)


@dataclass(frozen=True)
class Target:
    person: Participant
    kind: str
    key: str


def key(kind: str, event: Event, person: Participant, detail: str = "") -> str:
    return _key(kind, event.id, person.id, detail)


def _key(kind: str, event_id: int, person_id: int, detail: str = "") -> str:
    return f"{kind}:{event_id}:{person_id}" + (f":{detail}" if detail else "")


def staff_recipients(event: Event) -> list[Participant]:
    return [p for p in _people(event) if p.role == PersonRole.STAFF.value]


def parent_recipients(event: Event) -> list[Participant]:
    return [p for p in _people(event) if p.role == PersonRole.PARENT.value and p.household_id]


def _people(event: Event) -> list[Participant]:
    """Everyone with an address, with their household (one statement more, not one per
    person: who was invited on paper is read from it)."""
    query = (
        select(Participant)
        .where(Participant.event_id == event.id, Participant.email != "")
        .options(selectinload(Participant.household))
    )
    return list(db.session.scalars(query.order_by(Participant.last_name, Participant.id)))


# --- what each action would send -----------------------------------------------------------


def targets(event: Event, action: str, today: date | None = None) -> list[Target]:
    """The mails an action would queue now (not counting ones queued before)."""
    if event.status == Status.CANCELLED.value:
        return []
    if action == "staff":
        found = [Target(p, INVITATION, key(INVITATION, event, p)) for p in staff_recipients(event)]
    elif action == "parents":
        found = [Target(p, INVITATION, key(INVITATION, event, p)) for p in parent_recipients(event)]
    elif action == "remind":
        found = reminder_targets(event, today or school_today())
    else:
        raise ValueError(f"unknown mail action {action!r}")
    queued = outbox.keys(event.id)
    return [t for t in found if t.key not in queued]


def pending(event: Event, today: date) -> dict[str, int]:
    """How many mails each action would queue now: len(targets(event, action, today)),
    counted from two statements of plain columns (the outbox's keys, and each addressee's
    role, paper invitation and answer) instead of a Target for each of 2500 parents."""
    if event.status == Status.CANCELLED.value:
        return dict.fromkeys(ACTIONS, 0)
    messages = db.session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.kind, OutboxMessage.status).where(
            OutboxMessage.event_id == event.id
        )
    ).all()
    queued = {m.dedupe_key for m in messages}
    mailed = {m.dedupe_key for m in messages if m.kind == INVITATION and m.status in INVITED}
    found = dict.fromkeys(ACTIONS, 0)
    for person, role, household, on_paper, answer in _addressees(event):
        invitation = _key(INVITATION, event.id, person)
        if invitation not in queued:
            if role == PersonRole.STAFF.value:
                found["staff"] += 1
            elif role == PersonRole.PARENT.value and household is not None:
                found["parents"] += 1
        if role != PersonRole.PARENT.value or household is None:
            continue
        kind = _reminder_kind(answer, invitation in mailed or on_paper)
        if kind is not None and _key(kind, event.id, person, today.isoformat()) not in queued:
            found["remind"] += 1
    return found


def _addressees(event: Event) -> list[tuple[int, str, int | None, bool, str | None]]:
    """Everyone with an address: (id, role, household id, invited on paper, answer)."""
    query = (
        select(
            Participant.id,
            Participant.role,
            Participant.household_id,
            Household.invited_at.is_not(None),
            Response.answer,
        )
        .outerjoin(Household, Household.id == Participant.household_id)
        .outerjoin(Response, Response.household_id == Household.id)
        .where(Participant.event_id == event.id, Participant.email != "")
    )
    return [(p, r, h, bool(paper), a) for p, r, h, paper, a in db.session.execute(query)]


def _reminder_kind(answer: str | None, invited: bool) -> str | None:
    """Yes or maybe: a reminder. No answer yet (but invited): a gentle one. No: nothing."""
    if answer in (Answer.YES.value, Answer.MAYBE.value):
        return REMINDER
    if answer is None and invited:
        return NUDGE
    return None


def reminder_targets(event: Event, today: date) -> list[Target]:
    """Yes or maybe: a reminder. No answer yet (but invited): a gentle one. No: nothing."""
    invited = {t.person.id for t in invited_people(event)}
    found = []
    for person in parent_recipients(event):
        household = person.household
        answer = household.response.answer if household and household.response else None
        kind = _reminder_kind(answer, person.id in invited)
        if kind is None:
            continue
        found.append(Target(person, kind, key(kind, event, person, today.isoformat())))
    return found


def invited_people(event: Event, statuses: tuple[str, ...] = INVITED) -> list[Target]:
    """Everyone invited: an invitation mail in one of `statuses`, or a parent whose
    household was invited on paper. Each with the key of their invitation mail."""
    query = select(OutboxMessage.dedupe_key).where(
        OutboxMessage.event_id == event.id,
        OutboxMessage.kind == INVITATION,
        OutboxMessage.status.in_(statuses),
    )
    mailed = set(db.session.scalars(query))
    found = []
    for person in staff_recipients(event) + parent_recipients(event):
        invitation = key(INVITATION, event, person)
        on_paper = person.household is not None and person.household.invited_at is not None
        if invitation in mailed or (on_paper and person.role == PersonRole.PARENT.value):
            found.append(Target(person, INVITATION, invitation))
    return found


@transactional
def save_reminder_days(event: Event, days: int) -> None:
    """How many days before the meeting the automatic reminders go (0: none)."""
    event.reminder_days = days


@transactional
def retry_failed(event: Event, wanted: int | None) -> int | None:
    """Queue the meeting's failed mails again: all (wanted None) or the one with that id.
    Returns how many; None when the wanted message is not one of the meeting's failed
    ones and does not exist at all (a 404 for the page)."""
    count = 0
    for message in outbox.failed(event.id):
        if wanted is None or message.id == wanted:
            count += outbox.retry(message)
    if wanted is not None and count == 0 and db.session.get(OutboxMessage, wanted) is None:
        return None
    return count


# --- actions -------------------------------------------------------------------------------


@transactional
def send(event: Event, action: str, today: date | None = None) -> int:
    """Queue the mails of an action ("staff", "parents", "remind"); returns how many."""
    queued = _queue(event, targets(event, action, today))
    if action == "parents":
        for person in parent_recipients(event):
            if person.household is not None and person.household.invited_at is None:
                person.household.invited_at = utcnow()
    return queued


def _queue(event: Event, found: Iterable[Target]) -> int:
    count = 0
    for target in found:
        content = compose(event, target.person, target.kind)
        row = outbox.enqueue(
            kind=target.kind, dedupe_key=target.key, to_address=target.person.email,
            to_name=target.person.name, subject=content.subject, text=content.text,
            html=content.html, ics=content.ics, ics_method=content.ics_method,
            event_id=event.id,
        )  # fmt: skip
        count += row is not None
    return count


def send_updates(event: Event) -> int:
    """After a change of time or place (SEQUENCE already raised): an invitation still
    waiting in the queue is rewritten; everyone else invited gets an update. The caller
    commits."""
    updates = []
    for target in invited_people(event):
        if not _rewrite_queued(event, target):
            detail = f"s{event.ics_sequence}"
            updates.append(Target(target.person, UPDATE, key(UPDATE, event, target.person, detail)))
    return _queue(event, [t for t in updates if not outbox.exists(t.key)])


def _rewrite_queued(event: Event, target: Target) -> bool:
    waiting = (OutboxMessage.dedupe_key == target.key, OutboxMessage.status == outbox.QUEUED)
    if db.session.scalar(select(OutboxMessage.id).where(*waiting)) is None:
        return False
    content = compose(event, target.person, INVITATION)
    result = db.session.execute(
        update(OutboxMessage)
        .where(*waiting)
        .values(subject=content.subject, text=content.text, html=content.html, ics=content.ics)
    )
    return getattr(result, "rowcount", 0) == 1


@transactional
def send_cancellations(event: Event, reached: Iterable[Target]) -> int:
    """After the meeting was called off (eventkit.events.schedule.cancel): what has not gone
    out is withdrawn, and `reached` get METHOD:CANCEL. Returns how many."""
    outbox.drop_queued(event.id, "the meeting was cancelled")
    found = [Target(t.person, CANCELLATION, key(CANCELLATION, event, t.person)) for t in reached]
    count = _queue(event, [t for t in found if not outbox.exists(t.key)])
    return count


def queue_due_reminders(today: date) -> int:
    """The automatic reminders: Event.reminder_days before the meeting (0: none), once —
    a meeting that had reminders (sent by hand too) gets no more automatically."""
    query = select(Event).where(
        Event.reminder_days > 0,
        Event.date > today,
        Event.date <= today + timedelta(days=366),
        Event.status.not_in(PAST_OR_OFF),
    )
    count = 0
    for event in db.session.scalars(query).all():
        due = event.date - timedelta(days=event.reminder_days) <= today
        if due and not _had_reminders(event):
            count += send(event, "remind", today)
    return count


def _had_reminders(event: Event) -> bool:
    query = select(OutboxMessage.id).where(
        OutboxMessage.event_id == event.id, OutboxMessage.kind.in_((REMINDER, NUDGE))
    )
    return db.session.scalar(query.limit(1)) is not None
