"""The evening as it runs: the planned agenda, the minutes blocks ran over or gave up, and now.

On the evening the planned durations stay as they are (the report sets the plan beside what
happened). Each block that takes time itself (a part, or a block without parts) carries a
*live delta*: minutes it ran over (+) or was shortened by (-). A block with parts lasts as long
as its parts, so a delta stored on such a block is ignored. The actual clock times follow from
scheduling the blocks with their deltas added, by the same `agenda.schedule` as the plan.

Everything here is pure: the operations take the evening and `now` and return new deltas.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .agenda import MAX_DURATION, MIN_DURATION, Block, DomainError, Slot, schedule, walk

MAX_STEP = 120  # minutes one "running late" or "shorten" may move; more is a typing slip


class LiveError(DomainError):
    """A live change the evening cannot take (not started, unknown block, too short, ...)."""


class Phase(StrEnum):
    BEFORE = "before"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True)
class Evening:
    """The agenda's blocks, the planned start, and the live deltas by block key."""

    blocks: tuple[Block, ...]
    start: datetime
    deltas: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One block or part: where the plan put it and where it actually is."""

    planned: Slot
    actual: Slot

    @property
    def key(self) -> str:
        return self.planned.block.key

    @property
    def title(self) -> str:
        return self.planned.block.title

    @property
    def depth(self) -> int:
        return self.planned.depth

    @property
    def number(self) -> str:
        return self.planned.number

    @property
    def is_leaf(self) -> bool:
        return not self.planned.block.children

    @property
    def delta(self) -> int:
        """Minutes this block (with its parts) lasts longer (+) or shorter (-) than planned."""
        return self.actual.minutes - self.planned.minutes

    @property
    def moved(self) -> bool:
        return (self.actual.start, self.actual.end) != (self.planned.start, self.planned.end)


@dataclass(frozen=True)
class PlanRow:
    """A line of "how the evening really ran" for the follow-up report.

    `delta` is the change in the block's length in minutes (+ ran over, - shortened); a block
    can also start later or earlier than planned without a delta of its own.
    """

    number: str
    title: str
    depth: int
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime
    actual_end: datetime
    delta: int

    @property
    def planned_minutes(self) -> int:
        return int((self.planned_end - self.planned_start).total_seconds() // 60)

    @property
    def actual_minutes(self) -> int:
        return int((self.actual_end - self.actual_start).total_seconds() // 60)


# --- the schedule with deltas --------------------------------------------------------------


def live_blocks(blocks: Sequence[Block], deltas: Mapping[str, int]) -> list[Block]:
    """The blocks with each leaf's delta added to its duration (never below MIN_DURATION)."""

    def adjust(block: Block) -> Block:
        if block.children:
            return replace(block, children=tuple(adjust(c) for c in block.children))
        minutes = block.duration + deltas.get(block.key, 0)
        return replace(block, duration=max(minutes, MIN_DURATION))

    return [adjust(block) for block in blocks]


def rows(evening: Evening) -> list[Row]:
    """Every block and part in reading order, planned and actual."""
    planned = schedule(evening.blocks, evening.start)
    actual = schedule(live_blocks(evening.blocks, evening.deltas), evening.start)
    return [Row(p, a) for p, a in zip(planned, actual, strict=True)]


def has_changes(evening: Evening) -> bool:
    return any(row.moved for row in rows(evening))


def shift(evening: Evening) -> int:
    """Minutes the evening now ends later (+) or earlier (-) than planned."""
    found = rows(evening)
    if not found:
        return 0
    tops = [row for row in found if row.depth == 0]
    return _minutes(tops[-1].actual.end - tops[-1].planned.end)


def plan_vs_actual(evening: Evening) -> list[PlanRow]:
    return [
        PlanRow(
            number=row.number,
            title=row.title,
            depth=row.depth,
            planned_start=row.planned.start,
            planned_end=row.planned.end,
            actual_start=row.actual.start,
            actual_end=row.actual.end,
            delta=row.delta,
        )
        for row in rows(evening)
    ]


def fingerprint(deltas: Mapping[str, int]) -> str:
    """A short code for the current deltas: a form carries it, so a double tap or a change by
    someone else in between is noticed instead of adding the minutes twice."""
    text = ",".join(f"{key}:{value}" for key, value in sorted(deltas.items()) if value)
    return hashlib.blake2s(text.encode(), digest_size=6).hexdigest()


