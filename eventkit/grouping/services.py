"""Table groups of a meeting: the people of the evening in, the engine's plan out, into seats.

Who is grouped: before the evening, the carers of households that said yes (as many as
the adults they announced), pupils of those households when they come too, and the
staff; once anyone is checked in at the door, only the people present. Persons are keyed
by participant id, tables by table id (as strings, for the pure engine).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import preload
from ..domain import grouping as engine
from ..domain.names import short_names
from ..extensions import db
from ..jobs import services as jobs
from ..models import (
    Answer,
    Event,
    EventTable,
    GroupingStatus,
    Household,
    Participant,
    PersonRole,
    Pupil,
    Seat,
)
from ..uow import transactional
from . import rows
from .rows import PersonRow, SeatRow, TableRow

BACKGROUND_FROM = 80  # people; above this "make groups" runs as a background job
FOLD_FROM = 12  # tables; above this the board folds (see Board.folded)


class GroupingError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Seated:
    """A person on the board: pinned or not, and how the household ranked the theme of
    the table they sit at (1: first choice; 0: not chosen, or no table)."""

    person: PersonRow
    pinned: bool = False
    rank: int = 0


@dataclass(frozen=True)
class TableView:
    table: TableRow
    members: list[Seated]
    roles: Counter[str]
    years: int
    languages: Counter[str]
    hits: int
    ranked: int
    facilitators: int


@dataclass(frozen=True)
class Board:
    tables: list[TableView]
    result: engine.Result | None
    unseated: list[Seated]
    mode: str
    people: int
    bound: int | None = None
    # Seated, but not part of the evening's grouping (absent, or no longer coming).
    absent: list[tuple[PersonRow, int]] = field(default_factory=list)
    # The broken rules of the plan, said with names and table numbers, by rule.
    problems: dict[str, list[Problem]] = field(default_factory=dict)

    @property
    def folded(self) -> bool:
        """Many tables: each table's people fold away, and its theme and size are changed on
        a page of its own rather than in a list of forms on the board (issue 13)."""
        return len(self.tables) > FOLD_FROM

    @property
    def best_possible(self) -> bool:
        score = self.result.score if self.result else None
        return score is not None and self.bound is not None and score <= self.bound

    @property
    def gap_pct(self) -> float | None:
        """How far the plan on the board is above the solver's proven lower bound."""
        score = self.result.score if self.result else None
        if score is None or self.bound is None or score == 0:
            return None
        return round(100 * (score - self.bound) / score, 1)


# --- who is at the evening -----------------------------------------------------------------


def mode_of(event: Event) -> str:
    """'present' once the door has checked anyone in, 'answered' before that."""
    return "present" if any(p.present for p in event.participants) else "answered"


def people_of(event: Event) -> list[Participant]:
    if mode_of(event) == "present":
        return [p for p in event.participants if p.present]
    chosen = [p for p in event.participants if p.role == PersonRole.STAFF]
    chosen += [p for p in event.participants if p.walk_in]
    for household in event.households:
        chosen += _coming_from(household)
    return list(dict.fromkeys(chosen))


def _coming_from(household: Household) -> list[Participant]:
    response = household.response
    if response is None or response.answer != Answer.YES:
        return []
    return rows.coming(household.carers, response.adults, response.pupil_comes)


def ensure_students(event: Event) -> None:
    """Pupils who come along become participants (role student) so they can be seated."""
    for household in event.households:
        _add_students(event, household)
    db.session.flush()


def ensure_students_of(household: Household) -> None:
    """The same for one household (the door's page of a scanned invitation): its own rows
    only, not every household of the meeting."""
    _add_students(household.event, household)
    db.session.flush()


def _add_students(event: Event, household: Household) -> None:
    response = household.response
    if response is None or not response.pupil_comes:
        return
    seated = {(c.first_name, c.last_name) for c in household.carers if c.role == PersonRole.STUDENT}
    for pupil in household.pupils:
        if (pupil.first_name, pupil.last_name) not in seated:
            db.session.add(_student(event, household, pupil))


def _student(event: Event, household: Household, pupil: Pupil) -> Participant:
    return Participant(
        event=event,
        household=household,
        role=PersonRole.STUDENT,
        first_name=pupil.first_name,
        last_name=pupil.last_name,
        language=household.language,
    )


def to_person(participant: Participant, theme_ids: Collection[int]) -> engine.Person:
    return engine_person(rows.person_row(participant), theme_ids)


