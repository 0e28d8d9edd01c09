"""Aftercare mail in the outbox: parents' language, unsubscribe link, weekly at most,
owners' and coordinators' reminders, and the CLI."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from flask import Flask

from eventkit.aftercare import mails, services
from eventkit.extensions import db
from eventkit.models import Action, Event, OutboxMessage, User
from tests.aftercare.conftest import NOW, note_text


def queued(kind: str) -> list[OutboxMessage]:
    query = db.select(OutboxMessage).where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


@pytest.fixture
def published(held: Event) -> Event:
    services.action_from_note(held, note_text(held, "app-melding"), NOW)
    services.publish(held, NOW)
    return held


def test_the_summary_goes_to_those_present_in_their_language(published: Event) -> None:
    assert mails.queue_summary(published, False, NOW) == 3
    assert mails.queue_summary(published, False, NOW) == 0  # idempotent
    sent = {m.to_address: m for m in queued(mails.SUMMARY)}
    assert set(sent) == {"fatma@example.test", "jan@example.test", "mariam@example.test"}
    turkish, arabic = sent["fatma@example.test"], sent["mariam@example.test"]
    assert "Teşekkür" in turkish.text or "teşekkür" in turkish.text
    assert 'dir="rtl"' in arabic.html
    household = next(h for h in published.households if h.language == "tr")
    assert f"http://eventkit.test/i/{household.token}/unsubscribe" in turkish.text
    assert f"/n/{published.aftercare_token}?lang=tr" in turkish.text
    assert "Lotte" not in turkish.text  # nobody else's name


def test_invited_households_too_when_the_team_wants(published: Event) -> None:
    assert mails.queue_summary(published, True, NOW) == 4


def test_no_mail_before_publishing(held: Event) -> None:
    assert mails.queue_summary(held, True, NOW) == 0


def test_update_mails_at_most_weekly_and_only_to_who_wants_them(published: Event) -> None:
    mails.queue_summary(published, False, NOW)
    action = services.actions_of(published)[0]
    assert mails.queue_updates(published, NOW + timedelta(days=8)) == 0  # nothing changed
    later = NOW + timedelta(days=2)
    services.bulk_status(published, [action.id], "done", "", later)
    assert mails.queue_updates(published, later) == 0  # within the week of the summary
    dutch = next(h for h in published.households if h.language == "nl")
    dutch.wants_updates = False
    db.session.commit()
    week = NOW + timedelta(days=7, hours=1)
    assert mails.queue_updates(published, week) == 2
    assert published.last_update_mail_at == week
    (first, *_rest) = queued(mails.UPDATE)
    assert "/unsubscribe" in first.text
    services.bulk_status(published, [action.id], "in_progress", "", week + timedelta(hours=1))
    assert mails.queue_updates(published, week + timedelta(days=3)) == 0
    assert mails.queue_updates(published, week + timedelta(days=7)) == 2


def test_owner_reminders_a_week_before_and_when_the_date_passes(owned: Action) -> None:
    assert mails.queue_owner_reminders(date(2026, 12, 2)) == 0
    assert mails.queue_owner_reminders(date(2026, 12, 3)) == 1
    assert mails.queue_owner_reminders(date(2026, 12, 4)) == 0
    assert mails.queue_owner_reminders(date(2026, 12, 11)) == 1
    assert mails.queue_owner_reminders(date(2026, 12, 12)) == 0
    before, overdue = queued(mails.OWNER)
    assert before.to_address == "jeroen@school.test"
    assert before.subject.startswith("In a week")  # the owner's own locale (en)
    assert "/aftercare/actions/" in before.text


def test_an_update_stops_the_overdue_mail(published: Event, owned: Action) -> None:
    services.add_update(published, owned, date(2026, 12, 8), "Bijna klaar", NOW)
    mails.queue_owner_reminders(date(2026, 12, 3))
    assert mails.queue_owner_reminders(date(2026, 12, 11)) == 0


def test_coordinators_are_reminded_on_day_7_and_14(held: Event) -> None:
    assert mails.queue_coordinator_reminders(date(2026, 11, 16)) == 0
    assert mails.queue_coordinator_reminders(date(2026, 11, 17)) >= 0
    assert held.aftercare_reminders == 1
    assert mails.queue_coordinator_reminders(date(2026, 11, 18)) == 0
    mails.queue_coordinator_reminders(date(2026, 11, 24))
    assert held.aftercare_reminders == 2
    assert mails.queue_coordinator_reminders(date(2026, 12, 24)) == 0


def test_a_published_meeting_gets_no_coordinator_reminder(published: Event) -> None:
    mails.queue_coordinator_reminders(date(2026, 11, 24))
    assert published.aftercare_reminders == 0


def test_coordinator_mail_reaches_the_coordinator(held: Event, coordinator: User) -> None:
    assert mails.queue_coordinator_reminders(date(2026, 11, 17)) == 1
    (message,) = queued(mails.COORDINATOR)
    assert message.to_address == coordinator.email and "/aftercare" in message.text


# --- the command line ----------------------------------------------------------------------


def test_cli_publish_prints_the_url_and_unpublish_takes_it_down(app: Flask, held: Event) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["aftercare", "publish", str(held.id)])
    assert result.exit_code == 0, result.output
    assert f"http://eventkit.test/n/{held.aftercare_token}" in result.output
    assert "1 notes that seem to name a person" in result.output
    result = runner.invoke(args=["aftercare", "unpublish", str(held.id)])
    assert result.exit_code == 0 and held.aftercare_published_at is None
    assert runner.invoke(args=["aftercare", "publish", "999"]).exit_code != 0


def test_cli_remind_queues_what_is_due(app: Flask, held: Event, coordinator: User) -> None:
    import time_machine

    with time_machine.travel(datetime(2026, 11, 17, 12, 0), tick=False):
        result = app.test_cli_runner().invoke(args=["aftercare", "remind"])
    assert result.exit_code == 0 and "queued: 1" in result.output


def test_cli_exports_the_report(app: Flask, held: Event, tmp_path: object) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "verslag.docx"
    result = app.test_cli_runner().invoke(
        args=["export", "report", str(held.id), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"
