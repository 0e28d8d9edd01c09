"""Households, pupils, carers and answers made directly with the models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from eventkit.extensions import db
from eventkit.models import Event, Household, Participant, Pupil, Response, Theme

GOAL = "Samen ontdekken hoe we verzuim voorkomen.\nWij horen graag uw ervaring."
Child = tuple[str, str, str, str]  # first name, last name, class, year


def add_household(
    event: Event,
    language: str = "nl",
    children: Sequence[Child] = (("Ayşe", "Yılmaz", "2B", "2"),),
    carers: Sequence[tuple[str, str]] = (("Fatma Yılmaz", "fatma@example.test"),),
    answer: dict[str, Any] | None = None,
    **fields: Any,
) -> Household:
    household = Household(event=event, language=language, **fields)
    for first, last, class_name, year in children:
        household.pupils.append(
            Pupil(first_name=first, last_name=last, class_name=class_name, year=year)
        )
    for name, email in carers:
        first, _, last = name.partition(" ")
        carer = Participant(event=event, first_name=first, last_name=last, email=email)
        carer.phone = "0612345678"
        household.carers.append(carer)
    if answer is not None:
        household.response = Response(**{"answer": "yes", "adults": 1, **answer})
    db.session.add(household)
    db.session.commit()
    return household


@pytest.fixture
def make_household() -> Callable[..., Household]:
    return add_household


@pytest.fixture
def meeting(make_event: Callable[..., Event]) -> Event:
    """A meeting a month away, answers open for three more weeks, with a goal and themes."""
    event = make_event(goal=GOAL, rsvp_deadline=date.today() + timedelta(days=21))
    event.themes.append(Theme(title="Huiswerk", position=len(event.themes)))
    db.session.commit()
    return event