def engine_person(person: PersonRow, theme_ids: Collection[int]) -> engine.Person:
    """The engine's person; `theme_ids` are the meeting's themes (a deleted theme in an
    old answer is no choice any more)."""
    return engine.Person(
        id=str(person.id),
        name=person.name,
        role=engine.Role(person.role),
        household=str(person.household_id or ""),
        year=person.year or "",
        klass=person.klass or "",
        language=person.language or "nl",
        themes=tuple(str(t) for t in person.themes if t in theme_ids),
        facilitator=person.facilitator,
        mentor_of=person.mentor_of,
    )


def to_table(table: EventTable | TableRow) -> engine.Table:
    return engine.Table(str(table.id), str(table.theme_id or ""), table.min_size, table.max_size)


def settings_of(
    event: Event, people: Sequence[engine.Person], time_limit: float = 3.0
) -> engine.Settings:
    seats = (SeatRow(s.participant_id, t.id, s.pinned) for t in event.tables for s in t.seats)
    return _settings(event, seats, people, time_limit)


def _settings(
    event: Event,
    seats: Iterable[SeatRow],
    people: Sequence[engine.Person],
    time_limit: float = 3.0,
) -> engine.Settings:
    """The engine's settings; pins only of the people being grouped (a pinned parent who
    stayed home is not at the evening, so their pin is not a rule for it)."""
    ids = {p.id for p in people}
    pins = {
        str(seat.participant_id): str(seat.table_id)
        for seat in seats
        if seat.pinned and str(seat.participant_id) in ids
    }
    return engine.Settings(
        households="together" if event.households_together else "apart",
        mentor_apart=event.mentor_apart,
        pins=pins,
        time_limit=time_limit,
    )


def _inputs(event: Event) -> tuple[list[engine.Person], list[engine.Table]]:
    theme_ids = {t.id for t in event.themes}
    people = [to_person(p, theme_ids) for p in people_of(event)]
    return people, [to_table(t) for t in event.tables]


def assignment_of(event: Event) -> dict[str, str]:
    return {str(s.participant_id): str(s.table_id) for t in event.tables for s in t.seats}


# --- making, moving, pinning ---------------------------------------------------------------


JOB_KIND = "grouping"


@jobs.handler(JOB_KIND)
def make_groups_job(params: jobs.Params, progress: jobs.Progress) -> None:
    """Groups of a large meeting, made by the worker process."""
    event = db.session.get(Event, params["event_id"])
    if event is None:
        raise GroupingError("unknown")
    result = make_groups(event)
    if result.status == "infeasible":
        raise GroupingError(result.message)


@transactional
def make_groups(event: Event, time_limit: float | None = None) -> engine.Result:
    """Divide everyone over the tables; pinned seats stay, other seats are replaced."""
    if time_limit is None:
        time_limit = float(current_app.config.get("EVENTKIT_GROUPING_SECONDS", 3.0))
    if not event.tables:
        raise GroupingError("no_tables")
    ensure_students(event)
    people, tables = _inputs(event)
    if not people:
        raise GroupingError("no_people")
    drop_absent(event)
    result = engine.solve(people, tables, settings_of(event, people, time_limit))
    if result.status != "infeasible":
        _store(event, result.assignment)
        event.grouping_status, event.grouping_bound = GroupingStatus(result.status), result.bound
    return result


def drop_absent(event: Event) -> list[tuple[Participant, int]]:
    """Take the seats (pinned or not) of people who are not part of the evening's grouping
    any more: absent once the door is open, or no longer coming. Returns who and from
    which table number, so the page can say so."""
    keep = {p.id for p in people_of(event)}
    dropped = []
    for table in event.tables:
        for seat in list(table.seats):
            if seat.participant_id not in keep:
                dropped.append((seat.participant, table.number))
                table.seats.remove(seat)
    db.session.flush()
    return dropped


def _store(event: Event, plan: Mapping[str, str]) -> None:
    pinned = {s.participant_id for t in event.tables for s in t.seats if s.pinned}
    for table in event.tables:
        table.seats[:] = [s for s in table.seats if s.pinned]
    db.session.flush()
    tables = {str(t.id): t for t in event.tables}
    for person_id, table_id in plan.items():
        if int(person_id) not in pinned:
            tables[table_id].seats.append(Seat(participant_id=int(person_id)))
    db.session.flush()


def seat_of(event: Event, participant_id: int) -> Seat | None:
    """The person's seat at one of the meeting's tables (one statement, not one per table)."""
    query = (
        select(Seat)
        .join(EventTable)
        .where(EventTable.event_id == event.id, Seat.participant_id == participant_id)
    )
    return db.session.scalars(query).first()


