"""Agenda changes: rows in, domain operation, rows out.

The tree is edited by the pure functions of eventkit.domain.agenda on Block values
keyed by row id; `_store_structure` then writes back each row's parent and position.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from threading import Lock
from typing import Any

from sqlalchemy import event as orm_event
from sqlalchemy import inspect, select
from sqlalchemy.orm import InstanceState, Session

from ..domain import agenda
from ..domain.agenda import Block, BlockKind, Slot
from ..domain.planning import AgendaTemplate, TaskTemplate, ThemeTemplate, template_to_dict
from ..extensions import db
from ..models import AgendaBlock, Event, SavedTemplate, Task, Theme, utcnow
from ..uow import transactional


@dataclass(frozen=True)
class BlockData:
    """A block as the form gives it. duration None: a block with parts, which lasts as
    long as its parts (a change keeps its stored minutes; a new block gets none)."""

    title: str
    kind: str = BlockKind.OTHER.value
    duration: int | None = None
    who: str = ""
    talking_points: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    remark: str = ""
    factors: tuple[int, ...] = ()


@dataclass(frozen=True)
class AgendaPlan:
    slots: list[Slot]
    start: datetime
    end: datetime
    planned_end: datetime | None
    warnings: list[agenda.Warning]
    factors_served: list[int]
    factors_missing: list[int]

    @property
    def rows(self) -> list[tuple[Slot, list[Slot]]]:
        """Top-level slots, each with the slots of its parts."""
        rows: list[tuple[Slot, list[Slot]]] = []
        for slot in self.slots:
            if slot.depth == 0:
                rows.append((slot, []))
            else:
                rows[-1][1].append(slot)
        return rows

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def announced_end(self) -> datetime:
        """The end time for print, mail, pages and calendars (see agenda.announced_end)."""
        return agenda.announced_end(self.end, self.planned_end)

    @property
    def runs_late(self) -> bool:
        """The agenda runs past the end the school announced (the team's warning)."""
        return self.planned_end is not None and self.end > self.planned_end


def start_of(event: Event) -> datetime:
    return datetime.combine(event.date, event.start_time)


def planned_end_of(event: Event) -> datetime | None:
    if event.planned_end is None:
        return None
    end = datetime.combine(event.date, event.planned_end)
    # A planned end before the start means the evening runs past midnight.
    return end + timedelta(days=1) if end <= start_of(event) else end


def end_of(event: Event) -> datetime:
    """The meeting's one end time: the planned end when set, else the agenda's end."""
    return plan(event).announced_end


def blocks_of(event: Event) -> list[Block]:
    rows = sorted(event.blocks, key=lambda r: (r.position, r.id))
    children: dict[int | None, list[AgendaBlock]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row: AgendaBlock) -> Block:
        return _to_block(row, tuple(build(c) for c in children.get(row.id, [])))

    return [build(row) for row in children.get(None, [])]


def deltas_of(event: Event) -> dict[str, int]:
    """The live deltas of the evening by block key (only blocks that have one)."""
    return {str(row.id): row.live_delta for row in event.blocks if row.live_delta}


def _to_block(row: AgendaBlock, parts: tuple[Block, ...]) -> Block:
    return Block(
        key=str(row.id),
        title=row.title,
        duration=row.duration,
        kind=BlockKind(row.kind) if row.kind in BlockKind._value2member_map_ else BlockKind.OTHER,
        who=row.who,
        talking_points=tuple(row.talking_points or ()),
        questions=tuple(row.questions or ()),
        remark=row.remark,
        factors=frozenset(row.factors or ()),
        children=parts,
    )


# The plan of a meeting, computed once per change of the meeting (issue 13: every parent's
# page computed it again). Keyed by the meeting's id and updated_at, which every change to
# its blocks or themes moves forward (_touch_meetings), so a stale plan is never found,
# in this process or another.
PLANS_KEPT = 256
_plans: OrderedDict[tuple[int, datetime, int], AgendaPlan] = OrderedDict()
_plans_lock = Lock()
# Changes seen by this process, per meeting: they count even when the clock stands still
# (a test's frozen time) and two changes would get the same updated_at.
_changes: dict[int, int] = {}


def plan(event: Event) -> AgendaPlan:
    """The meeting's agenda with clock times and warnings (kept until the meeting changes)."""
    if event.id is None or event.updated_at is None or _pending(event):
        return _compute_plan(event)
    key = (event.id, event.updated_at, _changes.get(event.id, 0))
    with _plans_lock:
        kept = _plans.get(key)
        if kept is not None:
            _plans.move_to_end(key)
            return kept
    made = _compute_plan(event)
    with _plans_lock:
        _plans[key] = made
        while len(_plans) > PLANS_KEPT:
            _plans.popitem(last=False)
    return made


def changes_of(event_id: int) -> int:
    """How often this process saw the meeting change (its columns, blocks or themes): a
    part of any key of something kept per meeting version, besides its updated_at (which
    moves with every change, but not under a test's frozen clock)."""
    with _plans_lock:
        return _changes.get(event_id, 0)


def _pending(event: Event) -> bool:
    """Changes in this session not yet flushed: the key would not show them yet. (Asked in
    constant time: session.dirty would look at every object loaded, thousands on a big
    meeting's pages.)"""
    session = Session.object_session(event)
    if session is None:
        return False
    return bool(session.new or session.deleted or session.identity_map.check_modified())


@orm_event.listens_for(Session, "before_flush")
def _touch_meetings(session: Session, _context: Any, _instances: Any) -> None:
    """A change to a meeting's blocks or themes moves its updated_at: its kept plan is old.
    Any change to a meeting (its own columns too) is counted in `changes_of`."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, (AgendaBlock, Theme)):
            ids.add(obj.event_id or (obj.event.id if obj.event is not None else 0))
        elif isinstance(obj, Event) and obj.id is not None:
            state: InstanceState[Event] = inspect(obj)
            if any(state.attrs[name].history.has_changes() for name in ("blocks", "themes")):
                ids.add(obj.id)
            elif session.is_modified(obj, include_collections=False):
                with _plans_lock:
                    _changes[obj.id] = _changes.get(obj.id, 0) + 1
    with session.no_autoflush:
        for event_id in ids - {0}:
            meeting = session.get(Event, event_id)
            if meeting is not None:
                meeting.updated_at = utcnow()
            with _plans_lock:
                _changes[event_id] = _changes.get(event_id, 0) + 1


def _compute_plan(event: Event) -> AgendaPlan:
    blocks = blocks_of(event)
    start = start_of(event)
    planned = planned_end_of(event)
    served, missing = agenda.factor_coverage(blocks)
    return AgendaPlan(
        slots=agenda.schedule(blocks, start),
        start=start,
        end=agenda.end_time(blocks, start),
        planned_end=planned,
        warnings=agenda.warnings(blocks, start, planned, theme_count=len(event.themes)),
        factors_served=served,
        factors_missing=missing,
    )


# --- structure -----------------------------------------------------------------------------


@transactional
def _store_structure(event: Event, blocks: Sequence[Block]) -> None:
    rows = {str(row.id): row for row in event.blocks}
    for position, block in enumerate(blocks):
        row = rows[block.key]
        row.parent_id, row.position = None, position
        for sub, child in enumerate(block.children):
            rows[child.key].parent_id, rows[child.key].position = row.id, sub


def restructure(event: Event, operation: Callable[[list[Block]], list[Block]]) -> None:
    """Apply a pure tree operation and store the result (raises agenda.AgendaError)."""
    new = _stored(event, operation(blocks_of(event)))
    for block in agenda.walk(new):
        if not block.children:
            row = row_of(event, block.key)
            row.duration = block.duration
    _store_structure(event, new)


def _stored(event: Event, blocks: list[Block]) -> list[Block]:
    """The blocks with a row for each block the operation made (key agenda.NEW_KEY…),
    keyed by the new row's id like every other block."""

    def store(block: Block) -> Block:
        children = tuple(store(child) for child in block.children)
        if not block.key.startswith(agenda.NEW_KEY):
            return replace(block, children=children)
        row = AgendaBlock(position=0, **block_fields(block))
        event.blocks.append(row)
        db.session.flush()
        return replace(block, key=str(row.id), children=children)

    return [store(block) for block in blocks]


def move_block(event: Event, key: str, action: str) -> None:
    operations: dict[str, Callable[[list[Block]], list[Block]]] = {
        "up": lambda b: agenda.move(b, key, -1),
        "down": lambda b: agenda.move(b, key, +1),
        "indent": lambda b: agenda.indent(b, key),
        "outdent": lambda b: agenda.outdent(b, key),
    }
    if action not in operations:
        raise agenda.AgendaError("unknown_action", f"unknown action {action!r}", action=action)
    restructure(event, operations[action])


def reorder_blocks(event: Event, parent: str | None, keys: Sequence[str]) -> None:
    restructure(event, lambda b: agenda.reorder(b, parent, keys))


def row_of(event: Event, key: str) -> AgendaBlock:
    for row in event.blocks:
        if str(row.id) == key:
            return row
    raise agenda.AgendaError("no_block", f"no block {key!r}", key=key)


def delete_block(event: Event, key: str) -> None:
    row = row_of(event, key)
    doomed = {row.id} | {r.id for r in event.blocks if r.parent_id == row.id}
    event.blocks[:] = [r for r in event.blocks if r.id not in doomed]
    db.session.flush()
    _store_structure(event, blocks_of(event))


@transactional
def add_block(event: Event, data: BlockData, parent: str | None = None) -> AgendaBlock:
    if parent is not None:
        host = row_of(event, parent)
        if host.parent_id is not None:
            raise agenda.AgendaError("part_with_parts", "a part cannot have parts of its own")
        siblings = [r for r in event.blocks if r.parent_id == host.id]
        if not siblings and host.duration >= agenda.MIN_DURATION:
            siblings = [_own_time_row(event, host)]
        parent_id: int | None = host.id
    else:
        siblings = [r for r in event.blocks if r.parent_id is None]
        parent_id = None
    row = AgendaBlock(parent_id=parent_id, position=len(siblings), **_block_columns(data))
    event.blocks.append(row)
    return row


def _own_time_row(event: Event, host: AgendaBlock) -> AgendaBlock:
    """A block getting its first part keeps its own minutes as a part (agenda.own_time_part)."""
    own = agenda.own_time_part(_to_block(host, ()))
    row = AgendaBlock(parent_id=host.id, position=0, **block_fields(own))
    event.blocks.append(row)
    db.session.flush()
    return row


@transactional
def update_block(event: Event, key: str, data: BlockData) -> None:
    row = row_of(event, key)
    for name, value in _block_columns(data).items():
        setattr(row, name, value)


def _block_columns(data: BlockData) -> dict[str, Any]:
    """The row's column values (lists for the JSON columns); no duration when it has none."""
    columns: dict[str, Any] = {
        "title": data.title,
        "kind": data.kind,
        "who": data.who,
        "talking_points": list(data.talking_points),
        "questions": list(data.questions),
        "remark": data.remark,
        "factors": list(data.factors),
    }
    if data.duration is not None:
        columns["duration"] = data.duration
    return columns


def block_fields(block: Block) -> dict[str, Any]:
    return {
        "title": block.title,
        "kind": block.kind.value,
        "duration": block.duration,
        "who": block.who,
        "talking_points": list(block.talking_points),
        "questions": list(block.questions),
        "remark": block.remark,
        "factors": sorted(block.factors),
    }


# --- templates -----------------------------------------------------------------------------


def replace_agenda(event: Event, blocks: Sequence[Block]) -> None:
    """Throw away the agenda and build it from template blocks (no commit)."""
    event.blocks.clear()
    db.session.flush()
    for position, block in enumerate(blocks):
        row = AgendaBlock(position=position, **block_fields(block))
        event.blocks.append(row)
        for sub, child in enumerate(block.children):
            part = AgendaBlock(position=sub, **block_fields(child))
            event.blocks.append(part)
            db.session.flush()
            part.parent_id = row.id
        db.session.flush()


def add_tasks(event: Event, tasks: Sequence[TaskTemplate]) -> None:
    for task in tasks:
        event.tasks.append(
            Task(
                position=len(event.tasks),
                title=task.title,
                description=task.description,
                days_before=task.days_before,
            )
        )


def add_themes(event: Event, themes: Sequence[ThemeTemplate]) -> None:
    for theme in themes:
        event.themes.append(
            Theme(
                position=len(event.themes),
                title=theme.title,
                description=theme.description,
                questions=list(theme.questions),
            )
        )


def apply_template(event: Event, template: AgendaTemplate) -> None:
    replace_agenda(event, template.blocks)
    add_tasks(event, template.tasks)
    add_themes(event, template.themes)


def as_template(event: Event, name: str, description: str = "") -> AgendaTemplate:
    tasks = tuple(TaskTemplate(t.title, t.description, t.days_before) for t in event.tasks)
    themes = tuple(ThemeTemplate(t.title, t.description, tuple(t.questions)) for t in event.themes)
    return AgendaTemplate(name, event.language, description, tuple(blocks_of(event)), tasks, themes)


def save_as_template(event: Event, name: str, description: str = "") -> SavedTemplate:
    return store_template(event.school_id, as_template(event, name, description))


@transactional
def import_agenda(event: Event, template: AgendaTemplate) -> None:
    """Replace the meeting's agenda by a template's; tasks and themes are left as they are."""
    replace_agenda(event, template.blocks)


@transactional
def store_template(school_id: int, template: AgendaTemplate) -> SavedTemplate:
    """Keep an uploaded template as the school's own (same name: replaced)."""
    data = template_to_dict(template)
    saved = (
        db.session.query(SavedTemplate).filter_by(school_id=school_id, name=template.name).first()
    )
    if saved is None:
        saved = SavedTemplate(school_id=school_id, name=template.name)
        db.session.add(saved)
    saved.language, saved.data = template.language, data
    return saved


def saved_templates(school_id: int) -> list[SavedTemplate]:
    """The school's own templates, by name."""
    query = select(SavedTemplate).where(SavedTemplate.school_id == school_id)
    return list(db.session.scalars(query.order_by(SavedTemplate.name)))


@transactional
def delete_saved_template(saved: SavedTemplate) -> None:
    db.session.delete(saved)


@dataclass(frozen=True)
class Reorder:
    """The drag-and-drop result: the keys of one level (parent None: the top) in order."""

    parent: str | None
    keys: tuple[str, ...]
