"""A meeting with two theme tables, ready for notes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventkit.grouping.services import add_tables
from eventkit.models import Event, EventTable


@pytest.fixture
def evening(make_event: Callable[..., Event]) -> Event:
    event = make_event(status="invited")
    add_tables(event, 2, min_size=4, max_size=10)
    return event


@pytest.fixture
def table(evening: Event) -> EventTable:
    return evening.tables[0]
