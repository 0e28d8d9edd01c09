"""The agenda of a meeting: blocks with nested parts, clock times and warnings.

A meeting's evening is a list of top-level blocks (walk-in, the arena start,
break, theme tables, ...). A block may hold parts (the arena start is
introduction + partnership + dialogue + summary); a block with parts lasts as
long as its parts together, whatever duration it was given. Parts have no parts
of their own: the draaiboek never goes deeper and a deeper tree is hard to
follow on paper.

Everything here is pure: blocks are immutable values, editing operations return
a new list, and nothing touches a database or a web request.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

MAX_DEPTH = 2
MIN_DURATION = 1
MAX_DURATION = 300
DEFAULT_DURATION = 5
MAX_MINUTES_WITHOUT_BREAK = 75
MIN_MINUTES_PER_THEME = 10


class DomainError(ValueError):
    """An error with a stable `code` and `params`, so a user interface can word it in any
    language; str() gives the English sentence for logs and the command line."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class AgendaError(DomainError):
    """An editing operation that the agenda cannot take (unknown block, too deep, ...)."""


@dataclass(frozen=True)
class Problem:
    """Something that makes an agenda unusable (not a mere warning)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    message: str = ""

    def __str__(self) -> str:
        return self.message


class BlockKind(StrEnum):
    WALK_IN = "walk_in"
    PLENARY = "plenary"
    INTRODUCTION = "introduction"
    DIALOGUE = "dialogue"
    SUMMARY = "summary"
    BREAK = "break"
    THEME_TABLES = "theme_tables"
    PRESENTATIONS = "presentations"
    CLOSING = "closing"
    OTHER = "other"


@dataclass(frozen=True)
class Block:
    key: str
    title: str
    duration: int = 0
    kind: BlockKind = BlockKind.OTHER
    who: str = ""
    talking_points: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    remark: str = ""
    factors: frozenset[int] = frozenset()
    children: tuple[Block, ...] = ()

    @property
    def minutes(self) -> int:
        """The block's length: its own duration, or the sum of its parts."""
        if self.children:
            return sum(child.minutes for child in self.children)
        return self.duration


@dataclass(frozen=True)
class Slot:
    """A block placed on the clock."""

    block: Block
    depth: int
    number: str
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return self.block.minutes


@dataclass(frozen=True)
class Warning:
    """Something a facilitator would want fixed; `code` picks the message, `params` fill it."""

    code: str
    block_key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


# --- clock times ---------------------------------------------------------------------------


def total_minutes(blocks: Sequence[Block]) -> int:
    return sum(block.minutes for block in blocks)


def schedule(blocks: Sequence[Block], start: datetime) -> list[Slot]:
    """Every block and part in reading order, with its start and end on the clock.

    Datetimes (not times) so that an evening running past midnight stays ordered.
    """
    slots: list[Slot] = []
    clock = start
    for index, block in enumerate(blocks, start=1):
        end = clock + timedelta(minutes=block.minutes)
        slots.append(Slot(block, 0, str(index), clock, end))
        part_clock = clock
        for sub, child in enumerate(block.children, start=1):
            part_end = part_clock + timedelta(minutes=child.minutes)
            slots.append(Slot(child, 1, f"{index}.{sub}", part_clock, part_end))
            part_clock = part_end
        clock = end
    return slots


def end_time(blocks: Sequence[Block], start: datetime) -> datetime:
    return start + timedelta(minutes=total_minutes(blocks))


def announced_end(agenda_end: datetime, planned_end: datetime | None) -> datetime:
    """The one end time every letter, mail, page and calendar file gives.

    The planned end is what the school promised parents, so it wins when set; without one
    the agenda's end is all there is. When the agenda runs past the planned end the team
    sees the `ends_late` warning instead of a second end time in print.
    """
    return planned_end if planned_end is not None else agenda_end


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """All blocks and parts, depth first."""
    for block in blocks:
        yield block
        yield from walk(block.children)


