"""factory_boy factories for the models, bound to Flask-SQLAlchemy's session.

Use them inside the `app` fixture (an app context is open there): every factory call adds
its row and commits, like the hand-built rows they replace. A meeting made here is bare
(no agenda, no tables): `make_event` in tests/conftest.py still builds one from a template.

    household = HouseholdFactory(event=event, language="tr")
    PupilFactory(household=household, first_name="Ayşe")
    ParentFactory(household=household)          # a carer of that household
    ResponseFactory(household=household, answer="yes", adults=2)
"""

from __future__ import annotations

from datetime import date, time, timedelta
from functools import cache
from typing import Any

import factory
from factory.alchemy import SQLAlchemyModelFactory
from werkzeug.security import generate_password_hash

from eventkit.extensions import db
from eventkit.models import (
    Action,
    AgendaBlock,
    EvaluationAnswer,
    Event,
    EventTable,
    Household,
    NoteEntry,
    NoteKind,
    Participant,
    Pupil,
    Response,
    School,
    Seat,
    Task,
    Theme,
    User,
)
from tests.conftest import PASSWORD


@cache
def _password_hash() -> str:
    """Hashed once per run: scrypt is slow on purpose, and every test user shares it."""
    return generate_password_hash(PASSWORD)


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731 # the app's session
        sqlalchemy_session_persistence = "commit"


class SchoolFactory(Base):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"OBS De Linde {n}" if n else "OBS De Linde")
    city = "Utrecht"


class UserFactory(Base):
    """A staff account that signs in with PASSWORD."""

    class Meta:
        model = User

    school = factory.SubFactory(SchoolFactory)
    role = "coordinator"
    email = factory.Sequence(lambda n: f"user{n}@school.test")
    name = factory.Sequence(lambda n: f"Collega {n}")
    password_hash = factory.LazyFunction(_password_hash)


class EventFactory(Base):
    """A bare meeting a month away (no agenda blocks, themes or tables)."""

    class Meta:
        model = Event

    school = factory.SubFactory(SchoolFactory)
    title = "Ouderavond aanwezigheid"
    date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    start_time = time(19, 0)
    planned_end = time(21, 15)
    location = "Schoolstraat 1"
    room = "Aula"
    target_group = "Ouders van leerjaar 2"
    status = "concept"
    language = "nl"


class ThemeFactory(Base):
    class Meta:
        model = Theme

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Thema {n + 1}")
    position = factory.LazyAttribute(lambda o: len(o.event.themes))


class AgendaBlockFactory(Base):
    class Meta:
        model = AgendaBlock

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Onderdeel {n + 1}")
    kind = "other"
    duration = 15
    position = factory.LazyAttribute(lambda o: len(o.event.blocks))


class TaskFactory(Base):
    class Meta:
        model = Task

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Taak {n + 1}")
    days_before = 7


class HouseholdFactory(Base):
    """A household of a meeting: add pupils, carers and an answer with the factories below."""

    class Meta:
        model = Household

    event = factory.SubFactory(EventFactory)
    language = "nl"


class PupilFactory(Base):
    class Meta:
        model = Pupil

    household = factory.SubFactory(HouseholdFactory)
    first_name = "Ayşe"
    last_name = "Yılmaz"
    class_name = "2B"
    year = "2"


class ParticipantFactory(Base):
    """A person at the meeting; a parent unless told otherwise."""

    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    role = "parent"
    first_name = factory.Sequence(lambda n: f"Ouder{n}")
    last_name = "de Vries"
    email = factory.LazyAttribute(lambda o: f"{o.first_name.lower()}@example.test")
    language = "nl"


class ParentFactory(ParticipantFactory):
    """A carer of a household (the household's meeting is theirs too)."""

    household = factory.SubFactory(HouseholdFactory)
    event = factory.LazyAttribute(lambda o: o.household.event)


class StaffFactory(ParticipantFactory):
    role = "staff"
    first_name = factory.Sequence(lambda n: f"Docent{n}")
    email = factory.LazyAttribute(lambda o: f"{o.first_name.lower()}@delinde.example")
    can_facilitate = True


class ResponseFactory(Base):
    class Meta:
        model = Response

    household = factory.SubFactory(HouseholdFactory)
    answer = "yes"
    adults = 1


class EventTableFactory(Base):
    class Meta:
        model = EventTable

    event = factory.SubFactory(EventFactory)
    number = factory.LazyAttribute(lambda o: len(o.event.tables) + 1)


class SeatFactory(Base):
    class Meta:
        model = Seat

    table = factory.SubFactory(EventTableFactory)
    participant = factory.SubFactory(
        ParticipantFactory, event=factory.SelfAttribute("..table.event")
    )


def _new_event_id(_: Any) -> int:
    return int(EventFactory().id)


class NoteEntryFactory(Base):
    """A note of a meeting (pass event_id=, and table= for a table's card)."""

    class Meta:
        model = NoteEntry

    event_id = factory.LazyAttribute(_new_event_id)
    kind = NoteKind.IDEA.value
    text = "Ouders willen vaker horen hoe het gaat."


class EvaluationAnswerFactory(Base):
    """An anonymous evaluation answer (pass event_id=)."""

    class Meta:
        model = EvaluationAnswer

    event_id = factory.LazyAttribute(_new_event_id)
    day = factory.LazyAttribute(lambda o: db.session.get(Event, o.event_id).date)
    rating = 4


class ActionFactory(Base):
    """An aftercare action (pass event_id=)."""

    class Meta:
        model = Action

    event_id = factory.LazyAttribute(_new_event_id)
    title = factory.Sequence(lambda n: f"Afspraak {n + 1}")


def household_with(
    event: Event, children: int = 1, carers: int = 1, answer: str | None = None, **fields: Any
) -> Household:
    """A household with its pupils, carers and (given an answer) a response, in one call."""
    household = HouseholdFactory(event=event, **fields)
    PupilFactory.create_batch(children, household=household)
    ParentFactory.create_batch(carers, household=household)
    if answer is not None:
        ResponseFactory(household=household, answer=answer)
    return household