@transactional
def move(event: Event, participant_id: int, table_id: int) -> None:
    """A manual move; the board shows at once which rules it breaks, if any."""
    table = next((t for t in event.tables if t.id == table_id), None)
    person = next((p for p in event.participants if p.id == participant_id), None)
    if table is None or person is None:
        raise GroupingError("unknown")
    seat = seat_of(event, participant_id)
    if seat is None:
        table.seats.append(Seat(participant_id=participant_id))
    else:
        seat.table = table


@transactional
def set_pinned(event: Event, participant_id: int, pinned: bool) -> None:
    seat = seat_of(event, participant_id)
    if seat is None:
        raise GroupingError("not_seated")
    seat.pinned = pinned


@dataclass(frozen=True)
class Arrival:
    """A late arrival as the board's walk-in form has them."""

    first_name: str
    last_name: str
    role: PersonRole
    language: str
    can_facilitate: bool = False


@transactional
def seat_arrival(event: Event, arrival: Arrival) -> tuple[Participant, Seat | None, engine.Result]:
    """A late arrival from the board: a new participant, seated without moving anyone.
    Returns the person, their seat (None when none was found) and the engine's result."""
    person = Participant(
        event=event,
        first_name=arrival.first_name,
        last_name=arrival.last_name,
        role=arrival.role,
        language=arrival.language,
        can_facilitate=arrival.can_facilitate,
    )
    result = add_walk_in(event, person)
    return person, seat_of(event, person.id), result


@transactional
def add_walk_in(event: Event, participant: Participant, tidy: bool = False) -> engine.Result:
    """Seat a late arrival at the best table without moving anyone already seated."""
    db.session.add(participant)
    participant.walk_in = True
    participant.present = mode_of(event) == "present" or bool(participant.present)
    db.session.flush()
    people, tables = _inputs(event)
    if not any(p.id == str(participant.id) for p in people):
        people.append(to_person(participant, {t.id for t in event.themes}))
    newcomer = [p for p in people if p.id == str(participant.id)]
    seated = [p for p in people if p.id != str(participant.id)]
    known = {p.id for p in seated}
    current = {p: t for p, t in assignment_of(event).items() if p in known}
    settings = settings_of(event, people)
    result = engine.add_walk_ins(seated, tables, current, newcomer, settings, tidy)
    if result.assignment:
        _apply_changes(event, current, result.assignment)
        # More people make another problem: the solver's old bound says nothing about it.
        event.grouping_status, event.grouping_bound = GroupingStatus.CHANGED, None
    return result


def _apply_changes(event: Event, before: Mapping[str, str], plan: Mapping[str, str]) -> None:
    tables = {str(t.id): t for t in event.tables}
    for person_id, table_id in plan.items():
        if before.get(person_id) == table_id:
            continue
        seat = seat_of(event, int(person_id))
        if seat is None:
            tables[table_id].seats.append(Seat(participant_id=int(person_id)))
        else:
            seat.table = tables[table_id]
    db.session.flush()


@dataclass(frozen=True)
class Change:
    """One person's table before and after a regrouping (None: no seat)."""

    person: Participant
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Regroup:
    result: engine.Result
    changes: list[Change]
    resolved: bool  # True when seating the newcomers alone broke a rule and all was solved anew


@transactional
def regroup_present(event: Event, time_limit: float | None = None) -> Regroup:
    """At the break: the groups of who is present. Absent people leave their seats; the
    present keep theirs and the rest are seated without moving anyone. Only when that
    breaks a rule (a table lost its facilitator, say) are the groups made anew, pins kept."""
    before = {s.participant_id: t.number for t in event.tables for s in t.seats}
    names = {s.participant_id: s.participant for t in event.tables for s in t.seats}
    ensure_students(event)
    drop_absent(event)
    people, tables = _inputs(event)
    if not people or not tables:
        raise GroupingError("no_people" if tables else "no_tables")
    current = assignment_of(event)
    seated = [p for p in people if p.id in current]
    newcomers = [p for p in people if p.id not in current]
    settings = settings_of(event, people)
    result = engine.add_walk_ins(seated, tables, current, newcomers, settings, tidy=True)
    resolved = not result.valid
    if resolved:
        if time_limit is None:
            time_limit = float(current_app.config.get("EVENTKIT_GROUPING_SECONDS", 3.0))
        fresh = engine.solve(people, tables, settings_of(event, people, time_limit))
        result = fresh if fresh.status != "infeasible" else result
    _apply_changes(event, current, result.assignment)
    event.grouping_status, event.grouping_bound = GroupingStatus(result.status), result.bound
    after = {s.participant_id: t.number for t in event.tables for s in t.seats}
    names |= {p.id: p for p in event.participants if p.id in after}
    changes = [
        Change(names[pid], before.get(pid), after.get(pid))
        for pid in sorted(set(before) | set(after), key=lambda i: names[i].name)
        if before.get(pid) != after.get(pid)
    ]
    return Regroup(result, changes, resolved)


