"""Fixtures of the grouping tests."""

from __future__ import annotations

import pytest

from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services


@pytest.fixture
def grouped(make_event):
    """The demo evening (six tables) with its groups made."""
    event = make_event()
    add_demo_people(event)
    db.session.commit()
    services.make_groups(event, time_limit=1)
    return event
