"""The live run-sheet: the evening's deltas, kept on its agenda rows (`AgendaBlock.live_delta`).

The planned durations are never touched; the domain (eventkit.domain.live) works out the
actual clock times from the plan and the deltas, and these functions only read and store them.
"""

from __future__ import annotations

from datetime import datetime

from ..agenda import services as agenda_services
from ..domain import live
from ..domain.live import LiveError, Moment, PlanRow, Row
from ..models import Event
from ..uow import transactional


def evening_of(event: Event) -> live.Evening:
    return live.Evening(
        tuple(agenda_services.blocks_of(event)),
        agenda_services.start_of(event),
        agenda_services.deltas_of(event),
    )


def moment(event: Event, now: datetime) -> Moment:
    """Where the evening is at `now`: current block and part, minutes left, what is next."""
    return live.at(evening_of(event), now)


def changed_moment(event: Event, now: datetime) -> Moment | None:
    """The moment, but only when the evening no longer runs as planned (for the agenda page)."""
    evening = evening_of(event)
    return live.at(evening, now) if live.has_changes(evening) else None


def state_of(event: Event) -> str:
    """The code a live form carries, to notice a double tap or someone else's change."""
    return live.fingerprint(agenda_services.deltas_of(event))


def rows(event: Event) -> list[Row]:
    """Every block and part, planned and actual (for the Word run-sheet)."""
    return live.rows(evening_of(event))


def plan_vs_actual(event: Event) -> list[PlanRow]:
    """How the evening really ran, block by block, beside the plan (for the follow-up report).

    Each row has number, title, depth (0 block, 1 part), planned_start/planned_end,
    actual_start/actual_end and delta (minutes longer (+) or shorter (-) than planned).
    """
    return live.plan_vs_actual(evening_of(event))


def running_late(event: Event, now: datetime, minutes: int, state: str) -> None:
    """The block running now takes `minutes` longer; every later block shifts."""
    evening = _unchanged(event, state)
    _store(event, live.running_late(evening, now, minutes))


def shorten(event: Event, now: datetime, key: str, minutes: int, state: str, overrun: bool) -> None:
    """Take `minutes` from a block that has not started; with `overrun` the block running now
    first gets those minutes, so only the blocks between the two shift."""
    evening = _unchanged(event, state)
    deltas = dict(evening.deltas)
    if overrun:
        deltas = live.running_late(evening, now, minutes)
    deltas = live.shorten(live.Evening(evening.blocks, evening.start, deltas), now, key, minutes)
    _store(event, deltas)


def reset(event: Event) -> None:
    """Back to the plan: every block's live delta is zero again."""
    _store(event, live.reset(evening_of(event)))


def _unchanged(event: Event, state: str) -> live.Evening:
    evening = evening_of(event)
    if state != live.fingerprint(evening.deltas):
        raise LiveError("changed", "the times were changed in the meantime")
    return evening


@transactional
def _store(event: Event, deltas: dict[str, int]) -> None:
    """Write the new deltas; a row the mapping does not name is back on its plan."""
    for row in event.blocks:
        row.live_delta = deltas.get(str(row.id), 0)