@dataclass(frozen=True)
class Rules:
    """The meeting's rules for the groups, as the settings form has them."""

    households_together: bool
    mentor_apart: bool


@transactional
def save_rules(event: Event, rules: Rules) -> None:
    event.households_together = rules.households_together
    event.mentor_apart = rules.mentor_apart


# --- tables --------------------------------------------------------------------------------


@transactional
def add_tables(event: Event, count: int, min_size: int, max_size: int) -> list[EventTable]:
    """New tables numbered after the last one; themes go round the meeting's themes."""
    start = max((t.number for t in event.tables), default=0)
    themes = list(event.themes)
    made = []
    for n in range(count):
        theme = themes[(start + n) % len(themes)] if themes else None
        table = EventTable(number=start + n + 1, theme=theme, min_size=min_size, max_size=max_size)
        event.tables.append(table)
        made.append(table)
    return made


@transactional
def update_table(table: EventTable, theme_id: int | None, min_size: int, max_size: int) -> None:
    table.theme_id, table.min_size, table.max_size = theme_id, min_size, max_size


@transactional
def delete_table(event: Event, table: EventTable) -> None:
    event.tables.remove(table)


@transactional
def clear_groups(event: Event) -> None:
    for table in event.tables:
        table.seats.clear()


# --- the board -----------------------------------------------------------------------------


def board(event: Event) -> Board:
    """The tables board, from plain rows (issue 13): a big school's 2000 people as ORM
    objects with their households cost more than the page may take. The plan on the board
    is scored once, from the same rows."""
    with preload.no_collection():
        return _board(event)


def _board(event: Event) -> Board:
    meeting = rows.meeting(event.id)
    people = rows.expected(meeting)
    keep = {p.id for p in people}
    by_id = {p.id: p for p in meeting.people}
    at_table: dict[int, list[SeatRow]] = {t.id: [] for t in meeting.tables}
    for seat in meeting.seats:
        at_table[seat.table_id].append(seat)
    views = [_table_view(t, at_table[t.id], by_id, keep) for t in meeting.tables]
    seated = {s.participant_id for s in meeting.seats}
    absent = [
        (by_id[s.participant_id], t.number)
        for t in meeting.tables
        for s in at_table[t.id]
        if s.participant_id not in keep and s.participant_id in by_id
    ]
    result = _score(event, meeting, people) if meeting.seats else None
    return Board(
        tables=views,
        result=result,
        unseated=[Seated(p) for p in people if p.id not in seated],
        mode="present" if meeting.door_open else "answered",
        people=len(people),
        bound=event.grouping_bound if result else None,
        absent=absent,
        problems=_problems(meeting, result) if result else {},
    )


def _score(event: Event, meeting: rows.Meeting, people: list[PersonRow]) -> engine.Result | None:
    """The engine's verdict on the seats of the people being grouped."""
    if not people or not meeting.tables:
        return None
    theme_ids = {t.id for t in event.themes}
    persons = [engine_person(p, theme_ids) for p in people]
    known = {p.id for p in persons}
    plan = {str(s.participant_id): str(s.table_id) for s in meeting.seats}
    assignment = {p: t for p, t in plan.items() if p in known}
    tables = [to_table(t) for t in meeting.tables]
    return engine.evaluate(persons, tables, assignment, _settings(event, meeting.seats, persons))


def _table_view(
    table: TableRow, seats: list[SeatRow], by_id: Mapping[int, PersonRow], keep: set[int]
) -> TableView:
    members = sorted(
        (Seated(by_id[s.participant_id], s.pinned, by_id[s.participant_id].rank(table.theme_id))
         for s in seats if s.participant_id in keep),
        key=lambda m: (m.person.role, m.person.first_name),
    )  # fmt: skip
    people = [m.person for m in members]
    staff = PersonRole.STAFF
    ranked = [p for p in people if p.themes]
    return TableView(
        table=table,
        members=members,
        roles=Counter(p.role for p in people),
        years=len({p.year for p in people if p.year is not None and p.role != staff}),
        languages=Counter(p.language or "nl" for p in people),
        hits=sum(1 for p in ranked if p.rank(table.theme_id) == 1),
        ranked=len(ranked),
        facilitators=sum(1 for p in people if p.facilitator),
    )


