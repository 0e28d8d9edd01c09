"""What the follow-up report prints, as plain values built from the database.

Nothing here names a parent, pupil or staff member: counts, reviewed note texts, the
parents' questions without their household, and action owners only as the public page
shows them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from .. import preload
from ..aftercare import public, services
from ..domain.evaluation import Summary
from ..domain.live import PlanRow
from ..evaluation import services as evaluation
from ..live import services as live
from ..models import Action, Event, NoteEntry, PersonRole


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
    preload.people(event)
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
    if event.erased_at is not None and (event.kept_numbers or {}).get("attendance"):
        return tuple(Attendance(**row) for row in event.kept_numbers["attendance"])
    people = event.participants
    parents = [p for p in people if p.role == PersonRole.PARENT.value]
    staff = [p for p in people if p.role == PersonRole.STAFF.value]
    students = [p for p in people if p.role == PersonRole.STUDENT.value]
    pupils = sum(len(h.pupils) for h in event.households)
    coming = sum(1 for h in event.households if h.response is not None and h.response.pupil_comes)
    return (
        Attendance(
            "parents",
            len(parents),
            sum(1 for p in parents if p.household is not None and p.household.response),
            sum(p.present for p in parents),
        ),
        Attendance("staff", len(staff), None, sum(p.present for p in staff)),
        Attendance("pupils", pupils, coming, sum(p.present for p in students)),
    )


def by_class(event: Event) -> tuple[ClassRow, ...]:
    """Households per class of their children (a household counts in each child's class)."""
    if event.erased_at is not None and "classes" in (event.kept_numbers or {}):
        return tuple(ClassRow(**row) for row in event.kept_numbers["classes"])
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for household in event.households:
        present = any(c.present for c in household.carers)
        for name in sorted({p.class_name or p.year or "—" for p in household.pupils}):
            row = rows[name]
            row[0] += 1
            row[1] += household.response is not None
            row[2] += present
    return tuple(ClassRow(name, *counts) for name, counts in sorted(rows.items()))


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
