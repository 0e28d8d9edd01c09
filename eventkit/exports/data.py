"""What the printed documents show, as plain frozen values built from the database.

The renderers (runsheet, tablesheets, cards) only see these values, never a model,
so they can be tested and benchmarked without a database and so the coming
participants and grouping features only have to fill `table_groups_of`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .. import preload
from ..agenda import services as agenda_services
from ..domain.agenda import BlockKind, Slot
from ..events import services as event_services
from ..live import services as live_services
from ..models import Event, EventTable, Role, User
from ..notes import links


@dataclass(frozen=True)
class Member:
    """A participant at a table. `role` is a key (parent, mentor, ...) or free text."""

    first_name: str
    role: str


@dataclass(frozen=True)
class TableGroup:
    number: int
    theme_title: str
    theme_questions: tuple[str, ...] = ()
    facilitator: str = ""
    members: tuple[Member, ...] = ()
    note_url: str | None = None  # the table's note page; the card gets a QR code when set


@dataclass(frozen=True)
class Badge:
    first_name: str
    role: str
    table_number: int | None = None


@dataclass(frozen=True)
class TeamRole:
    """One line of the run-sheet's team box; no names means 'still to fill in'."""

    role: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeItem:
    title: str
    description: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskItem:
    title: str
    owner: str
    due: date
    done: bool = False
    overdue: bool = False
    description: str = ""


@dataclass(frozen=True)
class RunsheetData:
    """Everything the facilitators' pack prints about one meeting."""

    language: str
    title: str
    school: str
    date: date
    start: datetime
    end: datetime
    location: str = ""
    room: str = ""
    target_group: str = ""
    goal: str = ""
    team: tuple[TeamRole, ...] = ()
    agenda: tuple[Slot, ...] = ()
    # The plan, slot for slot beside `agenda`, once the evening ran differently (else empty):
    # `agenda` then holds the actual clock times.
    planned: tuple[Slot, ...] = ()
    themes: tuple[ThemeItem, ...] = ()
    tasks: tuple[TaskItem, ...] = ()
    groups: tuple[TableGroup, ...] = ()
    factors: tuple[int, ...] = ()
    badges: tuple[Badge, ...] = ()
    #: the school's logo (PNG/JPEG) when it has no Word base document with its own letterhead
    logo: bytes | None = None

    @property
    def planned_end(self) -> datetime:
        """When the evening was planned to end (the end itself when nothing moved)."""
        return max((slot.end for slot in self.planned), default=self.end)

    def first_slot(self, kind: BlockKind) -> Slot | None:
        return next((slot for slot in self.agenda if slot.block.kind is kind), None)

    @property
    def tables(self) -> tuple[TableGroup, ...]:
        """The table groups, or before grouping one table per theme (no members yet)."""
        if self.groups:
            return self.groups
        return tuple(
            TableGroup(number, theme.title, theme.questions)
            for number, theme in enumerate(self.themes, start=1)
        )


# --- from the database ---------------------------------------------------------------------


def table_groups_of(event: Event, base_url: str) -> tuple[TableGroup, ...]:
    """The meeting's tables, once there are any (made on the Tables page; else none).

    The facilitator is the first seated staff member who can lead a table; the other
    people are members (first name and role key). The run-sheet appendix, the table
    sheets, the table cards and the name badges all follow from this one function.
    `note_url` is the table's note page (its QR code on the card and the sheet), so cards
    printed before the groups are made already carry the right code.
    """
    return tuple(_group(table, base_url) for table in event.tables)


def _group(table: EventTable, base_url: str) -> TableGroup:
    people = sorted((seat.participant for seat in table.seats), key=lambda p: (p.role, p.name))
    leader = next((p for p in people if p.role == "staff" and p.can_facilitate), None)
    members = tuple(Member(p.first_name, p.role) for p in people if p is not leader)
    theme = table.theme
    return TableGroup(
        number=table.number,
        theme_title=theme.title if theme else "",
        theme_questions=tuple(theme.questions) if theme else (),
        facilitator=leader.name if leader else "",
        members=members,
        note_url=links.table_url(base_url, table.note_token),
    )


def runsheet_data(event: Event, base_url: str, today: date | None = None) -> RunsheetData:
    """The plain data of a meeting for every printed export."""
    preload.people(event)
    plan = agenda_services.plan(event)
    users = event_services.team_of(event.school_id)
    groups = table_groups_of(event, base_url.rstrip("/"))
    rows = live_services.rows(event)
    moved = any(row.moved for row in rows)
    return RunsheetData(
        language=event.language,
        title=event.title,
        school=event.school.name,
        date=event.date,
        start=plan.start,
        end=max(row.actual.end for row in rows) if moved else plan.end,
        location=event.location,
        room=event.room,
        target_group=event.target_group,
        goal=event.goal,
        team=team_roles(users, plan.slots, groups),
        agenda=tuple(row.actual for row in rows) if moved else tuple(plan.slots),
        planned=tuple(row.planned for row in rows) if moved else (),
        themes=tuple(ThemeItem(t.title, t.description, tuple(t.questions)) for t in event.themes),
        tasks=_tasks(event, today or date.today()),
        groups=groups,
        factors=tuple(plan.factors_served),
        badges=badges_of(users, groups),
        logo=None if event.school.docx_template else event.school.logo,
    )


def _tasks(event: Event, today: date) -> tuple[TaskItem, ...]:
    return tuple(
        TaskItem(
            title=row.task.title,
            owner=row.task.owner.name if row.task.owner else "",
            due=row.due,
            done=row.task.done,
            overdue=row.overdue,
            description=row.task.description,
        )
        for row in event_services.task_rows(event, today)
    )


# --- pure helpers --------------------------------------------------------------------------

CATERING_KINDS = (BlockKind.WALK_IN, BlockKind.BREAK)


def team_roles(
    users: Sequence[User], slots: Sequence[Slot], groups: Sequence[TableGroup]
) -> tuple[TeamRole, ...]:
    """Coordinator, facilitators, action team, catering and door, in that order.

    The school's users give the first three (table facilitators join the facilitators);
    catering is whoever the walk-in and break blocks name. Nobody is recorded for the
    door yet, so it prints as a line to fill in.
    """

    def named(role: Role) -> list[str]:
        return [user.name for user in users if _printed_role(user.role) == role.value]

    catering = [s.block.who for s in slots if s.block.kind in CATERING_KINDS]
    facilitators = named(Role.FACILITATOR) + [group.facilitator for group in groups]
    return (
        TeamRole("coordinator", _unique(named(Role.COORDINATOR))),
        TeamRole("facilitators", _unique(facilitators)),
        TeamRole("team", _unique(named(Role.TEAM))),
        TeamRole("catering", _unique(catering)),
        TeamRole("door", ()),
    )


def _printed_role(role: str) -> str:
    """On paper the school administrator is a coordinator (the role the evening knows)."""
    return Role.COORDINATOR.value if role == Role.ADMIN.value else role


def badges_of(users: Sequence[User], groups: Sequence[TableGroup]) -> tuple[Badge, ...]:
    """Staff badges for the school's users, then the tables' facilitators and members."""
    at_tables = {group.facilitator for group in groups}
    badges = [
        Badge(first_name(u.name), _printed_role(u.role)) for u in users if u.name not in at_tables
    ]
    for group in groups:
        if group.facilitator.strip():
            badges.append(Badge(first_name(group.facilitator), "facilitator", group.number))
        badges += [Badge(m.first_name, m.role, group.number) for m in group.members]
    return tuple(badges)


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else ""


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip(), None)
    return tuple(seen)
