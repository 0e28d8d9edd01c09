"""Snapshots of the aftercare mails: the summary to parents (their own language), the weekly
update, the owner's reminders and the coordinator's. Time pinned, tokens fixed; review a
diff here as a change in what parents and staff read (`pytest --snapshot-update` to accept)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, timedelta

import pytest
import time_machine

from eventkit.aftercare import mails, services
from eventkit.models import Action, Event, User
from tests.aftercare.conftest import EVENING, NOW, build_held_meeting, note_text
from tests.snapshots import outbox_rows, pin_tokens

PINNED = NOW.replace(tzinfo=UTC)  # NOW is naive UTC, as the app stores it


@pytest.fixture
def published(make_event: Callable[..., Event]) -> Iterator[Event]:
    """The held meeting of tests/aftercare, its aftercare published, at a pinned time."""
    with time_machine.travel(PINNED, tick=False):
        event = make_event(date=EVENING, status="held", goal="Samen werken aan aanwezigheid.")
        build_held_meeting(event)
        pin_tokens(event)
        services.action_from_note(event, note_text(event, "app-melding"), NOW)
        services.publish(event, NOW)
        yield event


def test_the_summary(published: Event, snapshot) -> None:
    assert mails.queue_summary(published, True, NOW) == 4
    assert outbox_rows(mails.SUMMARY) == snapshot


def test_the_weekly_update(published: Event, snapshot) -> None:
    mails.queue_summary(published, False, NOW)
    action = services.actions_of(published)[0]
    week = NOW + timedelta(days=7, hours=1)
    with time_machine.travel(week.replace(tzinfo=UTC), tick=False):
        services.bulk_status(published, [action.id], "done", "", week - timedelta(hours=1))
        assert mails.queue_updates(published, week) == 3
    assert outbox_rows(mails.UPDATE) == snapshot


def test_the_owner_reminders(owned: Action, snapshot) -> None:
    assert mails.queue_owner_reminders(date(2026, 12, 3)) == 1  # a week before
    assert mails.queue_owner_reminders(date(2026, 12, 11)) == 1  # the date has passed
    assert outbox_rows(mails.OWNER) == snapshot


def test_the_coordinator_reminder(make_event: Callable[..., Event], coordinator: User,
                                  snapshot) -> None:  # fmt: skip
    with time_machine.travel(PINNED, tick=False):
        event = build_held_meeting(make_event(date=EVENING, status="held"))
        pin_tokens(event)
        assert mails.queue_coordinator_reminders(date(2026, 11, 17)) == 1
    assert outbox_rows(mails.COORDINATOR) == snapshot
