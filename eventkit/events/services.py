"""Meetings: create, change, copy and delete; their themes and preparation tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import select

from ..agenda import services as agenda_services
from ..domain.planning import AgendaTemplate, due_date, is_overdue
from ..extensions import db
from ..models import Event, OutboxMessage, School, Status, Task, Theme, User, utcnow
from ..uow import transactional
from .schedule import note_schedule_change, schedule_of


@dataclass(frozen=True)
class EventData:
    """A meeting's own settings as the form (or the demo, a test) gives them.

    A change of only some settings starts from `EventData.of(event)` and
    `dataclasses.replace`s the rest, so the service always receives the whole meeting."""

    title: str
    date: dt.date
    start_time: time
    goal: str = ""
    planned_end: time | None = None
    location: str = ""
    room: str = ""
    target_group: str = ""
    rsvp_deadline: dt.date | None = None  # `date` is the field above here
    status: str = Status.CONCEPT.value
    language: str = "nl"

    @classmethod
    def of(cls, event: Event) -> EventData:
        """The meeting's current settings."""
        return cls(
            title=event.title, date=event.date, start_time=event.start_time, goal=event.goal,
            planned_end=event.planned_end, location=event.location, room=event.room,
            target_group=event.target_group, rsvp_deadline=event.rsvp_deadline,
            status=str(event.status), language=event.language,
        )  # fmt: skip


@dataclass(frozen=True)
class TaskRow:
    task: Task
    due: date
    overdue: bool


def events_of(school_id: int) -> list[Event]:
    query = select(Event).where(Event.school_id == school_id).order_by(Event.date.desc())
    return list(db.session.scalars(query))


@transactional
def create_event(school: School, data: EventData, template: AgendaTemplate) -> Event:
    event = Event(school=school, **_event_fields(data))
    db.session.add(event)
    db.session.flush()
    agenda_services.apply_template(event, template)
    return event


@transactional
def update_event(event: Event, data: EventData) -> None:
    before = schedule_of(event)
    for name, value in _event_fields(data).items():
        setattr(event, name, value)
    # Time or place changed: a higher SEQUENCE, and updated invitations for the invited.
    note_schedule_change(event, before)


def _event_fields(data: EventData) -> dict[str, Any]:
    clean = asdict(data)
    for name in ("title", "location", "room", "target_group"):
        clean[name] = clean[name].strip()
    return clean


def same_weekday_next_year(day: date) -> date:
    """52 weeks later: last year's Tuesday evening becomes this year's Tuesday."""
    return day + timedelta(weeks=52)


@transactional
def copy_event(event: Event, title: str, new_date: date) -> Event:
    """A new concept meeting with the same agenda, themes and (undone) tasks."""
    copy = Event(
        school_id=event.school_id,
        title=title.strip(),
        date=new_date,
        rsvp_deadline=(
            new_date - (event.date - event.rsvp_deadline) if event.rsvp_deadline else None
        ),
        **{
            name: getattr(event, name)
            for name in (
                "goal",
                "start_time",
                "planned_end",
                "location",
                "room",
                "target_group",
                "language",
            )
        },  # fmt: skip
    )
    db.session.add(copy)
    db.session.flush()
    agenda_services.apply_template(copy, agenda_services.as_template(event, title))
    for source, task in zip(event.tasks, copy.tasks, strict=True):
        task.owner_id = source.owner_id
    return copy


@transactional
def delete_event(event: Event) -> None:
    db.session.delete(event)


# --- tasks ---------------------------------------------------------------------------------


def task_rows(event: Event, today: date) -> list[TaskRow]:
    rows = []
    for task in event.tasks:
        due = due_date(event.date, task.days_before)
        rows.append(TaskRow(task, due, is_overdue(due, task.done, today)))
    return sorted(rows, key=lambda r: (r.due, r.task.position))


@transactional
def set_task_done(task: Task, done: bool) -> None:
    task.done = done
    task.done_at = utcnow() if done else None


@dataclass(frozen=True)
class TaskData:
    """A task as its form has it: the due date is stored as days before the meeting."""

    title: str
    description: str
    due_date: date
    owner_id: int | None


@transactional
def save_task(event: Event, task: Task | None, data: TaskData) -> Task:
    if task is None:
        task = Task(position=len(event.tasks))
        event.tasks.append(task)
    task.title = data.title
    task.description = data.description
    task.days_before = (event.date - data.due_date).days
    task.owner_id = data.owner_id
    return task


@transactional
def delete_task(event: Event, task: Task) -> None:
    event.tasks.remove(task)


def team_of(school_id: int) -> list[User]:
    query = select(User).where(User.school_id == school_id, User.active).order_by(User.name)
    return list(db.session.scalars(query))


# --- themes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeData:
    """A theme as its form has it: the guiding questions one per line, empty ones left out."""

    title: str
    description: str
    questions: tuple[str, ...]


@transactional
def save_theme(event: Event, theme: Theme | None, data: ThemeData) -> Theme:
    if theme is None:
        theme = Theme(position=len(event.themes))
        event.themes.append(theme)
    theme.title = data.title
    theme.description = data.description
    theme.questions = list(data.questions)
    return theme


@transactional
def delete_theme(event: Event, theme: Theme) -> None:
    event.themes.remove(theme)
    for position, rest in enumerate(event.themes):
        rest.position = position


# --- summaries -----------------------------------------------------------------------------


def summary(event: Event, with_agenda: bool = False) -> dict[str, Any]:
    """A machine-readable summary (the `eventkit events` JSON)."""
    plan = agenda_services.plan(event)
    data: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "date": event.date.isoformat(),
        "start": event.start_time.strftime("%H:%M"),
        "end": plan.announced_end.strftime("%H:%M"),
        "agenda_end": plan.end.strftime("%H:%M"),
        "planned_end": event.planned_end.strftime("%H:%M") if event.planned_end else None,
        "location": event.location,
        "room": event.room,
        "target_group": event.target_group,
        "status": event.status,
        "rsvp_deadline": event.rsvp_deadline.isoformat() if event.rsvp_deadline else None,
        "minutes": int((plan.end - plan.start).total_seconds() // 60),
        "warnings": [w.code for w in plan.warnings],
    }
    if with_agenda:
        data["themes"] = [{"title": t.title, "questions": t.questions} for t in event.themes]
        data["agenda"] = [
            {
                "number": slot.number,
                "depth": slot.depth,
                "title": slot.block.title,
                "kind": slot.block.kind.value,
                "start": slot.start.strftime("%H:%M"),
                "end": slot.end.strftime("%H:%M"),
                "minutes": slot.minutes,
                "who": slot.block.who,
            }
            for slot in plan.slots
        ]
    return data


# --- privacy -------------------------------------------------------------------------------


def personal_data_counts(event: Event) -> dict[str, int]:
    """What a meeting holds about families and staff (shown before erasing it)."""
    return {
        "households": len(event.households),
        "participants": len(event.participants),
        "mails": db.session.query(OutboxMessage).filter_by(event_id=event.id).count(),
    }


def erase_personal_data(event: Event, user: User | None = None) -> None:
    """Delete every person of the meeting wherever they are stored and keep the meeting:
    its agenda, themes, tasks, the notes' texts, the evaluation and the aftercare (AVG).

    The shredders of eventkit/privacy do the work (the same ones the retention purge and
    one household's deletion use); one audit entry records who deleted (None: eventkit)."""
    from ..privacy.services import erase_meeting

    erase_meeting(event, user, utcnow())
