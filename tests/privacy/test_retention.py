"""Retention: the people of a meeting closed longer ago than the school's retention period
are deleted by `eventkit purge` and by the worker once a day; a legal hold pauses it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from eventkit.checkin.services import count_of
from eventkit.extensions import db
from eventkit.models import AuditEntry, EvaluationAnswer, Household, Status
from eventkit.privacy import services

from .conftest import Stored, traces

CLOSED = datetime(2026, 3, 2, 21, 0)


def close(stored: Stored) -> None:
    with time_machine.travel(CLOSED, tick=False):
        stored.event.status = Status.CLOSED.value
        stored.event.aftercare_published_at = CLOSED
        db.session.add(
            EvaluationAnswer(event_id=stored.event.id, day=CLOSED.date(), rating=4, good="Fijn")
        )
        db.session.commit()
    assert stored.event.closed_at == CLOSED


def test_closing_a_meeting_notes_the_day(stored: Stored) -> None:
    close(stored)
    stored.event.status = Status.AFTERCARE.value
    assert stored.event.closed_at is None


def test_not_due_before_the_retention_period(stored: Stored) -> None:
    close(stored)
    stored.event.school.retention_days = 30
    assert services.purge(datetime(2026, 3, 31, 21, 0)) == []
    assert db.session.query(Household).count() == 2


def test_the_cli_purges_a_meeting_past_its_period(
    app: Flask, stored: Stored, import_dir: Path, signed_in: FlaskClient
) -> None:
    close(stored)
    stored.event.school.retention_days = 30
    db.session.commit()
    before = count_of(stored.event)
    with time_machine.travel(datetime(2026, 4, 2, 3, 0), tick=False):
        result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "Meetings purged: 1" in result.output
    db.session.expire_all()
    event = stored.event
    assert traces(stored.needles, [import_dir]) == []
    assert event.erased_at == datetime(2026, 4, 2, 3, 0)
    # The anonymous numbers, the evaluation and the public aftercare page stay.
    assert count_of(event) == before
    assert db.session.query(EvaluationAnswer).count() == 1
    assert signed_in.get(f"/n/{event.aftercare_token}").status_code == 200
    # A record of what was deleted and when, without anyone's data; by eventkit itself.
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "retention"))
    assert entry is not None and entry.user_id is None and "people:" in entry.detail
    assert entry.at == datetime(2026, 4, 2, 3, 0)
    # Once done, nothing is due any more.
    assert services.due_for_purge(datetime(2027, 1, 1)) == []


def test_a_legal_hold_pauses_the_purge(stored: Stored, signed_in: FlaskClient) -> None:
    close(stored)
    url = f"/events/{stored.event.id}/legal-hold"
    refused = signed_in.post(url, data={"hold": "y", "reason": ""})
    assert refused.status_code == 200 and "Schrijf op waarom" in refused.text
    assert signed_in.post(url, data={"hold": "y", "reason": "Klacht"}).status_code == 302
    assert services.purge(datetime(2030, 1, 1)) == []
    page = signed_in.get(f"/events/{stored.event.id}").text
    assert "Klacht" in page
    signed_in.post(url, data={"reason": ""})
    assert [e for e, _ in services.purge(datetime(2030, 1, 1))] == [stored.event]


def test_only_the_coordinator_sets_a_legal_hold(stored, login, make_user) -> None:
    team = login(make_user("team"))
    assert team.post(f"/events/{stored.event.id}/legal-hold", data={"hold": "y"}).status_code == 403


def test_the_worker_purges_at_most_once_a_day(stored: Stored) -> None:
    close(stored)
    stored.event.school.retention_days = 1
    db.session.commit()
    day = datetime(2026, 3, 10, 4, 0)
    assert services.purge_daily(day) is True
    assert stored.event.erased_at == day
    assert services.purge_daily(day.replace(hour=23)) is False
    assert services.purge_daily(datetime(2026, 3, 11, 0, 5)) is True


def test_the_worker_idle_hook_runs_the_purge(app: Flask, stored: Stored) -> None:
    from eventkit.mail.cli import _idle

    close(stored)
    stored.event.school.retention_days = 1
    db.session.commit()
    with time_machine.travel(datetime(2026, 3, 10, 4, 0), tick=False):
        _idle(lambda today: 0)()
    db.session.expire_all()
    assert stored.event.erased_at is not None


def test_a_failing_purge_does_not_stop_the_worker(app: Flask, monkeypatch, caplog) -> None:
    from eventkit.mail.cli import _idle

    def broken(now: datetime) -> bool:
        raise OSError("the import folder is read-only")

    monkeypatch.setattr(services, "purge_daily", broken)
    queued: list[object] = []
    _idle(lambda today: queued.append(today))()
    assert queued and "retention purge failed" in caplog.text
