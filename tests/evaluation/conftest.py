"""A meeting on a pinned evening, and helpers to answer its evaluation form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.models import Event

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EVENING = date(2027, 3, 11)
CLOSING = datetime(2027, 3, 11, 21, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def at_closing() -> Iterator[time_machine.Coordinates]:
    """The school's clock stands at the closing of the evening (and moves only when told)."""
    with time_machine.travel(CLOSING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def evening(make_event: Callable[..., Event]) -> Event:
    event = make_event(date=EVENING, start_time=time(19, 0), status="invited")
    event.evaluation_question = "Wat neemt u mee naar huis?"
    event.evaluation_question_translations = {"ar": "ماذا تأخذون معكم إلى البيت؟"}
    db.session.commit()
    return event


def form_url(event: Event, lang: str | None = None) -> str:
    return f"/f/{event.evaluation_token}" + (f"?lang={lang}" if lang else "")


def send(client: FlaskClient, event: Event, lang: str | None = None, **fields: Any) -> Any:
    data = {"rating": "4", "good": "", "better": "", "free_answer": "", **fields}
    return client.post(form_url(event, lang), data=data)


def new_phone(client: FlaskClient, event: Event) -> FlaskClient:
    """The same test client as a phone that never answered (its evaluation cookie gone)."""
    client.delete_cookie("evaluation", path=f"/f/{event.evaluation_token}")
    return client
