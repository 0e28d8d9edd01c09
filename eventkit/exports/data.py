"""What the printed documents show, as plain frozen values built from the database.

The renderers (runsheet, tablesheets, cards) only see these values, never a model,
so they can be tested and benchmarked without a database and so the coming
participants and grouping features only have to fill `table_groups_of`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from babel.lists import format_list
from sqlalchemy import select

from ..agenda import services as agenda_services
from ..clock import school_today
from ..domain.agenda import BlockKind, Slot
from ..domain.names import short_names
from ..events import services as event_services
from ..extensions import db
from ..live import services as live_services
from ..models import (
    Event,
    EventTable,
    Household,
    NamedPerson,
    Participant,
    Pupil,
    Role,
    Seat,
    Theme,
    User,
)
from ..notes import links


@dataclass(frozen=True)
class Member:
    """A participant at a table. `role` is a key (parent, mentor, ...) or free text.

    `short_name` is what lists print: the first name, with the last name's initial where
    first names repeat (set by table_groups_of across all tables); `email` tells a staff
    member seated at a table apart from the school's users (one badge per person)."""

    first_name: str
    role: str
    last_name: str = ""
    email: str = ""
    short_name: str = ""

    @property
    def printed_name(self) -> str:
        return self.short_name or self.first_name


@dataclass(frozen=True)
class TableGroup:
    number: int
    theme_title: str
    theme_questions: tuple[str, ...] = ()
    facilitator: str = ""
    members: tuple[Member, ...] = ()
    note_url: str | None = None  # the table's note page; the card gets a QR code when set
    facilitator_email: str = ""

    def people(self) -> set[str]:
        """Who sits here, by e-mail address and by full name (case-folded)."""
        found = {self.facilitator.strip().casefold(), self.facilitator_email.casefold()}
        for member in self.members:
            full = f"{member.first_name} {member.last_name}".strip().casefold()
            found |= {full, member.email.casefold()}
        return found - {""}


@dataclass(frozen=True)
class Badge:
    """One badge per person: `first_name` is the name printed (an initial added where
    first names repeat)."""

    first_name: str
    role: str
    table_number: int | None = None
    last_name: str = ""


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
    #: the end the school announced (agenda_services.end_of); None: the agenda's end
    announced_end: datetime | None = None

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

    Read as plain rows in two statements: a thousand people seated at a hundred tables
    made into objects (and expired again when the download is audited) took a third of
    the table sheets' request (issue 13).
    """
    tables = db.session.execute(
        select(EventTable.id, EventTable.number, EventTable.note_token, Theme.title,
               Theme.questions)
        .outerjoin(Theme, Theme.id == EventTable.theme_id)
        .where(EventTable.event_id == event.id)
        .order_by(EventTable.number)
    ).all()  # fmt: skip
    seated: dict[int, list[_Seated]] = {table.id: [] for table in tables}
    people = db.session.execute(
        select(Seat.table_id, Participant.first_name, Participant.last_name, Participant.role,
               Participant.email, Participant.can_facilitate)
        .join(Participant, Participant.id == Seat.participant_id)
        .join(EventTable, EventTable.id == Seat.table_id)
        .where(EventTable.event_id == event.id)
        .order_by(Seat.id)
    ).all()  # fmt: skip
    for table_id, first, last, role, email, can_facilitate in people:
        seated[table_id].append(_Seated(first, last, role, email, can_facilitate))
    groups = (
        _group(table.number, table.title, table.questions, table.note_token, seated[table.id],
               base_url)
        for table in tables
    )  # fmt: skip
    return with_short_names(tuple(groups))


@dataclass(frozen=True)
class _Seated(NamedPerson):
    """A participant at a table, as read for the printed pack."""

    first_name: str
    last_name: str
    role: str
    email: str
    can_facilitate: bool


def _group(
    number: int,
    theme_title: str | None,
    questions: Sequence[str] | None,
    note_token: str,
    seated: list[_Seated],
    base_url: str,
) -> TableGroup:
    people = sorted(seated, key=lambda p: (p.role, p.name))
    leader = next((p for p in people if p.leads_table), None)
    members = tuple(
        Member(p.first_name, p.role, p.last_name, p.email) for p in people if p is not leader
    )
    return TableGroup(
        number=number,
        theme_title=theme_title or "",
        theme_questions=tuple(questions or ()),
        facilitator=leader.name if leader else "",
        members=members,
        note_url=links.table_url(base_url, note_token),
        facilitator_email=leader.email if leader else "",
    )


def with_short_names(groups: tuple[TableGroup, ...]) -> tuple[TableGroup, ...]:
    """Members named so that nobody at the evening shares a printed name: two Mariekes
    become "Marieke B." and "Marieke de V." (eventkit.domain.names)."""
    everyone = [(m.first_name, m.last_name) for group in groups for m in group.members]
    shorts = iter(short_names(everyone))
    return tuple(
        replace(group, members=tuple(replace(m, short_name=next(shorts)) for m in group.members))
        for group in groups
    )


def years_of(event: Event) -> list[str]:
    """The school years of the pupils whose carers are invited, in natural order."""
    query = (
        select(Pupil.year)
        .join(Household)
        .where(Household.event_id == event.id, Pupil.year != "")
        .distinct()
    )
    years = list(db.session.scalars(query))
    return sorted(years, key=lambda y: (len(y), y))


def runsheet_data(event: Event, base_url: str, today: date | None = None) -> RunsheetData:
    """The plain data of a meeting for every printed export."""
    plan = agenda_services.plan(event)
    users = event_services.team_of(event.school_id)
    groups = table_groups_of(event, base_url.rstrip("/"))
    rows = live_services.rows(event)
    moved = any(row.moved for row in rows)
    known = Known(
        language=event.language,
        years=tuple(years_of(event)),
        tables=len(groups) or len(event.themes),
        facilitators=tuple(u.name for u in users if u.role == Role.FACILITATOR.value),
        table_facilitators=tuple(g.facilitator for g in groups if g.facilitator.strip()),
    )
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
        agenda=filled(tuple(row.actual for row in rows) if moved else tuple(plan.slots), known),
        planned=filled(tuple(row.planned for row in rows), known) if moved else (),
        themes=tuple(ThemeItem(t.title, t.description, tuple(t.questions)) for t in event.themes),
        tasks=_tasks(event, today or school_today()),
        groups=groups,
        factors=tuple(plan.factors_served),
        badges=badges_of(users, groups),
        logo=None if event.school.docx_template else event.school.logo,
        announced_end=plan.announced_end,
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

# The default agenda's blanks for the facilitator to fill in, and what fills them.
BLANKS: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": (("leerjaar …", "leerjaar {years}"), ("X groepen", "{tables} groepen")),
    "en": (("year …", "year {years}"), ("X groups", "{tables} groups")),
}
FACILITATOR_WORDS = ("gespreksleider", "facilitator")


@dataclass(frozen=True)
class Known:
    """What the app knows that the agenda's blanks and 'Who' column ask for."""

    language: str
    years: tuple[str, ...] = ()
    tables: int = 0
    facilitators: tuple[str, ...] = ()  # the school's users with the facilitator role
    table_facilitators: tuple[str, ...] = ()


