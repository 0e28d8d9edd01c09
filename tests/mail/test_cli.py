"""`eventkit outbox run|status|remind` and `eventkit export ics`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import vobject
from flask import Flask

from eventkit.mail import services
from eventkit.models import Event, Participant

from .conftest import Inbox


def run(app: Flask, *args: str) -> object:
    return app.test_cli_runner().invoke(args=list(args))


def test_export_ics(app: Flask, meeting: Event, tmp_path: Path) -> None:
    target = tmp_path / "avond.ics"
    result = run(app, "export", "ics", str(meeting.id), "-o", str(target))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    cal = vobject.readOne(target.read_text(), validate=True)
    assert cal.vevent.summary.value == meeting.title
    missing = run(app, "export", "ics", "999")
    assert missing.exit_code == 1 and "no meeting with id 999" in missing.output  # type: ignore[attr-defined]


def test_outbox_run_status_and_remind(
    smtp_app: Flask,
    inbox: Inbox,
    meeting: Event,
    make_staff: Callable[..., Participant],
    make_carer: Callable[..., Participant],
) -> None:
    make_staff(meeting, "Jan")
    make_carer(meeting, "Amina", answer="yes")
    services.send(meeting, "staff")
    reminded = run(smtp_app, "outbox", "remind", str(meeting.id))
    assert "Reminders queued: 1" in reminded.output  # type: ignore[attr-defined]
    status = run(smtp_app, "outbox", "status", str(meeting.id), "--json")
    assert json.loads(status.output) == {"queued": 2}  # type: ignore[attr-defined]
    sent = run(smtp_app, "outbox", "run", "--once")
    assert "Sent: 2, to retry later: 0, failed: 0" in sent.output  # type: ignore[attr-defined]
    assert len(inbox.received) == 2
    table = run(smtp_app, "outbox", "status")
    assert "sent     2" in table.output  # type: ignore[attr-defined]


def test_outbox_run_needs_a_mail_server(app: Flask) -> None:
    result = run(app, "outbox", "run", "--once")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "EVENTKIT_SMTP_HOST is not set" in result.output  # type: ignore[attr-defined]
