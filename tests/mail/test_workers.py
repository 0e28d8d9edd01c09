"""Several workers at once send each message once: two or three real worker processes
share one outbox, sending through SMTP to a loopback server, and are killed (SIGKILL) at
random moments and replaced. Every message arrives; a message arrives twice only if a
worker was killed while it held it (after its lease ran out another worker sent it).

Runs on the test database (SQLite file, or EVENTKIT_TEST_DATABASE_URL: PostgreSQL)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from eventkit.extensions import db
from eventkit.mail import services
from eventkit.models import Event, OutboxMessage, Participant

from .conftest import Inbox
from .test_crash import start_worker, wait_for

MESSAGES = 40
KILLS = 4
LEASE = "4"  # seconds: far above one message's SMTP talk here, short for the test


def count_sent() -> int:
    db.session.rollback()  # a fresh look: the workers commit in other processes
    query = db.select(db.func.count()).where(OutboxMessage.status == "sent")
    return int(db.session.scalar(query) or 0)


def held_by(pid: int) -> list[int]:
    """The messages a (dead) worker process had claimed and not finished."""
    db.session.rollback()
    query = db.select(OutboxMessage.id).where(
        OutboxMessage.status == "sending", OutboxMessage.claimed_by.contains(f":{pid}:")
    )
    return list(db.session.scalars(query))


@pytest.mark.slow
@pytest.mark.parametrize("workers", [2, 3])
def test_several_workers_killed_at_random_send_each_message_once(
    workers: int,
    smtp_app: Flask,
    inbox: Inbox,
    meeting: Event,
    make_staff: Callable[..., Participant],
    tmp_path: Path,
) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    people = [make_staff(meeting, f"Staff{n}") for n in range(MESSAGES)]
    assert services.send(meeting, "staff") == MESSAGES
    address_of = {m.id: m.to_address for m in db.session.scalars(db.select(OutboxMessage))}
    inbox.delay = 0.2  # each message waits for the server's 250: most kills land there

    def start() -> subprocess.Popen[bytes]:
        return start_worker(
            smtp_app, inbox, tmp_path, "--poll", "0.05", EVENTKIT_OUTBOX_LEASE=LEASE
        )

    running = [start() for _ in range(workers)]
    in_flight: list[int] = []  # per kill, the message the killed worker held (if any)
    try:
        wait_for(lambda: len(inbox.received) > 0)  # the workers have started
        for _kill in range(KILLS):
            time.sleep(rng.uniform(0.1, 1.0))
            # a worker in the middle of a message if there is one: that is the hard case
            busy = [w for w in running if held_by(w.pid)] or running
            victim = rng.choice(busy)
            running.remove(victim)
            os.kill(victim.pid, signal.SIGKILL)
            victim.communicate(timeout=10)
            in_flight += held_by(victim.pid)
            running.append(start())
        deadline = time.monotonic() + 60
        while count_sent() < MESSAGES:
            assert time.monotonic() < deadline, f"not all sent (seed {seed})"
            assert all(w.poll() is None for w in running), running[0].communicate()
            time.sleep(0.1)
    finally:
        for worker in running:
            worker.kill()
            worker.communicate(timeout=10)

    arrived = Counter(rcpts[0] for rcpts, _raw in inbox.received)
    assert set(arrived) == {p.email for p in people}, f"somebody lost (seed {seed})"
    allowed = Counter(address_of[message_id] for message_id in in_flight)
    for address, times in arrived.items():
        assert times <= 1 + allowed[address], (address, times, in_flight, seed)
    assert len(in_flight) <= KILLS
    db.session.rollback()
    statuses = set(db.session.scalars(db.select(OutboxMessage.status)))
    assert statuses == {"sent"}