def leaves(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks that take time themselves: parts, and blocks without parts."""
    for block in blocks:
        if block.children:
            yield from leaves(block.children)
        else:
            yield block


# --- warnings ------------------------------------------------------------------------------


def warnings(
    blocks: Sequence[Block],
    start: datetime,
    planned_end: datetime | None = None,
    theme_count: int = 0,
) -> list[Warning]:
    """What a facilitator would want to know before the evening, in agenda order."""
    found: list[Warning] = []
    found += _late_end(blocks, start, planned_end)
    found += _long_stretches(blocks)
    for block in walk(blocks):
        found += _block_warnings(block, theme_count)
    return found


def _late_end(blocks: Sequence[Block], start: datetime, planned: datetime | None) -> list[Warning]:
    if planned is None:
        return []
    end = end_time(blocks, start)
    if end <= planned:
        return []
    over = int((end - planned).total_seconds() // 60)
    return [Warning("ends_late", None, {"minutes": over, "end": end, "planned": planned})]


def _long_stretches(blocks: Sequence[Block]) -> list[Warning]:
    """Stretches of more than MAX_MINUTES_WITHOUT_BREAK minutes with no break in them."""
    found: list[Warning] = []
    stretch: list[Block] = []

    def close() -> None:
        minutes = sum(b.minutes for b in stretch)
        if minutes > MAX_MINUTES_WITHOUT_BREAK:
            params = {"minutes": minutes, "first": stretch[0].title, "last": stretch[-1].title}
            found.append(Warning("no_break", stretch[-1].key, params))
        stretch.clear()

    for block in leaves(blocks):
        if block.kind is BlockKind.BREAK:
            close()
        else:
            stretch.append(block)
    if stretch:
        close()
    return found


def _block_warnings(block: Block, theme_count: int) -> list[Warning]:
    found: list[Warning] = []
    if block.kind is BlockKind.THEME_TABLES:
        needed = max(theme_count, 1) * MIN_MINUTES_PER_THEME
        if theme_count == 0:
            found.append(Warning("theme_tables_without_themes", block.key, {}))
        elif block.minutes < needed:
            params = {"minutes": block.minutes, "themes": theme_count, "needed": needed}
            found.append(Warning("theme_tables_short", block.key, params))
    responsible = block.who.strip() or (
        block.children and all(child.who.strip() for child in block.children)
    )
    if block.kind is not BlockKind.BREAK and not responsible:
        found.append(Warning("no_one_responsible", block.key, {"title": block.title}))
    if block.kind is BlockKind.DIALOGUE and not block.questions:
        found.append(Warning("dialogue_without_questions", block.key, {"title": block.title}))
    return found


# --- success factors -----------------------------------------------------------------------

FACTOR_NUMBERS: tuple[int, ...] = tuple(range(1, 11))


def factor_coverage(blocks: Sequence[Block]) -> tuple[list[int], list[int]]:
    """(served, missing): the success factors some block is tagged with, and the others."""
    served = set().union(*(block.factors for block in walk(blocks)))
    return sorted(served), [n for n in FACTOR_NUMBERS if n not in served]


# --- editing -------------------------------------------------------------------------------


def find(blocks: Sequence[Block], key: str) -> tuple[str | None, int]:
    """(parent key or None, index among its siblings) of the block with `key`."""
    for index, block in enumerate(blocks):
        if block.key == key:
            return None, index
        for sub, child in enumerate(block.children):
            if child.key == key:
                return block.key, sub
    raise AgendaError("no_block", f"no block {key!r}", key=key)


def siblings(blocks: Sequence[Block], parent: str | None) -> tuple[Block, ...]:
    if parent is None:
        return tuple(blocks)
    return _get(blocks, parent).children


def _get(blocks: Sequence[Block], key: str) -> Block:
    for block in walk(blocks):
        if block.key == key:
            return block
    raise AgendaError("no_block", f"no block {key!r}", key=key)


def _with_siblings(
    blocks: Sequence[Block], parent: str | None, new: Sequence[Block]
) -> list[Block]:
    if parent is None:
        return list(new)
    return [replace(b, children=tuple(new)) if b.key == parent else b for b in blocks]


def move(blocks: Sequence[Block], key: str, offset: int) -> list[Block]:
    """Move a block `offset` places among its siblings (clamped at the ends)."""
    parent, index = find(blocks, key)
    row = list(siblings(blocks, parent))
    target = min(max(index + offset, 0), len(row) - 1)
    row.insert(target, row.pop(index))
    return _with_siblings(blocks, parent, row)


def reorder(blocks: Sequence[Block], parent: str | None, keys: Sequence[str]) -> list[Block]:
    """Put the siblings under `parent` in the order of `keys` (a drag-and-drop result)."""
    row = siblings(blocks, parent)
    by_key = {b.key: b for b in row}
    if sorted(keys) != sorted(by_key):
        raise AgendaError(
            "incomplete_order", "the new order must name every block at that level exactly once"
        )
    return _with_siblings(blocks, parent, [by_key[k] for k in keys])


NEW_KEY = "new:"  # the key prefix of a block an operation made (the store gives it an id)


def own_time_part(host: Block) -> Block:
    """The part that keeps a block's own time when it gets its first part: a block with
    parts lasts as long as its parts, so without this the block's own minutes would
    silently disappear (Thematafels 30 min + Presentaties 10 min must stay 40 minutes)."""
    return Block(
        key=f"{NEW_KEY}{host.key}",
        title=host.title,
        duration=host.duration,
        kind=host.kind,
        who=host.who,
    )


def with_first_part(host: Block, part: Block) -> Block:
    """The host with `part` added at the end; a host without parts first gets a part
    holding its own time, so nesting never drops minutes."""
    if host.children or host.duration < MIN_DURATION:
        return replace(host, children=(*host.children, part))
    return replace(host, children=(own_time_part(host), part))


def indent(blocks: Sequence[Block], key: str) -> list[Block]:
    """Make a block the last part of the block before it (see with_first_part)."""
    parent, index = find(blocks, key)
    if parent is not None:
        raise AgendaError("part_with_parts", "a part cannot have parts of its own")
    if index == 0:
        raise AgendaError("first_block", "the first block has no block before it to go under")
    block = blocks[index]
    if block.children:
        raise AgendaError("block_with_parts", "a block with parts cannot become a part")
    new_host = with_first_part(blocks[index - 1], block)
    return [*blocks[: index - 1], new_host, *blocks[index + 1 :]]


def outdent(blocks: Sequence[Block], key: str) -> list[Block]:
    """Lift a part out of its block: it becomes the block right after it.

    A block that loses its last part keeps the duration it had stored, or
    DEFAULT_DURATION when it never had one of its own.
    """
    parent, index = find(blocks, key)
    if parent is None:
        raise AgendaError("not_a_part", "the block is not a part")
    _, host_index = find(blocks, parent)
    host = blocks[host_index]
    part = host.children[index]
    rest = host.children[:index] + host.children[index + 1 :]
    new_host = replace(host, children=rest)
    if not rest and host.duration < MIN_DURATION:
        new_host = replace(new_host, duration=DEFAULT_DURATION)
    return [*blocks[:host_index], new_host, part, *blocks[host_index + 1 :]]


def remove(blocks: Sequence[Block], key: str) -> list[Block]:
    parent, index = find(blocks, key)
    row = list(siblings(blocks, parent))
    del row[index]
    return _with_siblings(blocks, parent, row)


def insert(
    blocks: Sequence[Block], block: Block, parent: str | None = None, index: int | None = None
) -> list[Block]:
    """Add a block at `index` among the siblings under `parent` (at the end by default)."""
    if parent is not None and find(blocks, parent)[0] is not None:
        raise AgendaError("part_with_parts", "a part cannot have parts of its own")
    row = list(siblings(blocks, parent))
    row.insert(len(row) if index is None else index, block)
    return _with_siblings(blocks, parent, row)


def update(blocks: Sequence[Block], key: str, **changes: Any) -> list[Block]:
    """Change fields of one block (title, duration, who, ...)."""
    names = {f.name for f in dataclasses.fields(Block)} - {"key", "children"}
    unknown = set(changes) - names
    if unknown:
        raise AgendaError("unknown_fields", f"unknown block fields: {sorted(unknown)}")
    parent, index = find(blocks, key)
    row = list(siblings(blocks, parent))
    row[index] = replace(row[index], **changes)
    return _with_siblings(blocks, parent, row)


def depth_of(blocks: Sequence[Block]) -> int:
    if not blocks:
        return 0
    return 1 + max(depth_of(block.children) for block in blocks)


# --- data files ----------------------------------------------------------------------------


def block_from_dict(data: Mapping[str, Any], key: str) -> Block:
    """A block from a template's JSON object; `key` is assigned by the caller."""
    children = tuple(
        block_from_dict(child, f"{key}.{n}") for n, child in enumerate(data.get("parts", []), 1)
    )
    return Block(
        key=key,
        title=str(data["title"]),
        duration=int(data.get("duration", 0)),
        kind=BlockKind(data.get("kind", BlockKind.OTHER)),
        who=str(data.get("who", "")),
        talking_points=tuple(str(p) for p in data.get("talking_points", [])),
        questions=tuple(str(q) for q in data.get("questions", [])),
        remark=str(data.get("remark", "")),
        factors=frozenset(int(f) for f in data.get("factors", [])),
        children=children,
    )


def block_to_dict(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"title": block.title, "kind": block.kind.value}
    if not block.children:
        data["duration"] = block.duration
    for name in ("who", "remark"):
        if getattr(block, name):
            data[name] = getattr(block, name)
    for name in ("talking_points", "questions"):
        if getattr(block, name):
            data[name] = list(getattr(block, name))
    if block.factors:
        data["factors"] = sorted(block.factors)
    if block.children:
        data["parts"] = [block_to_dict(child) for child in block.children]
    return data


def validate_blocks(blocks: Sequence[Block]) -> list[Problem]:
    """Problems that make an agenda unusable (not mere warnings)."""
    problems: list[Problem] = []
    if depth_of(blocks) > MAX_DEPTH:
        problems.append(Problem("too_deep", {}, "parts cannot have parts of their own"))
    for block in walk(blocks):
        title = block.title
        if not title.strip():
            problems.append(Problem("no_title", {}, "a block has no title"))
        if not block.children and not MIN_DURATION <= block.duration <= MAX_DURATION:
            params = {"title": title, "duration": block.duration}
            message = f"{title!r}: duration {block.duration} is not 1 to 300 minutes"
            problems.append(Problem("bad_duration", params, message))
        if not block.factors <= set(FACTOR_NUMBERS):
            message = f"{title!r}: success factors are numbered 1 to 10"
            problems.append(Problem("bad_factor", {"title": title}, message))
    return problems
