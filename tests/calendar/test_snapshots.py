"""Every calendar file the app hands out, kept as .ics files under __snapshots__: the staff
download, the parents' own calendar (Dutch and Arabic), and the files that travel with
mail (invitation, update, cancellation). Time is pinned and every token fixed, so a diff
is a real change in what calendars read (`pytest --snapshot-update` to accept one)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, time

import pytest
import time_machine
from flask.testing import FlaskClient
from sqlalchemy import select, update

from eventkit.events import schedule
from eventkit.events.services import EventData, update_event
from eventkit.extensions import db
from eventkit.mail import outbox, services
from eventkit.models import Event, OutboxMessage, Participant
from tests.invitations.conftest import add_household
from tests.snapshots import IcsSnapshot, pin_tokens

from .conftest import WINTER

NOW = datetime(2030, 11, 20, 8, 0, tzinfo=UTC)


@pytest.fixture
def ics_snapshot(snapshot):
    return snapshot.use_extension(IcsSnapshot)


@pytest.fixture
def evening(
    meeting: Callable[..., Event], make_staff: Callable[..., Participant]
) -> Iterator[Event]:
    """A winter meeting with a teacher and two homes (Dutch, Arabic), at a pinned time."""
    with time_machine.travel(NOW, tick=False):
        event = meeting(WINTER, title="Ouderavond aanwezigheid", planned_end=time(21, 15))
        make_staff(event, "Jan", last_name="de Vries")
        add_household(event, language="nl", carers=(("Amina Bakker", "amina@home.example"),))
        add_household(event, language="ar", carers=(("Mariam Haddad", "mariam@home.example"),))
        pin_tokens(event)
        yield event


def test_the_staff_download(signed_in: FlaskClient, evening: Event, ics_snapshot) -> None:
    response = signed_in.get(f"/events/{evening.id}/calendar.ics")
    assert response.mimetype == "text/calendar"
    assert response.data == ics_snapshot


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_parents_own_calendar(
    client: FlaskClient, evening: Event, language: str, ics_snapshot
) -> None:
    household = next(h for h in evening.households if h.language == language)
    response = client.get(f"/i/{household.token}/calendar.ics")
    assert response.mimetype == "text/calendar"
    assert response.data == ics_snapshot


def _attachments(kind: str) -> dict[str, bytes]:
    query = select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
    return {row.to_address: row.ics.encode() for row in db.session.scalars(query) if row.ics}


def _send_invitations(event: Event) -> None:
    services.send(event, "staff")
    services.send(event, "parents")


def test_the_invitations(evening: Event, ics_snapshot) -> None:
    _send_invitations(evening)
    files = _attachments("invitation")
    assert sorted(files) == ["amina@home.example", "jan@delinde.example", "mariam@home.example"]
    assert files["jan@delinde.example"] == ics_snapshot(name="staff-request")
    assert files["amina@home.example"] == ics_snapshot(name="parent-publish")


def test_the_update_and_the_cancellation(evening: Event, ics_snapshot) -> None:
    _send_invitations(evening)
    db.session.execute(update(OutboxMessage).values(status=outbox.SENT))
    db.session.commit()
    update_event(evening, replace(EventData.of(evening), start_time=time(19, 30)))
    updates = _attachments("update")
    assert updates["jan@delinde.example"] == ics_snapshot(name="staff-update")
    assert updates["amina@home.example"] == ics_snapshot(name="parent-update")
    schedule.cancel(evening)
    cancellations = _attachments("cancellation")
    assert cancellations["jan@delinde.example"] == ics_snapshot(name="staff-cancel")
    assert cancellations["amina@home.example"] == ics_snapshot(name="parent-cancel")
