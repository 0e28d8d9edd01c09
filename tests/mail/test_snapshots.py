"""Snapshots of every mail a meeting sends: staff calendar invitations, parent invitations,
reminders, gentle nudges, updates after a change of time, cancellations, and the team's
account mails. Time is pinned and every token fixed: a change in wording, layout or
calendar data shows up here as a diff to review (`pytest --snapshot-update` to accept)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from flask import Flask
from sqlalchemy import update

from eventkit.events import schedule
from eventkit.events.services import EventData, update_event
from eventkit.extensions import db
from eventkit.mail import outbox, services
from eventkit.models import Event, OutboxMessage, Participant, User
from eventkit.team import services as team
from tests.factories import UserFactory
from tests.snapshots import outbox_rows, pin_tokens

NOW = datetime(2030, 11, 20, 8, 0, tzinfo=UTC)  # 09:00 at school, three weeks before
DAY = date(2030, 12, 10)


@pytest.fixture
def pinned() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def evening(
    pinned: None,
    make_event: Callable[..., Event],
    make_staff: Callable[..., Participant],
    make_carer: Callable[..., Participant],
) -> Event:
    """Two staff (Dutch, English) and three homes: yes (nl), not answered (tr), maybe (ar)."""
    event = make_event(
        date=DAY, start_time=time(19, 0), planned_end=time(21, 15),
        rsvp_deadline=date(2030, 12, 3), goal="Samen werken aan aanwezigheid.",
    )  # fmt: skip
    make_staff(event, "Jan", language="en")
    make_staff(event, "Eva", last_name="Jansen")
    make_carer(event, "Amina", "nl", answer="yes", last_name="Bakker")
    make_carer(event, "Ayşe", "tr", last_name="Yılmaz")
    make_carer(event, "Mariam", "ar", answer="maybe", last_name="Haddad")
    pin_tokens(event)
    return event


def _all_sent() -> None:
    db.session.execute(update(OutboxMessage).values(status=outbox.SENT))
    db.session.commit()


def test_invitations(evening: Event, snapshot) -> None:
    services.send(evening, "staff")
    services.send(evening, "parents")
    assert outbox_rows() == snapshot


def test_reminders_and_nudges(evening: Event, snapshot) -> None:
    services.send(evening, "parents")
    _all_sent()
    assert services.send(evening, "remind", date(2030, 12, 7)) == 3
    assert outbox_rows("reminder", "nudge") == snapshot


def test_updates_after_a_change_of_time(evening: Event, snapshot) -> None:
    services.send(evening, "staff")
    services.send(evening, "parents")
    _all_sent()
    update_event(evening, replace(EventData.of(evening), start_time=time(19, 30), room="Gymzaal"))
    assert outbox_rows("update") == snapshot


def test_cancellations(evening: Event, snapshot) -> None:
    services.send(evening, "staff")
    services.send(evening, "parents")
    _all_sent()
    schedule.cancel(evening)
    assert outbox_rows("cancellation") == snapshot


@pytest.fixture
def colleague(pinned: None, school) -> User:
    """A colleague with a fixed password hash: the links in team mails are signed with it."""
    return UserFactory(
        school=school, name="Sanne Visser", email="sanne@delinde.example", role="team",
        password_hash="scrypt:snapshot", locale="nl",
    )  # fmt: skip


@pytest.mark.parametrize("purpose", [team.INVITE, team.RESET])
def test_team_account_mails(
    app: Flask, colleague: User, coordinator: User, purpose: str, snapshot
) -> None:
    with app.test_request_context("/", base_url="http://eventkit.test"):
        mail = team.compose(colleague, purpose, inviter=coordinator)
    assert {"subject": mail.subject, "text": mail.text, "html": mail.html} == snapshot
