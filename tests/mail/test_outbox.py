"""The outbox: queueing once, the worker's claims, retries with back-off, failures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage

import pytest
import time_machine
from flask import Flask

from eventkit.extensions import db
from eventkit.mail import outbox
from eventkit.mail.mailer import PermanentFailure, RecordingMailer, TemporaryFailure
from eventkit.models import Event, OutboxMessage, utcnow


@pytest.fixture
def queue(app: Flask, meeting: Event) -> Callable[..., list[OutboxMessage]]:
    def fill(count: int = 3, kind: str = "invitation") -> list[OutboxMessage]:
        rows = []
        for n in range(count):
            row = outbox.enqueue(
                kind=kind, dedupe_key=f"{kind}:{meeting.id}:{n}", to_address=f"p{n}@x.example",
                subject=f"Bericht {n}", text="Hallo", event_id=meeting.id,
            )  # fmt: skip
            assert row is not None
            rows.append(row)
        db.session.commit()
        return rows

    return fill


def statuses() -> list[str]:
    db.session.expire_all()
    return [m.status for m in db.session.scalars(db.select(OutboxMessage).order_by("id"))]


def test_the_same_key_is_queued_once(queue: Callable[..., list[OutboxMessage]]) -> None:
    queue(2)
    again = outbox.enqueue(
        kind="invitation", dedupe_key=queue.__name__, to_address="a@x", subject="s", text="t"
    )  # noqa: E501
    assert again is not None
    assert outbox.enqueue(kind="x", dedupe_key=again.dedupe_key, to_address="b@x", subject="s",
                          text="t") is None  # fmt: skip
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 3


def test_the_worker_sends_in_order_and_marks_sent(
    queue: Callable[..., list[OutboxMessage]], meeting: Event
) -> None:
    queue(3)
    mailer = RecordingMailer()
    result = outbox.run(mailer, once=True)
    assert (result.sent, result.failed, result.retried) == (3, 0, 0)
    assert [m["Subject"] for m in mailer.sent] == ["Bericht 0", "Bericht 1", "Bericht 2"]
    assert statuses() == ["sent"] * 3
    assert mailer.closed == 1
    assert outbox.counts(meeting.id)["sent"] == 3


def test_limit_stops_early(queue: Callable[..., list[OutboxMessage]]) -> None:
    queue(3)
    assert outbox.run(RecordingMailer(), once=True, limit=2).sent == 2
    assert statuses() == ["sent", "sent", "queued"]


def test_a_temporary_failure_backs_off(queue: Callable[..., list[OutboxMessage]]) -> None:
    (row,) = queue(1)

    def busy(message: EmailMessage) -> None:
        raise TemporaryFailure("451 4.3.0 Try again later")

    before = utcnow()
    result = outbox.run(RecordingMailer(fail=busy), once=True)
    assert (result.retried, result.sent) == (1, 0)
    db.session.refresh(row)
    assert (row.status, row.attempts, row.last_error) == ("queued", 1, "451 4.3.0 Try again later")
    assert before + timedelta(seconds=59) < row.next_attempt_at < utcnow() + timedelta(minutes=1)
    # not due yet: a second run leaves it alone
    assert outbox.run(RecordingMailer(), once=True).attempted == 0


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [(1, timedelta(minutes=1)), (2, timedelta(minutes=5)), (3, timedelta(minutes=30)),
     (4, timedelta(hours=2)), (5, timedelta(hours=6))],
)  # fmt: skip
def test_back_off_schedule(attempts: int, wait: timedelta) -> None:
    now = utcnow()
    assert outbox.next_attempt(attempts, now) - now == wait


def test_too_many_temporary_failures_fail_with_the_reason(
    queue: Callable[..., list[OutboxMessage]],
) -> None:
    (row,) = queue(1)
    row.attempts = outbox.MAX_ATTEMPTS - 1
    db.session.commit()

    def down(message: EmailMessage) -> None:
        raise TemporaryFailure("ConnectionRefusedError: [Errno 111] Connection refused")

    assert outbox.run(RecordingMailer(fail=down), once=True).failed == 1
    db.session.refresh(row)
    assert row.status == "failed"
    assert row.last_error.startswith("ConnectionRefusedError")
    assert "gave up after 6 attempts" in row.last_error


def test_a_permanent_failure_fails_at_once_and_retry_queues_again(
    queue: Callable[..., list[OutboxMessage]], meeting: Event
) -> None:
    rows = queue(2)

    def refuse_first(message: EmailMessage) -> None:
        if message["To"] == "p0@x.example":
            raise PermanentFailure("550 5.1.1 No such user")

    result = outbox.run(RecordingMailer(fail=refuse_first), once=True)
    assert (result.sent, result.failed) == (1, 1)
    assert [(m.to_address, m.last_error) for m in outbox.failed(meeting.id)] == [
        ("p0@x.example", "550 5.1.1 No such user")
    ]
    assert outbox.retry(rows[0]) is True
    assert outbox.retry(rows[1]) is False  # sent: nothing to retry
    assert outbox.run(RecordingMailer(), once=True).sent == 1
    assert statuses() == ["sent", "sent"]


def test_a_broken_message_does_not_block_the_queue(
    queue: Callable[..., list[OutboxMessage]],
) -> None:
    queue(2)

    def bug(message: EmailMessage) -> None:
        if message["Subject"] == "Bericht 0":
            raise KeyError("oops")

    assert outbox.run(RecordingMailer(fail=bug), once=True).sent == 1
    assert statuses() == ["failed", "sent"]


def test_a_worker_killed_mid_message_sends_that_one_again_after_its_lease_and_no_other(
    queue: Callable[..., list[OutboxMessage]],
) -> None:
    """Simulated in-process (the subprocess kills are in test_crash.py and test_workers.py)."""
    queue(4)
    delivered: list[str] = []

    def killed_at_third(message: EmailMessage) -> None:
        delivered.append(message["To"])
        if len(delivered) == 3:
            raise SystemExit("killed")  # delivered, but the worker never marks it sent

    with pytest.raises(SystemExit):
        outbox.run(RecordingMailer(fail=killed_at_third), once=True)
    db.session.rollback()
    assert statuses() == ["sent", "sent", "sending", "queued"]
    mailer = RecordingMailer()
    assert outbox.run(mailer, once=True).sent == 1  # the dead worker's lease still holds
    assert statuses() == ["sent", "sent", "sending", "sent"]
    with time_machine.travel(utcnow() + outbox.lease() + timedelta(seconds=1), tick=False):
        assert outbox.run(mailer, once=True).sent == 1
    assert statuses() == ["sent"] * 4
    delivered += [m["To"] for m in mailer.sent]
    assert sorted(delivered) == sorted(
        ["p0@x.example", "p1@x.example", "p2@x.example", "p2@x.example", "p3@x.example"]
    )


def test_a_claim_is_taken_once_and_has_an_owner_and_a_lease(
    queue: Callable[..., list[OutboxMessage]],
) -> None:
    first, second = queue(2)
    now = utcnow()
    assert outbox.claim("worker-a", now, timedelta(minutes=10)) == first.id
    assert outbox.claim("worker-b", now, timedelta(minutes=10)) == second.id
    assert outbox.claim("worker-c", now, timedelta(minutes=10)) is None
    db.session.refresh(first)
    assert (first.status, first.claimed_by, first.attempts) == ("sending", "worker-a", 1)
    assert first.lease_until == now + timedelta(minutes=10)
    # after the lease, another worker takes it over; the first can no longer record it
    later = now + timedelta(minutes=10, seconds=1)
    assert outbox.claim("worker-c", later, timedelta(minutes=10)) == first.id
    assert not outbox.record(first.id, "worker-a", outbox.Outcome("sent"), later)
    assert outbox.record(first.id, "worker-c", outbox.Outcome("sent"), later)
    db.session.refresh(first)
    assert (first.status, first.claimed_by, first.lease_until, first.attempts) == (
        "sent", "", None, 2
    )  # fmt: skip


def test_a_sending_row_from_before_leases_is_taken_over(
    queue: Callable[..., list[OutboxMessage]],
) -> None:
    (row,) = queue(1)
    row.status = "sending"  # left by a worker of the previous version: no lease
    db.session.commit()
    assert outbox.claim("worker-a", utcnow(), timedelta(minutes=10)) == row.id


def test_drop_queued_leaves_the_one_in_flight(
    queue: Callable[..., list[OutboxMessage]], meeting: Event
) -> None:
    rows = queue(3)
    rows[0].status = "sending"
    rows[1].status = "sent"
    db.session.commit()
    assert outbox.drop_queued(meeting.id, "the meeting was cancelled") == 1
    db.session.commit()
    assert statuses() == ["sending", "sent", "dropped"]


def test_idle_hook_can_add_work(queue: Callable[..., list[OutboxMessage]]) -> None:
    calls: list[int] = []

    def idle() -> int:
        calls.append(1)
        return len(queue(1)) if len(calls) == 1 else 0

    assert outbox.run(RecordingMailer(), once=True, on_idle=idle).sent == 1
    assert len(calls) == 2
