"""A meeting of a large school (2000 households), for benchmarks and statement-count tests.

Sized by the number of households; everything else scales with it so that a test can build
the same meeting at 20 and at 200 households and compare what each page costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from .agenda import catalog
from .events.services import EventData, create_event
from .extensions import db
from .models import (
    Answer,
    EvaluationAnswer,
    Event,
    EventTable,
    Household,
    NoteEntry,
    Participant,
    PersonRole,
    Pupil,
    Response,
    School,
    Seat,
)

LANGUAGES = ("nl", "nl", "nl", "en", "tr", "ar", "pl", "uk")
FIRST = ("Ayşe", "Mohammed", "Zoë", "Łukasz", "Олена", "Sanne", "Sem", "Noor", "Daan", "Lina")
CHILDREN = ("Noah", "Emma", "Yusuf", "Lina", "Milan", "Aya", "Lucas", "Nora", "Adam", "Julia")


@dataclass(frozen=True)
class Size:
    """How big the meeting is; the defaults are the school of issue 13."""

    households: int = 2036
    staff: int = 100
    tables: int = 100
    seated: int = 1120

    @classmethod
    def scaled(cls, households: int) -> Size:
        """A meeting with the same proportions as the default one."""
        tables = max(2, households * 100 // 2036)
        return cls(households, max(2, tables), tables, households * 1120 // 2036)


def build(school: School, size: Size, day: date) -> Event:
    """A meeting with households, answers, staff, tables, seats, notes and evaluations."""
    settings = EventData(
        title="Ouderavond aanwezigheid", date=day, start_time=time(19),
        planned_end=time(21, 15), location="Schoolstraat 12", room="Aula",
        rsvp_deadline=day, language="nl", status="invited",
        goal="Samen ontdekken hoe we verzuim voorkomen.",
    )  # fmt: skip
    event = create_event(school, settings, catalog.builtin("default", "nl"))
    theme_ids = [t.id for t in event.themes]
    parents = [_household(event, n, theme_ids) for n in range(size.households)]
    staff = [_staff(event, n) for n in range(size.staff)]
    tables = [
        EventTable(number=n + 1, theme_id=theme_ids[n % len(theme_ids)] if theme_ids else None,
                   min_size=6, max_size=14)
        for n in range(size.tables)
    ]  # fmt: skip
    event.tables.extend(tables)
    db.session.flush()
    coming = [p for group in parents for p in group[1]] + staff
    for index, person in enumerate(coming[: size.seated]):
        db.session.add(Seat(table=tables[index % len(tables)], participant=person))
    for index, table in enumerate(tables):
        db.session.add(
            NoteEntry(event_id=event.id, table=table, kind="idea", author=f"Tafel {table.number}",
                      text=f"Een idee van tafel {table.number}", public_text="Een idee",
                      created_at=datetime.combine(day, time(20, index % 60)))
        )  # fmt: skip
    for n in range(size.households // 10):
        db.session.add(EvaluationAnswer(event_id=event.id, day=day, rating=1 + n % 5,
                                        come_again="yes", language=LANGUAGES[n % 8]))  # fmt: skip
    db.session.commit()
    return event


def _household(event: Event, n: int, theme_ids: list[int]) -> tuple[Household, list[Participant]]:
    """Household n: one in four has two carers and two children; most answered, most yes."""
    language = LANGUAGES[n % len(LANGUAGES)]
    household = Household(event=event, language=language)
    two = n % 4 == 0
    for k in range(1 + two):
        pupil = Pupil(first_name=CHILDREN[(n + k) % len(CHILDREN)], last_name=f"Achternaam{n}")
        pupil.class_name, pupil.year = f"{1 + n % 6}{'ABC'[n % 3]}", str(1 + n % 6)
        household.pupils.append(pupil)
    carers = []
    for k in range(1 + two):
        email = f"ouder{n}.{k}@example.org" if n % 5 else ""
        carer = Participant(event=event, first_name=FIRST[(n + k) % len(FIRST)],
                            last_name=f"Achternaam{n}", email=email, language=language)  # fmt: skip
        household.carers.append(carer)
        carers.append(carer)
    db.session.add(household)
    if n % 10 < 7:
        household.response = Response(
            answer=Answer.YES, adults=len(carers), themes=theme_ids[n % 2 : n % 2 + 2],
            interpreter=language == "ar", language=language,
            question="Hoe hoor ik eerder dat mijn kind mist?" if n % 8 == 0 else "",
        )  # fmt: skip
    elif n % 10 == 7:
        household.response = Response(answer=Answer.NO, language=language)
    coming = carers if n % 10 < 7 else []
    return household, coming


def _staff(event: Event, n: int) -> Participant:
    person = Participant(
        event=event, role=PersonRole.STAFF, first_name=FIRST[n % len(FIRST)],
        last_name=f"Docent{n}", email=f"docent{n}@school.example",
        function="mentor" if n % 2 else "docent",
        can_facilitate=n % 3 != 0, mentor_of=[f"{1 + n % 6}{'ABC'[n % 3]}"] if n % 2 else [],
    )  # fmt: skip
    db.session.add(person)
    return person