@dataclass(frozen=True)
class ScreenTable:
    number: int
    theme: str
    names: list[str]


def screen(event: Event) -> list[ScreenTable]:
    """The projector's "who sits where": table, theme and first names only (with a last
    name's initial where first names repeat in the room); nothing else about anyone."""
    preload.people(event)
    keep = {p.id for p in people_of(event)}
    seated = [
        (t, sorted((s.participant for s in t.seats if s.participant_id in keep),
                   key=lambda p: p.first_name.casefold()))
        for t in event.tables
    ]  # fmt: skip
    everyone = [(p.first_name, p.last_name) for _t, members in seated for p in members]
    names = iter(short_names(everyone))
    return [
        ScreenTable(t.number, t.theme.title if t.theme else "", [next(names) for _p in members])
        for t, members in seated
    ]


def table_counts(event: Event) -> list[tuple[EventTable, int]]:
    """Every table of the meeting with the number of people seated at it (two statements)."""
    query = (
        select(Seat.table_id, func.count())
        .join(EventTable)
        .where(EventTable.event_id == event.id)
        .group_by(Seat.table_id)
    )
    counts: dict[int, int] = {row[0]: row[1] for row in db.session.execute(query)}
    tables = db.session.scalars(
        select(EventTable)
        .where(EventTable.event_id == event.id)
        .options(selectinload(EventTable.theme))
        .order_by(EventTable.number)
    )
    return [(t, counts.get(t.id, 0)) for t in tables]


def table_lists(event: Event) -> Sequence[tuple[EventTable, list[Participant]]]:
    preload.seated(event)  # only who sits where: not everyone invited
    return [
        (t, sorted((s.participant for s in t.seats), key=lambda p: p.name)) for t in event.tables
    ]


# --- what is wrong, by name ----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One broken rule on the board, with names (not ids) for the message."""

    rule: str
    code: str
    params: Mapping[str, object]


def _problems(meeting: rows.Meeting, result: engine.Result) -> dict[str, list[Problem]]:
    """The broken rules of the plan on the board, said with table numbers and names: the
    engine's violations with their ids turned into the names people know; by rule, as the
    page lists them."""
    naming = _Naming(meeting)
    found: dict[str, list[Problem]] = {}
    for problem in (p for c in result.rules for v in c.violations for p in naming.problems(v)):
        found.setdefault(problem.rule, []).append(problem)
    return found


# Why no plan exists, in the order the page says it; other reasons name only their rule.
INFEASIBLE_CODES = ("few_facilitators", "too_few_people", "too_many_people")


def why_infeasible(result: engine.Result) -> list[Problem]:
    """Why no plan exists, for the people in the room, with what would fix it."""
    found = [v for c in result.rules for v in c.violations if v.code in INFEASIBLE_CODES]
    found.sort(key=lambda v: INFEASIBLE_CODES.index(v.code))
    if not found:
        return [Problem(c.rule, "rule", {"rule": c.rule}) for c in result.rules if not c.ok]
    return [Problem(v.rule, v.code, dict(v.numbers)) for v in found]


class _Naming:
    """Participant and table ids of the engine, as first names and table numbers."""

    def __init__(self, meeting: rows.Meeting) -> None:
        self.people = {str(p.id): p for p in meeting.people}
        self.numbers = {str(t.id): t.number for t in meeting.tables}

    def problems(self, v: engine.Violation) -> list[Problem]:
        table = self.numbers.get(v.tables[0]) if v.tables else None
        firsts = " & ".join(self.people[i].first_name for i in v.people if i in self.people)
        params: dict[str, object] = {"table": table, **v.numbers}
        if v.code == "unseated":
            return [Problem(v.rule, v.code, {"name": self.people[i].name}) for i in v.people]
        if v.code == "split":
            tables = ", ".join(map(str, sorted(self.numbers[t] for t in v.tables)))
            params |= {"names": firsts, "tables": tables}
        elif v.code in ("together", "sit_together"):
            params |= {"names": firsts}
        elif v.code == "pin_moved":
            params |= {"name": self.people[v.people[0]].name}
        elif v.code == "share":
            params |= {"role": v.role}
        elif v.code not in ("size", "no_facilitator"):
            return []
        return [Problem(v.rule, v.code, params)]