# --- where we are now ----------------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    """The evening at `now`: the phase, the current block and part, and what comes next."""

    phase: Phase
    now: datetime
    rows: tuple[Row, ...]
    start: datetime
    end: datetime
    planned_end: datetime
    block: Row | None = None
    part: Row | None = None
    next: Row | None = None

    @property
    def starts_in(self) -> int:
        """Whole minutes until the start, rounded up (0 once started)."""
        return max(_minutes_up(self.start - self.now), 0)

    def minutes_left(self, row: Row) -> int:
        return max(_minutes_up(row.actual.end - self.now), 0)

    def seconds_left(self, row: Row) -> int:
        return max(int((row.actual.end - self.now).total_seconds()), 0)

    @property
    def shift(self) -> int:
        return _minutes(self.end - self.planned_end)

    @property
    def late(self) -> int:
        """Minutes the evening is behind its plan now (- ahead of it): how much later the block
        or part running now ends than planned; 0 before the start, the end's shift after it."""
        if self.phase is Phase.BEFORE:
            return 0
        leaf = self.part or self.block
        if leaf is None:
            return self.shift
        return _minutes(leaf.actual.end - leaf.planned.end)

    def state(self, row: Row) -> str:
        """past, current or later: how a row shows in the list of the evening."""
        if row.actual.end <= self.now:
            return "past"
        return "current" if row.actual.start <= self.now else "later"

    @property
    def later(self) -> tuple[Row, ...]:
        """The top-level blocks still to start: the rest of the evening."""
        return tuple(r for r in self.rows if r.depth == 0 and r.actual.start > self.now)


def at(evening: Evening, now: datetime) -> Moment:
    """Where the evening is at `now` (before, running or ended)."""
    found = tuple(rows(evening))
    tops = [row for row in found if row.depth == 0]
    end = tops[-1].actual.end if tops else evening.start
    planned_end = tops[-1].planned.end if tops else evening.start
    moment = Moment(Phase.ENDED, now, found, evening.start, end, planned_end)
    if now < evening.start:
        return replace(moment, phase=Phase.BEFORE, next=found[0] if found else None)
    index = _current_leaf(found, now)
    if index is None:
        return moment
    leaf = found[index]
    block = next(row for row in reversed(found[: index + 1]) if row.depth == 0)
    return replace(
        moment,
        phase=Phase.RUNNING,
        block=block,
        part=leaf if leaf.depth > 0 else None,
        next=found[index + 1] if index + 1 < len(found) else None,
    )


def _current_leaf(found: Sequence[Row], now: datetime) -> int | None:
    for index, row in enumerate(found):
        if row.is_leaf and row.actual.start <= now < row.actual.end:
            return index
    return None


# --- operations ----------------------------------------------------------------------------


def running_late(evening: Evening, now: datetime, minutes: int) -> dict[str, int]:
    """The block (or part) running now takes `minutes` longer: every later block shifts."""
    _check_step(minutes)
    moment = at(evening, now)
    if moment.phase is Phase.BEFORE:
        raise LiveError("not_started", "the evening has not started yet")
    if moment.phase is Phase.ENDED:
        raise LiveError("ended", "the evening has ended")
    leaf = moment.part or moment.block
    if leaf is None:  # a running evening always has a current block; this keeps mypy sure
        raise LiveError("ended", "the evening has ended")
    if leaf.actual.minutes + minutes > MAX_DURATION:
        raise LiveError(
            "too_long",
            f"{leaf.title!r} would last more than {MAX_DURATION} minutes",
            title=leaf.title,
            max=MAX_DURATION,
        )
    return _add(evening.deltas, leaf.key, minutes)


def shorten(evening: Evening, now: datetime, key: str, minutes: int) -> dict[str, int]:
    """A block that has not started yet gets `minutes` less, so the blocks after it keep
    their time (it wins back time lost before it)."""
    _check_step(minutes)
    row = next((r for r in rows(evening) if r.key == key), None)
    if row is None:
        raise LiveError("no_block", f"no block {key!r}", key=key)
    if not row.is_leaf:
        raise LiveError(
            "block_with_parts", "shorten one of the parts of a block with parts", title=row.title
        )
    if row.actual.start <= now:
        raise LiveError("already_started", f"{row.title!r} has already started", title=row.title)
    if row.actual.minutes - minutes < MIN_DURATION:
        most = row.actual.minutes - MIN_DURATION
        message = f"{row.title!r} can be shortened by at most {most} minutes"
        raise LiveError("too_short", message, title=row.title, most=most)
    return _add(evening.deltas, key, -minutes)


def reset(evening: Evening) -> dict[str, int]:
    """Back to the plan: every block's delta is zero again."""
    return {block.key: 0 for block in walk(evening.blocks)}


def _check_step(minutes: int) -> None:
    if not 1 <= minutes <= MAX_STEP:
        raise LiveError(
            "bad_minutes", f"minutes must be 1 to {MAX_STEP}", minutes=minutes, max=MAX_STEP
        )


def _add(deltas: Mapping[str, int], key: str, minutes: int) -> dict[str, int]:
    new = dict(deltas)
    new[key] = new.get(key, 0) + minutes
    return new


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _minutes_up(span: timedelta) -> int:
    return math.ceil(span.total_seconds() / 60)
