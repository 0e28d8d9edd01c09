"""The outbox survives a killed worker: a real worker process, sending through SMTP to a
slow loopback server, is killed (SIGKILL) while waiting for the server's answer. A new run
delivers every remaining recipient, and the one in flight once its lease has run out; at
most that message arrives twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import time_machine
from flask import Flask

from eventkit.extensions import db
from eventkit.mail import outbox, services
from eventkit.mail.mailer import SMTPMailer
from eventkit.models import Event, OutboxMessage, Participant, utcnow

from .conftest import Inbox

WORKER = "import sys; from eventkit.cli import main; main(['outbox', 'run', *sys.argv[1:]])"
# The worker imports eventkit from this checkout (not whatever the virtualenv points at).
SOURCE = str(Path(__file__).resolve().parents[2])


def start_worker(
    app: Flask, inbox: Inbox, tmp_path: Path, *args: str, **settings: str
) -> subprocess.Popen[bytes]:
    """`eventkit outbox run ARGS` (default: --once) in a process of its own; `settings` are
    more environment variables."""
    env = (
        os.environ
        | settings
        | {
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": "test-secret",
            "EVENTKIT_BASE_URL": "http://eventkit.test",
            "EVENTKIT_SMTP_HOST": "127.0.0.1",
            "EVENTKIT_SMTP_PORT": str(inbox.port),
            "EVENTKIT_MAIL_FROM": "ouders@delinde.example",
            "PYTHONPATH": SOURCE,
        }
    )
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, *(args or ["--once"])], env=env, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.slow  # starts a worker process and kills it mid-send
def test_a_killed_worker_loses_nobody(
    smtp_app: Flask,
    inbox: Inbox,
    meeting: Event,
    make_staff: Callable[..., Participant],
    mailer: SMTPMailer,
    tmp_path: Path,
) -> None:
    people = [make_staff(meeting, f"Staff{n}") for n in range(8)]
    assert services.send(meeting, "staff") == 8
    inbox.delay = 0.3  # the server takes its time to say 250: the worker waits there

    with start_worker(smtp_app, inbox, tmp_path) as worker:
        wait_for(lambda: len(inbox.received) >= 3 or worker.poll() is not None)
        os.kill(worker.pid, signal.SIGKILL)  # the 3rd message is in flight right now
        _out, errors = worker.communicate(timeout=10)
    assert worker.returncode == -signal.SIGKILL, errors.decode()

    db.session.expire_all()
    counts = outbox.counts(meeting.id)
    assert (counts["sent"], counts["sending"], counts["queued"]) == (2, 1, 5)

    inbox.delay = 0
    assert outbox.run(mailer, once=True).sent == 5  # not the dead worker's: its lease holds
    with time_machine.travel(utcnow() + outbox.lease(), tick=False):
        assert outbox.run(mailer, once=True).sent == 1

    arrived = Counter(rcpts[0] for rcpts, _raw in inbox.received)
    assert set(arrived) == {p.email for p in people}  # nobody lost
    assert sum(arrived.values()) - len(people) == 1  # one message twice, no more
    (twice,) = [address for address, n in arrived.items() if n == 2]
    ids = {m["Message-ID"] for m in inbox.to(twice)}
    assert len(ids) == 1  # the same Message-ID, so mail programs can drop the copy
    statuses = set(db.session.scalars(db.select(OutboxMessage.status)))
    assert statuses == {"sent"}
