"""What the follow-up report prints, as plain values built from the database.

Nothing here names a parent, pupil or staff member: counts, reviewed note texts, the
parents' questions without their household, and action owners only as the public page
shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, select

from ..aftercare import public, services
from ..domain.evaluation import Summary
from ..domain.live import PlanRow
from ..evaluation import services as evaluation
from ..extensions import db
from ..live import services as live
from ..models import (
    Action,
    Event,
    Household,
    NoteEntry,
    Participant,
    PersonRole,
    Pupil,
    Response,
)


@dataclass(frozen=True)
class Attendance:
    group: str  # parents, staff, pupils
    invited: int
    answered: int | None
    present: int


@dataclass(frozen=True)
class ClassRow:
    name: str
    households: int
    answered: int
    present: int


@dataclass(frozen=True)
class TableOutcome:
    number: int
    theme: str
    presentation: str
    notes: tuple[tuple[str, str], ...]  # (kind, text)


@dataclass(frozen=True)
class ActionRow:
    title: str
    theme: str
    owner: str
    target_date: date | None
    status: str
    progress: int
    reason: str
    updates: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class ReportData:
    language: str
    title: str
    school: str
    date: date
    start: datetime
    location: str = ""
    room: str = ""
    goal: str = ""
    themes: tuple[str, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    classes: tuple[ClassRow, ...] = ()
    plan: tuple[PlanRow, ...] = ()
    arena: tuple[str, ...] = ()
    tables: tuple[TableOutcome, ...] = ()
    questions: tuple[str, ...] = ()
    evaluation: Summary | None = None
    evaluation_count: int = 0
    actions: tuple[ActionRow, ...] = field(default_factory=tuple)
    next_steps: str = ""


def report_data(event: Event) -> ReportData:
    start = datetime.combine(event.date, event.start_time)
    notes = services.public_notes(event)
    return ReportData(
        language=event.language,
        title=event.title,
        school=event.school.name,
        date=event.date,
        start=start,
        location=event.location,
        room=event.room,
        goal=event.goal,
        themes=tuple(t.title for t in event.themes),
        attendance=attendance(event),
        classes=by_class(event),
        plan=plan_vs_actual(event),
        arena=tuple(
            services.shown_text(n) for n in services.arena_notes(notes) if services.is_public(n)
        ),  # fmt: skip
        tables=outcomes(event, notes),
        questions=tuple(r.question.strip() for r in services.questions_of(event)),
        evaluation=evaluation.results(event),
        evaluation_count=evaluation.answer_count(event),
        actions=tuple(_action_row(a) for a in services.actions_of(event)),
        next_steps=((event.aftercare_texts or {}).get("nl") or {}).get("next_steps", ""),
    )


def attendance(event: Event) -> tuple[Attendance, ...]:
    """Invited, answered and present per group, counted by the database (issue 13: reading
    every person and household of a school of 2000 families took most of a second)."""
    if event.erased_at is not None and (event.kept_numbers or {}).get("attendance"):
        return tuple(Attendance(**row) for row in event.kept_numbers["attendance"])
    per_role = select(
        Participant.role,
        func.count(),
        func.count(Response.id),
        func.count(_is(Participant.present.is_(True))),
    ).outerjoin(Response, Response.household_id == Participant.household_id)
    counts = {
        role: (invited, answered, present)
        for role, invited, answered, present in db.session.execute(
            per_role.where(Participant.event_id == event.id).group_by(Participant.role)
        )
    }
    parents, staff, students = (
        counts.get(role, (0, 0, 0))
        for role in (PersonRole.PARENT, PersonRole.STAFF, PersonRole.STUDENT)
    )
    households = select(Household.id).where(Household.event_id == event.id).scalar_subquery()
    pupils, coming = db.session.execute(
        select(
            select(func.count(Pupil.id))
            .where(Pupil.household_id.in_(households))
            .scalar_subquery(),
            select(func.count(Response.id))
            .where(Response.household_id.in_(households), Response.pupil_comes.is_(True))
            .scalar_subquery(),
        )
    ).one()
    return (
        Attendance("parents", parents[0], parents[1], parents[2]),
        Attendance("staff", staff[0], None, staff[2]),
        Attendance("pupils", pupils, coming, students[2]),
    )


def by_class(event: Event) -> tuple[ClassRow, ...]:
    """Households per class of their children (a household counts in each child's class),
    counted by the database: one row per class."""
    if event.erased_at is not None and "classes" in (event.kept_numbers or {}):
        return tuple(ClassRow(**row) for row in event.kept_numbers["classes"])
    name = func.coalesce(func.nullif(Pupil.class_name, ""), func.nullif(Pupil.year, ""), "—")
    classes = (
        select(Pupil.household_id, name.label("name"))
        .join(Household, Household.id == Pupil.household_id)
        .where(Household.event_id == event.id)
        .distinct()
        .subquery()
    )
    present = (
        select(Participant.id)
        .where(Participant.household_id == classes.c.household_id, Participant.present.is_(True))
        .exists()
    )
    query = (
        select(classes.c.name, func.count(), func.count(Response.id), func.count(_is(present)))
        .outerjoin(Response, Response.household_id == classes.c.household_id)
        .group_by(classes.c.name)
    )
    rows = [ClassRow(n, households, answered, here) for n, households, answered, here in
            db.session.execute(query)]  # fmt: skip
    return tuple(sorted(rows, key=lambda row: row.name))


def _is(condition: ColumnElement[bool]) -> ColumnElement[int | None]:
    """1 where the condition holds, NULL elsewhere: count() of it counts where it holds."""
    return case((condition, 1))


def plan_vs_actual(event: Event) -> tuple[PlanRow, ...]:
    """The evening's top-level blocks, planned against how they really ran."""
    return tuple(row for row in live.plan_vs_actual(event) if row.depth == 0)


def outcomes(event: Event, notes: list[NoteEntry]) -> tuple[TableOutcome, ...]:
    found = []
    for table in event.tables:
        shown = tuple((n.kind, services.shown_text(n)) for n in notes if n.table_id == table.id)
        if shown or table.presentation.strip():
            theme = table.theme.title if table.theme is not None else ""
            found.append(TableOutcome(table.number, theme, table.presentation.strip(), shown))
    return tuple(found)


def _action_row(action: Action) -> ActionRow:
    return ActionRow(
        title=action.title,
        theme=action.theme.title if action.theme is not None else "",
        owner=public.owner_shown(action),
        target_date=action.target_date,
        status=action.status,
        progress=action.progress,
        reason=action.reason,
        updates=tuple((u.day, u.text) for u in action.updates),
    )
