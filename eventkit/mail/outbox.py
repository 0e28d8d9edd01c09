"""The outbox: mail is queued in the database and a worker (`eventkit outbox run`) sends it.

Delivery guarantee. A worker claims one message at a time: in one short committed
transaction it flips a due message from `queued` to `sending`, with its own name
(`claimed_by`) and a lease (`lease_until`, EVENTKIT_OUTBOX_LEASE seconds ahead). Then it
talks SMTP with no transaction open, then records the outcome, only if the claim is still
its own. Several workers may run at once: a claim is one atomic statement (PostgreSQL:
`FOR UPDATE SKIP LOCKED`, so workers pass each other's rows by; SQLite: the statement runs
under the write lock, `BEGIN IMMEDIATE`), so each message goes to one worker. If a worker
is killed, its message stays `sending` until the lease runs out; then any worker takes it
over and sends it again. That message is the only one that may arrive twice (it keeps its
Message-ID, so many mail programs show it once).

Statuses: queued → sending → sent | queued again (temporary failure, with back-off) |
failed (permanent failure, or too many attempts) | dropped (no longer wanted, e.g. the
invitation of a meeting cancelled before it went out).
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..config import host, organizer_address
from ..database import writing
from ..extensions import db
from ..models import Event, OutboxMessage, OutboxStatus, utcnow
from ..school.services import reply_to, sender_name
from ..uow import transactional
from .mailer import Mailer, PermanentFailure, TemporaryFailure
from .message import Envelope, build

# Short names of the statuses (the module's callers say outbox.SENT).
QUEUED, SENDING, SENT = OutboxStatus.QUEUED, OutboxStatus.SENDING, OutboxStatus.SENT
FAILED, DROPPED = OutboxStatus.FAILED, OutboxStatus.DROPPED
STATUSES = tuple(OutboxStatus)
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


@transactional
def retry(message: OutboxMessage) -> bool:
    """Queue a failed message again, with a fresh count of attempts."""
    if message.status != FAILED:
        return False
    message.status, message.attempts, message.next_attempt_at = QUEUED, 0, utcnow()
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

    @property
    def attempted(self) -> int:
        return self.sent + self.retried + self.failed


def worker_name() -> str:
    """A name for this worker's claims: host and process (to find it), plus a random part
    (a restarted process may get the same number)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


def lease() -> timedelta:
    return timedelta(seconds=float(current_app.config.get("EVENTKIT_OUTBOX_LEASE") or 600))


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
    result = RunResult()
    owner = worker_name()
    try:
        while limit is None or result.attempted < limit:
            message_id = claim(owner, utcnow(), lease())
            if message_id is None:
                if on_idle is not None and on_idle():
                    continue
                if once:
                    break
                sleep(poll)
                continue
            _deliver(mailer, message_id, owner, result)
    finally:
        mailer.close()
    return result


def _claimable(now: datetime) -> Any:
    """Due in the queue, or being sent by a worker whose lease has run out (it died). A
    `sending` row without a lease was left by a worker from before leases existed."""
    return or_(
        and_(OutboxMessage.status == QUEUED, OutboxMessage.next_attempt_at <= now),
        and_(
            OutboxMessage.status == SENDING,
            or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now),
        ),
    )


def claim(owner: str, now: datetime, lease: timedelta) -> int | None:
    """Take the next claimable message for `owner` until `now + lease`, and commit, before
    any SMTP talk. One statement, so two workers never take the same row: PostgreSQL
    locks the chosen row and lets other workers skip it (SKIP LOCKED); SQLite runs the
    statement under its single write lock (BEGIN IMMEDIATE, see eventkit.database)."""
    candidate = (
        select(OutboxMessage.id)
        .where(_claimable(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    statement = (
        update(OutboxMessage)
        .where(OutboxMessage.id == candidate, _claimable(now))
        .values(
            status=SENDING,
            claimed_by=owner,
            lease_until=now + lease,
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(OutboxMessage.id)
    )
    db.session.commit()  # a transaction begun before would not take the write lock
    with writing():
        claimed = db.session.execute(
            statement, execution_options={"synchronize_session": False}
        ).scalar()
        db.session.commit()
    return claimed


@dataclass
class Outcome:
    status: str
    error: str = ""
    next_attempt_at: datetime | None = None


def _deliver(mailer: Mailer, message_id: int, owner: str, result: RunResult) -> None:
    row = db.session.get(OutboxMessage, message_id, populate_existing=True)
    assert row is not None
    attempts = row.attempts
    try:
        email = _email(row)
    except Exception as error:  # a broken message must not block the queue
        current_app.logger.exception("outbox message %s could not be built", message_id)
        outcome = Outcome(FAILED, f"{type(error).__name__}: {error}")
    else:
        db.session.commit()  # no transaction stays open while the SMTP server talks
        outcome = _send(mailer, email, attempts, message_id)
    if outcome.status == SENT:
        result.sent += 1
    elif outcome.status == QUEUED:
        result.retried += 1
    else:
        result.failed += 1
    if not record(message_id, owner, outcome, utcnow()):
        current_app.logger.warning(
            "outbox message %s: the lease ran out while sending; another worker took it over",
            message_id,
        )


def _send(mailer: Mailer, email: Any, attempts: int, message_id: int) -> Outcome:
    try:
        mailer.send(email)
    except TemporaryFailure as error:
        if attempts >= MAX_ATTEMPTS:
            return Outcome(FAILED, f"{error} (gave up after {attempts} attempts)")
        return Outcome(QUEUED, str(error), next_attempt(attempts, utcnow()))
    except PermanentFailure as error:
        return Outcome(FAILED, str(error))
    except Exception as error:  # a broken message must not block the queue
        current_app.logger.exception("outbox message %s could not be sent", message_id)
        return Outcome(FAILED, f"{type(error).__name__}: {error}")
    return Outcome(SENT)


def record(message_id: int, owner: str, outcome: Outcome, now: datetime) -> bool:
    """Write down how sending went, if the claim is still `owner`'s (False if its lease
    ran out and another worker took the message over: that one records it)."""
    values: dict[str, Any] = {
        "status": outcome.status, "last_error": outcome.error, "claimed_by": "",
        "lease_until": None,
    }  # fmt: skip
    if outcome.status == SENT:
        values["sent_at"] = now
    if outcome.next_attempt_at is not None:
        values["next_attempt_at"] = outcome.next_attempt_at
    statement = (
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == SENDING,
            OutboxMessage.claimed_by == owner,
        )
        .values(**values)
    )
    db.session.commit()
    with writing():
        done = db.session.execute(statement, execution_options={"synchronize_session": False})
        db.session.commit()
    return getattr(done, "rowcount", 0) == 1


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
