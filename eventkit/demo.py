"""A realistic demo school with a meeting built from the default template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func, select

from .agenda import catalog
from .auth.services import create_user
from .events.services import create_event
from .extensions import db
from .models import Event, School, Status

DEMO_PASSWORD = "demo-ouderavond"


@dataclass(frozen=True)
class DemoResult:
    school: School
    event: Event
    logins: list[tuple[str, str, str]]  # (e-mail, role, password)


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
    school = School(name="Het Baken College", city="Almere")
    db.session.add(school)
    db.session.flush()
    people = [
        ("coordinator@hetbaken.example", "Fatima el Amrani", "coordinator"),
        ("mentor@hetbaken.example", "Jeroen de Vries", "team"),
        ("ouderconsulent@hetbaken.example", "Ayşe Yılmaz", "facilitator"),
    ]
    users = [create_user(e, n, r, DEMO_PASSWORD, school) for e, n, r in people]
    meeting_day = demo_date(today or date.today())
    fields = {
        "title": "Ouderavond: samen werken aan aanwezigheid",
        "goal": (
            "Wij willen samen met ouders ontdekken hoe we verzuim voorkomen en hoe ouders "
            "en school elkaar beter kunnen vinden. Ouders kennen hun kind het best; "
            "wij willen van hen leren."
        ),
        "date": meeting_day,
        "start_time": time(19, 0),
        "planned_end": time(21, 15),
        "location": "Het Baken College, Schoolstraat 12, Almere",
        "room": "Aula",
        "target_group": "Ouders en verzorgers van leerjaar 2",
        "rsvp_deadline": meeting_day - timedelta(days=7),
        "status": Status.CONCEPT.value,
        "language": "nl",
    }
    event = create_event(school, fields, catalog.builtin("default", "nl"))
    for task in event.tasks[:3]:
        task.done = True
    for task, user in zip(event.tasks, users * 4, strict=False):
        task.owner_id = user.id
    db.session.commit()
    return DemoResult(school, event, [(u.email, u.role, DEMO_PASSWORD) for u in users])
