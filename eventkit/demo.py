"""A realistic demo school with a meeting built from the default template."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from .agenda import catalog
from .auth.services import create_user
from .clock import school_today
from .events.services import EventData, create_event
from .extensions import db
from .grouping.services import add_tables
from .models import (
    ActionStatus,
    Answer,
    EvaluationAnswer,
    Event,
    Household,
    NoteEntry,
    Participant,
    PersonRole,
    Pupil,
    Response,
    School,
    Status,
    User,
)

# The public demo's sign-in, printed by `eventkit demo` on purpose: not a secret.
DEMO_PASSWORD = "demo-ouderavond"  # nosec B105


@dataclass(frozen=True)
class DemoResult:
    school: School
    event: Event
    logins: list[tuple[str, str, str]]  # (e-mail, role, password)
    held: Event | None = None  # a meeting weeks ago, with its aftercare published


class DemoError(RuntimeError):
    pass


def next_tuesday(after: date) -> date:
    return after + timedelta(days=(1 - after.weekday()) % 7 or 7)


def demo_date(today: date) -> date:
    """A Tuesday about four weeks ahead, outside the Christmas holidays."""
    day = next_tuesday(today + timedelta(weeks=4))
    holiday_start = date(day.year if day.month == 12 else day.year - 1, 12, 19)
    holiday_end = date(holiday_start.year + 1, 1, 5)
    return next_tuesday(holiday_end) if holiday_start <= day <= holiday_end else day


def load_demo(today: date | None = None) -> DemoResult:
    if db.session.scalar(select(func.count()).select_from(School)):
        raise DemoError("the database is not empty; the demo only goes into an empty one")
    school = School(
        name="Het Baken College", city="Almere", address="Schoolstraat 1\n1315 AB Almere",
        contact_name="Fatima el Amrani", contact_phone="036 123 45 67",
    )  # fmt: skip
    db.session.add(school)
    db.session.flush()
    people = [
        ("coordinator@hetbaken.example", "Fatima el Amrani", "coordinator"),
        ("mentor@hetbaken.example", "Jeroen de Vries", "team"),
        ("ouderconsulent@hetbaken.example", "Ayşe Yılmaz", "facilitator"),
    ]
    users = [create_user(e, n, r, DEMO_PASSWORD, school) for e, n, r in people]
    meeting_day = demo_date(today or school_today())
    settings = EventData(
        title="Ouderavond: samen werken aan aanwezigheid",
        goal=(
            "Wij willen samen met ouders ontdekken hoe we verzuim voorkomen en hoe ouders "
            "en school elkaar beter kunnen vinden. Ouders kennen hun kind het best; "
            "wij willen van hen leren."
        ),
        date=meeting_day,
        start_time=time(19, 0),
        planned_end=time(21, 15),
        location="Het Baken College, Schoolstraat 12, Almere",
        room="Aula",
        target_group="Ouders en verzorgers van leerjaar 1, 2 en 3",
        rsvp_deadline=meeting_day - timedelta(days=7),
        status=Status.CONCEPT.value,
        language="nl",
    )
    event = create_event(school, settings, catalog.builtin("default", "nl"))
    for task in event.tasks[:3]:
        task.done = True
    for task, user in zip(event.tasks, users * 4, strict=False):
        task.owner_id = user.id
    add_demo_people(event)
    db.session.commit()
    held = add_held_meeting(school, users, today or school_today())
    return DemoResult(school, event, [(u.email, u.role, DEMO_PASSWORD) for u in users], held)


# (first name, last name, home language) of carers; children take the last name.
FAMILIES = [
    ("Sanne", "de Jong", "nl"), ("Mehmet", "Yılmaz", "tr"), ("Fatima", "Bouzid", "ar"),
    ("Anna", "Kowalska", "pl"), ("Olena", "Shevchenko", "uk"), ("Rajesh", "Ramdin", "nl"),
    ("Petra", "Visser", "nl"), ("Hatice", "Demir", "tr"), ("Youssef", "El Idrissi", "ar"),
    ("Marek", "Nowak", "pl"), ("Linda", "Bakker", "nl"), ("Ayaan", "Hassan", "so"),
    ("Jeroen", "Mulder", "nl"), ("Zeynep", "Kaya", "tr"), ("Nadia", "Amrani", "ar"),
    ("Kees", "de Vries", "nl"), ("Iryna", "Bondarenko", "uk"), ("Shirley", "Pinas", "nl"),
    ("Emine", "Çelik", "tr"), ("Tom", "Smit", "nl"), ("Samira", "Ouali", "ar"),
    ("Joanna", "Wiśniewska", "pl"), ("Marieke", "Jansen", "nl"), ("Abdi", "Warsame", "so"),
    ("Bart", "Hendriks", "nl"), ("Ahmet", "Öztürk", "tr"), ("Zoë", "van Dijk", "nl"),
    ("Khadija", "Benali", "ar"), ("Daan", "Peters", "nl"), ("Oksana", "Melnyk", "uk"),
    ("Ingrid", "Koster", "nl"), ("Karim", "Haddou", "ar"), ("Esther", "Bos", "nl"),
    ("Agnieszka", "Zielińska", "pl"), ("Mustafa", "Arslan", "tr"), ("Wendy", "Meijer", "nl"),
]  # fmt: skip
PARTNERS = ["Mark", "Ali", "Said", "Piotr", "Andriy", "Sunita", "Erik", "Hasan", "Ilse"]
CHILDREN = ["Noah", "Emma", "Yusuf", "Lina", "Daan", "Sara", "Milan", "Aya", "Lucas", "Nora",
            "Adam", "Julia", "Bilal", "Mila", "Sem", "Zara", "Finn", "Amira"]  # fmt: skip
STAFF = [
    ("Jeroen", "de Vries", "mentor", True, ["2A"]),
    ("Ayşe", "Yılmaz", "ouderconsulent", True, []),
    ("Fatima", "el Amrani", "teamleider", True, []),
    ("Lotte", "Brouwer", "mentor", True, ["1A"]),
    ("Hamid", "Tahiri", "mentor", True, ["1B"]),
    ("Ellen", "Vos", "mentor", False, ["2B"]),
    ("Ruben", "Dekker", "mentor", True, ["3A"]),
    ("Nicole", "Prins", "mentor", False, ["3B"]),
    ("Gerard", "Willems", "zorgcoördinator", True, []),
    ("Mariam", "Saidi", "docent", False, []),
    ("Bas", "Kuipers", "docent", False, []),
]  # fmt: skip


def add_demo_people(event: Event, seed: int = 7) -> None:
    """Households with children in years 1-3 (most said yes), staff, and six tables."""
    rng = random.Random(seed)  # nosec B311 # made-up demo people, repeatable by seed
    theme_ids = [t.id for t in event.themes]
    for n, (first, last, language) in enumerate(FAMILIES):
        _demo_household(event, rng, n, first, last, language, theme_ids)
    for first, last, function, facilitates, classes in STAFF:
        email = f"{first}.{last}".lower().replace(" ", "") + "@hetbaken.example"
        db.session.add(
            Participant(
                event=event,
                role=PersonRole.STAFF,
                first_name=first,
                last_name=last,
                email=email,
                function=function,
                can_facilitate=facilitates,
                mentor_of=classes,
            )  # fmt: skip
        )
    add_tables(event, 6, min_size=6, max_size=12)


def _demo_household(
    event: Event, rng: random.Random, n: int, first: str, last: str, language: str,
    theme_ids: list[int],
) -> None:  # fmt: skip
    household = Household(event=event, language=language)
    year = str(1 + n % 3)
    klass = year + rng.choice("AB")
    for child in rng.sample(CHILDREN, 2 if n % 9 == 0 else 1):
        household.pupils.append(
            Pupil(first_name=child, last_name=last, class_name=klass, year=year)
        )
    email = f"{first}.{last}".lower().replace(" ", "") + "@example.org" if n % 5 else ""
    carers = [(first, email)] + ([(PARTNERS[n % len(PARTNERS)], "")] if n % 3 == 0 else [])
    for carer_first, carer_email in carers:
        household.carers.append(
            Participant(
                event=event,
                role=PersonRole.PARENT,
                first_name=carer_first,
                last_name=last,
                email=carer_email,
                language=language,
            )  # fmt: skip
        )
    db.session.add(household)
    roll = rng.random()
    if roll < 0.72:
        ranked = rng.sample(theme_ids, min(len(theme_ids), rng.choice([1, 2])))
        household.response = Response(
            answer=Answer.YES, adults=len(carers), pupil_comes=n % 6 == 0, themes=ranked,
            interpreter=language in ("ar", "so") and n % 2 == 0,
            interpreter_language=language if language in ("ar", "so") else "",
            language=language, question=_QUESTIONS[n % len(_QUESTIONS)] if n % 4 == 0 else "",
        )  # fmt: skip
    elif roll < 0.85:
        household.response = Response(
            answer=rng.choice([Answer.NO, Answer.MAYBE]), language=language
        )


_QUESTIONS = [
    "Hoe hoor ik eerder dat mijn kind een les heeft gemist?",
    "Kan de mentor vaker iets laten weten als het goed gaat?",
    "Wat kan ik thuis doen als mijn kind geen zin heeft in school?",
    "Ik spreek niet goed Nederlands; kan er een tolk bij gesprekken zijn?",
]


# --- a meeting that was held: notes, evaluation, actions and the public aftercare page -----

HELD_NOTES = [
    # table number (0: the arena), kind, text as written on the evening
    (0, "arena", "Ouders willen eerder horen als hun kind een les mist, en ook horen wat "
                 "goed gaat. De school wil ouders vaker bellen in plaats van mailen."),
    (1, "goes_well", "De mentor belt snel terug als je iets vraagt."),
    (1, "difficult", "Een melding van verzuim komt pas na een week."),
    (1, "idea", "Een bericht in de app op de dag zelf als mijn kind er niet is."),
    (2, "difficult", "Brieven zijn lastig te lezen als je weinig Nederlands kent."),
    (2, "idea", "Een ouderavond ook in de middag, voor ouders die avonds werken."),
    (2, "question", "Kunnen we de mentor ook even spreken zonder afspraak?"),
    (3, "goes_well", "Meneer Tahiri legt thuis goed uit wat er speelt."),
    (3, "idea", "Elke week cijfers in de app, niet pas bij het rapport."),
    (4, "idea", "Een tolk bij het eerste gesprek van het schooljaar."),
]  # fmt: skip
# (title, the start of the note it answers, status, owner role or None, weeks to target, reason)
HELD_ACTIONS = [
    ("Bericht op de dag zelf bij verzuim", "Een bericht in de app", "in_progress", None, 4, ""),
    ("Belangrijke brieven ook in eenvoudig Nederlands en met vertaling", "Brieven zijn",
     "planned",
     "De ouderconsulent", 8, ""),
    ("Tolk bij het eerste mentorgesprek", "Een tolk", "done", "De mentoren van leerjaar 1", -1, ""),
    ("Elke week cijfers in de app", "Elke week cijfers", "not_adopted", "De teamleiders", None,
     "Docenten zetten cijfers na elke toets in de app. Elke week een cijfer zou betekenen "
     "dat er meer toetsen komen, en dat willen we niet."),
]  # fmt: skip


def add_held_meeting(school: School, users: list[User], today: date) -> Event:
    """A meeting three weeks ago: who came, the notes, an evaluation, actions, published."""
    from .aftercare import services as aftercare

    day = next_tuesday(today - timedelta(weeks=4))
    settings = EventData(
        title="Ouderavond: hoe houden we contact?", date=day,
        start_time=time(19, 0), planned_end=time(21, 15),
        location="Het Baken College, Schoolstraat 12, Almere", room="Aula",
        target_group="Ouders en verzorgers van leerjaar 1 en 2",
        status=Status.HELD.value, language="nl",
        goal="Samen met ouders kijken hoe school en thuis elkaar beter en eerder bereiken.",
    )  # fmt: skip
    event = create_event(school, settings, catalog.builtin("default", "nl"))
    add_demo_people(event, seed=11)
    for person in event.participants:
        response = person.household.response if person.household else None
        person.present = person.leads_table or (
            response is not None and response.answer == Answer.YES and person.id % 4 != 0
        )
    if event.blocks:
        event.blocks[1].live_delta = 10  # the arena ran over
        event.blocks[-1].live_delta = -5
    now = datetime.combine(day, time(21, 0))
    notes = _held_notes(event, now)
    _held_evaluation(event, day)
    _held_actions(event, users, notes, now, today)
    event.aftercare_texts = {
        "nl": {"intro": "Dank u wel voor uw komst en uw ideeën!",
               "next_steps": "In het voorjaar praten we opnieuw met ouders over wat er is "
                             "veranderd."},
        "en": {"intro": "Thank you for coming and for your ideas!"},
    }  # fmt: skip
    aftercare.publish(event, now + timedelta(days=6))
    return event


def _held_notes(event: Event, now: datetime) -> list[NoteEntry]:
    """The notes, reviewed; the one that names a teacher is flagged and kept off the page."""
    tables = {t.number: t for t in event.tables}
    notes = []
    for number, kind, text in HELD_NOTES:
        named = "Tahiri" in text
        note = NoteEntry(
            event_id=event.id, table=tables.get(number), kind=kind, text=text,
            author=f"Tafel {number}" if number else "Arena", created_at=now,
            public_text=text, publish=not named, names_person=named,
        )  # fmt: skip
        db.session.add(note)
        notes.append(note)
    db.session.flush()
    return notes


def _held_evaluation(event: Event, day: date) -> None:
    ratings = [5, 4, 4, 5, 3, 4, 5, 4, 2]
    again = ["yes", "yes", "maybe", "yes", "maybe", "yes", "yes", "no", "yes"]
    languages = ["nl", "tr", "nl", "ar", "nl", "pl", "nl", "uk", "nl"]
    for rating, come, lang in zip(ratings, again, languages, strict=True):
        good = "Fijn om andere ouders te spreken." if rating >= 4 else ""
        db.session.add(EvaluationAnswer(event_id=event.id, day=day, rating=rating,
                                        come_again=come, language=lang, good=good))  # fmt: skip


def _held_actions(event: Event, users: list[User], notes: list[NoteEntry],
                  now: datetime, today: date) -> None:  # fmt: skip
    from .aftercare import services as aftercare

    mentor = users[1]
    for title, start, status, role, weeks, reason in HELD_ACTIONS:
        note = next(n for n in notes if n.text.startswith(start))
        action = aftercare.action_from_note(event, note, now)
        target = today + timedelta(weeks=weeks) if weeks is not None else None
        aftercare.save_action(event, action, aftercare.ActionData(
            title=title, status=status, progress=None, reason=reason,
            target_date=target, owner_id=None if role else mentor.id,
            owner_label=role or "", owner_public=role is None,
            theme_id=action.theme_id, description="",
        ), now + timedelta(days=3))  # fmt: skip
        if status == ActionStatus.IN_PROGRESS.value:
            aftercare.add_update(event, action, today - timedelta(days=10),
                                 "Proef gestart in leerjaar 1.", now)  # fmt: skip
            aftercare.add_update(event, action, today - timedelta(days=3),
                                 "De eerste ouders krijgen het bericht.", now)  # fmt: skip
            action.translations = {
                "ar": {"title": "رسالة في نفس اليوم عند الغياب"},
                "tr": {"title": "Devamsızlıkta aynı gün mesaj"},
            }
    db.session.commit()
