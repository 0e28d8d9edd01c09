"""The outbox: mail is queued in the database and a worker (`eventkit outbox run`) sends it.

Delivery guarantee. The worker claims one message at a time by flipping it from
`queued` to `sending` in its own committed transaction, then talks SMTP, then marks it
`sent`. If the worker is killed, every message is either still `queued` (it goes next
time), `sent`, or the one left `sending`: that one is queued again when a worker starts,
so it may arrive twice (it keeps its Message-ID, so many mail programs show it once).
Run one worker at a time.

Statuses: queued → sending → sent | queued again (temporary failure, with back-off) |
failed (permanent failure, or too many attempts) | dropped (no longer wanted, e.g. the
invitation of a meeting cancelled before it went out).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..calendar.ics import host, organizer_address
from ..extensions import db
from ..models import Event, OutboxMessage, utcnow
from ..school.services import reply_to, sender_name
from .mailer import Mailer, PermanentFailure, TemporaryFailure
from .message import Envelope, build

QUEUED, SENDING, SENT, FAILED, DROPPED = "queued", "sending", "sent", "failed", "dropped"
STATUSES = (QUEUED, SENDING, SENT, FAILED, DROPPED)
# Waits after the 1st, 2nd, ... temporary failure; after the last, the message fails.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAX_ATTEMPTS = len(BACKOFF) + 1


def enqueue(
    *,
    kind: str,
    dedupe_key: str,
    to_address: str,
    subject: str,
    text: str,
    to_name: str = "",
    html: str = "",
    ics: str = "",
    ics_method: str = "",
    event_id: int | None = None,
) -> OutboxMessage | None:
    """Queue a message unless one with the same dedupe key exists (then None).

    The caller commits; a racing duplicate is caught by the unique key in a savepoint.
    """
    if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)):
        return None
    row = OutboxMessage(
        kind=kind, dedupe_key=dedupe_key, to_address=to_address, to_name=to_name,
        subject=subject, text=text, html=html, ics=ics, ics_method=ics_method,
        event_id=event_id, status=QUEUED, next_attempt_at=utcnow(),
    )  # fmt: skip
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return None
    return row


def exists(dedupe_key: str) -> bool:
    return (
        db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
        is not None
    )


def keys(event_id: int) -> set[str]:
    """The dedupe keys of everything queued for a meeting so far."""
    query = select(OutboxMessage.dedupe_key).where(OutboxMessage.event_id == event_id)
    return set(db.session.scalars(query))


def counts(event_id: int) -> dict[str, int]:
    query = (
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.event_id == event_id)
        .group_by(OutboxMessage.status)
    )
    found = dict(db.session.execute(query).all())
    return {status: found.get(status, 0) for status in STATUSES}


def failed(event_id: int) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(
        OutboxMessage.event_id == event_id, OutboxMessage.status == FAILED
    )
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def retry(message: OutboxMessage) -> bool:
    """Queue a failed message again, with a fresh count of attempts."""
    if message.status != FAILED:
        return False
    message.status, message.attempts, message.next_attempt_at = QUEUED, 0, utcnow()
    db.session.commit()
    return True


def drop_queued(event_id: int, reason: str, kinds: tuple[str, ...] | None = None) -> int:
    """Withdraw what has not gone out yet (not the one a worker is sending right now)."""
    query = update(OutboxMessage).where(
        OutboxMessage.event_id == event_id, OutboxMessage.status == QUEUED
    )
    if kinds is not None:
        query = query.where(OutboxMessage.kind.in_(kinds))
    result = db.session.execute(query.values(status=DROPPED, last_error=reason))
    return int(getattr(result, "rowcount", 0) or 0)


# --- the worker ----------------------------------------------------------------------------


@dataclass
class RunResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    requeued: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.retried + self.failed


def requeue_abandoned() -> int:
    """Messages a killed worker left in `sending` go back in the queue (the only ones that
    can arrive twice)."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == SENDING)
        .values(status=QUEUED, next_attempt_at=utcnow())
    )
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def run(
    mailer: Mailer,
    *,
    limit: int | None = None,
    once: bool = False,
    poll: float = 5.0,
    on_idle: Callable[[], Any] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> RunResult:
    """Send due messages one by one. With `once`, stop when none is due now; otherwise
    keep waiting for new ones (a daemon). `limit` stops after that many attempts.
    `on_idle` runs whenever the queue is empty (the daily reminders hook in there)."""
    result = RunResult(requeued=requeue_abandoned())
    try:
        while limit is None or result.attempted < limit:
            message_id = _claim()
            if message_id is None:
                if on_idle is not None and on_idle():
                    continue
                if once:
                    break
                sleep(poll)
                continue
            _deliver(mailer, message_id, result)
    finally:
        mailer.close()
    return result


def _claim() -> int | None:
    """Flip the next due message to `sending` and commit, before any SMTP talk."""
    now = utcnow()
    candidate = db.session.scalar(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == QUEUED, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
    )
    if candidate is None:
        db.session.commit()  # end the read transaction: new rows become visible
        return None
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == candidate, OutboxMessage.status == QUEUED)
        .values(status=SENDING, attempts=OutboxMessage.attempts + 1)
    )
    db.session.commit()
    return candidate if getattr(claimed, "rowcount", 0) == 1 else _claim()


def _deliver(mailer: Mailer, message_id: int, result: RunResult) -> None:
    row = db.session.get(OutboxMessage, message_id, populate_existing=True)
    assert row is not None
    try:
        mailer.send(_email(row))
    except TemporaryFailure as error:
        _temporary(row, str(error), result)
    except PermanentFailure as error:
        row.status, row.last_error = FAILED, str(error)
        result.failed += 1
    except Exception as error:  # a broken message must not block the queue
        current_app.logger.exception("outbox message %s could not be built or sent", row.id)
        row.status, row.last_error = FAILED, f"{type(error).__name__}: {error}"
        result.failed += 1
    else:
        row.status, row.sent_at, row.last_error = SENT, utcnow(), ""
        result.sent += 1
    db.session.commit()


def _temporary(row: OutboxMessage, reason: str, result: RunResult) -> None:
    row.last_error = reason
    if row.attempts >= MAX_ATTEMPTS:
        row.status = FAILED
        row.last_error = f"{reason} (gave up after {row.attempts} attempts)"
        result.failed += 1
        return
    row.status = QUEUED
    row.next_attempt_at = next_attempt(row.attempts, utcnow())
    result.retried += 1


def next_attempt(attempts: int, now: datetime) -> datetime:
    return now + BACKOFF[min(attempts, len(BACKOFF)) - 1]


def _email(row: OutboxMessage) -> Any:
    event = db.session.get(Event, row.event_id) if row.event_id else None
    envelope = Envelope(
        sender=organizer_address(),
        sender_name=sender_name(event.school) if event is not None else "eventkit",
        host=host(),
        reply_to=reply_to(event.school) if event is not None else "",
    )
    return build(
        row.id, row.dedupe_key, row.to_address, row.to_name, row.subject, row.text,
        row.html, row.ics, row.ics_method, envelope,
    )  # fmt: skip
