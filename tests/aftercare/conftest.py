"""A meeting after its evening: people at the door, table notes, an arena summary, an
evaluation and parents' questions, all made directly with the models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from eventkit.aftercare import services
from eventkit.extensions import db
from eventkit.grouping.services import add_tables
from eventkit.models import Action, EvaluationAnswer, Event, NoteEntry, Participant, Pupil, User
from tests.invitations.conftest import add_household

EVENING = date(2026, 11, 10)
NOW = datetime(2026, 11, 20, 10, 0)
STAFF = ("Lotte", "Brouwer", "lotte.brouwer@school.test")
FAMILIES = [
    # language, carer, e-mail, child, class, present, question
    ("tr", "Fatma Yılmaz", "fatma@example.test", "Ayşe", "2B", True, "Hoe hoor ik eerder iets?"),
    ("nl", "Jan Bakker", "jan@example.test", "Noor", "2A", True, ""),
    ("ar", "Mariam Haddad", "mariam@example.test", "Yusuf", "1A", True, "Kan er een tolk zijn?"),
    ("uk", "Olena Shevchenko", "olena@example.test", "Daria", "1A", False, ""),
]
NOTES = [
    # table number (0: arena), kind, text
    (1, "goes_well", "De mentor belt snel terug als er iets is."),
    (1, "idea", "Een korte app-melding bij elk verzuim."),
    (2, "difficult", "Juf Brouwer reageert nooit op mail."),
    (2, "question", "Wanneer krijgen we de cijfers?"),
    (0, "arena", "Ouders willen eerder horen wat er speelt, en ook wat goed gaat."),
]


def add_note(event: Event, table_number: int, kind: str, text: str, **fields: object) -> NoteEntry:
    table = next((t for t in event.tables if t.number == table_number), None)
    note = NoteEntry(event_id=event.id, table=table, kind=kind, text=text, author="Tafel",
                     **fields)  # fmt: skip
    db.session.add(note)
    db.session.commit()
    return note


def build_held_meeting(event: Event) -> Event:
    """Fill a meeting with what its evening left behind."""
    event.status = "held"
    add_tables(event, 3, min_size=2, max_size=10)
    for lang, carer, email, child, klass, present, question in FAMILIES:
        answer = {"answer": "yes", "language": lang, "question": question}
        household = add_household(
            event, language=lang, children=((child, carer.split()[1], klass, klass[0]),),
            carers=((carer, email),), answer=answer, invited_at=datetime(2026, 10, 1),
        )  # fmt: skip
        household.carers[0].present = present
    first, last, email = STAFF
    db.session.add(Participant(event=event, role="staff", first_name=first, last_name=last,
                               email=email, present=True))  # fmt: skip
    for number, kind, text in NOTES:
        add_note(event, number, kind, text)
    for n in range(6):
        db.session.add(EvaluationAnswer(event_id=event.id, day=EVENING, rating=3 + n % 3,
                                        come_again=("yes", "maybe", "yes")[n % 3],
                                        good="Goede sfeer" if n % 2 else ""))  # fmt: skip
    db.session.commit()
    return event


@pytest.fixture
def held(make_event: Callable[..., Event]) -> Event:
    event = make_event(date=EVENING, status="held", goal="Samen werken aan aanwezigheid.")
    return build_held_meeting(event)


@pytest.fixture
def editor(make_user: Callable[..., User]) -> User:
    return make_user("team", name="Jeroen de Vries")


@pytest.fixture
def facilitator(make_user: Callable[..., User]) -> User:
    return make_user("facilitator", name="Hamid Tahiri")


def note_text(event: Event, fragment: str) -> NoteEntry:
    return next(n for n in db.session.scalars(db.select(NoteEntry)) if fragment in n.text)


PARTICLES = {"van", "der", "den", "de", "el", "la"}


def names_and_addresses() -> set[str]:
    """Every name part and address of the meeting's people, pupils and staff in the DB
    (particles such as "van" and two-letter parts are words, not names)."""
    found: set[str] = set()
    for person in db.session.scalars(db.select(Participant)):
        found |= {person.first_name, person.last_name, person.email}
    for pupil in db.session.scalars(db.select(Pupil)):
        found |= {pupil.first_name, pupil.last_name}
    for user in db.session.scalars(db.select(User)):
        found |= {user.name, *user.name.split(), user.email}
    return {n for n in found if len(n) > 2 and n.lower() not in PARTICLES}


@pytest.fixture
def owned(published: Event, make_user: Callable[..., User]) -> Action:
    """The first action of the `published` meeting (each test module has its own), owned by
    a team member who reads English, ready by 10 December."""
    owner = make_user("team", name="Jeroen de Vries", email="jeroen@school.test")
    owner.locale = "en"
    action = services.actions_of(published)[0]
    action.owner_id, action.target_date = owner.id, date(2026, 12, 10)
    db.session.commit()
    return action