def filled(slots: tuple[Slot, ...], known: Known) -> tuple[Slot, ...]:
    """The slots with the template's blanks filled in and names beside 'who'."""
    return tuple(
        replace(
            slot,
            block=replace(
                slot.block,
                talking_points=tuple(fill_blanks(p, known) for p in slot.block.talking_points),
                who=who_with_names(slot, known),
            ),
        )
        for slot in slots
    )


def fill_blanks(line: str, known: Known) -> str:
    """'leerjaar …' and 'X groepen' from the years invited and the number of tables; a
    blank the app cannot fill stays for the pen."""
    lang = "en" if known.language == "en" else "nl"
    values = {"years": format_list(list(known.years), locale=lang) if known.years else "",
              "tables": str(known.tables) if known.tables else ""}  # fmt: skip
    for blank, pattern in BLANKS[lang]:
        key = "years" if "{years}" in pattern else "tables"
        if blank in line and values[key]:
            line = line.replace(blank, pattern.format(**values))
    return line


def who_with_names(slot: Slot, known: Known) -> str:
    """The block's 'who' with the people the team assigned: the table facilitators at the
    theme tables, the facilitators where the block names the facilitator."""
    who = slot.block.who.strip()
    names: tuple[str, ...] = ()
    if slot.block.kind is BlockKind.THEME_TABLES:
        names = known.table_facilitators
    elif any(word in who.casefold() for word in FACILITATOR_WORDS):
        names = known.facilitators
    if not names:
        return who
    listed = ", ".join(_unique(names))
    return f"{who}: {listed}" if who else listed


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
    """One badge per person: the school's users who sit at no table (a user at a table is
    found by e-mail address or full name), then the tables' facilitators and members with
    their table number. Where
    first names repeat, the badge adds the last name's initial."""
    seated = set().union(*(group.people() for group in groups)) if groups else set()
    badges = []
    for user in users:
        if {user.name.strip().casefold(), user.email.casefold()} & seated:
            continue
        first, last = split_full_name(user.name)
        badges.append(Badge(first, _printed_role(user.role), None, last))
    for group in groups:
        if group.facilitator.strip():
            first, last = split_full_name(group.facilitator)
            badges.append(Badge(first, "facilitator", group.number, last))
        badges += [Badge(m.first_name, m.role, group.number, m.last_name) for m in group.members]
    names = short_names([(badge.first_name, badge.last_name) for badge in badges])
    return tuple(replace(badge, first_name=name) for badge, name in zip(badges, names, strict=True))


def first_name(name: str) -> str:
    return split_full_name(name)[0]


def split_full_name(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[0], " ".join(parts[1:])) if parts else ("", "")


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip(), None)
    return tuple(seen)
