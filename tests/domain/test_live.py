"""The live run-sheet: where the evening is now, running late, shortening, past midnight."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from eventkit.domain import live
from eventkit.domain.agenda import Block, BlockKind
from eventkit.domain.live import Evening, LiveError, Phase

K = BlockKind
START = datetime(2027, 3, 9, 19, 0)


def b(key: str, minutes: int, kind: BlockKind = K.OTHER) -> Block:
    return Block(key=key, title=key.capitalize(), duration=minutes, kind=kind)


def draaiboek() -> tuple[Block, ...]:
    """The seed's evening: 19:00 walk-in, 19:15 arena (5+5+45+5), break, tables, ... 21:15."""
    parts = (b("intro", 5), b("partner", 5), b("dialogue", 45, K.DIALOGUE), b("summary", 5))
    arena = Block("arena", "Arena", duration=999, kind=K.PLENARY, children=parts)
    return (b("walkin", 15, K.WALK_IN), arena, b("break", 10, K.BREAK),
            b("tables", 30, K.THEME_TABLES), b("presentations", 10), b("closing", 10))  # fmt: skip


def evening(deltas: dict[str, int] | None = None, start: datetime = START) -> Evening:
    return Evening(draaiboek(), start, deltas or {})


def at(hhmm: str, day: datetime = START) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    moment = day.replace(hour=hours, minute=minutes)
    return moment + timedelta(days=1) if hours < 12 else moment  # small hours: the next day


def clocks(e: Evening) -> dict[str, str]:
    return {r.key: f"{r.actual.start:%H:%M}–{r.actual.end:%H:%M}" for r in live.rows(e)}


# --- where we are ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "phase", "block", "part", "block_left", "part_left", "next_key"),
    [
        ("18:40", Phase.BEFORE, None, None, None, None, "walkin"),
        ("19:00", Phase.RUNNING, "walkin", None, 15, None, "arena"),
        ("19:14", Phase.RUNNING, "walkin", None, 1, None, "arena"),
        ("19:15", Phase.RUNNING, "arena", "intro", 60, 5, "partner"),
        ("19:30", Phase.RUNNING, "arena", "dialogue", 45, 40, "summary"),
        ("20:12", Phase.RUNNING, "arena", "summary", 3, 3, "break"),
        ("21:10", Phase.RUNNING, "closing", None, 5, None, None),
        ("21:15", Phase.ENDED, None, None, None, None, None),
        ("23:00", Phase.ENDED, None, None, None, None, None),
    ],
)
def test_where_the_evening_is(now, phase, block, part, block_left, part_left, next_key) -> None:
    moment = live.at(evening(), at(now))
    assert moment.phase is phase
    assert (moment.block.key if moment.block else None) == block
    assert (moment.part.key if moment.part else None) == part
    assert (moment.next.key if moment.next else None) == next_key
    if block_left is not None:
        assert moment.minutes_left(moment.block) == block_left
    if part_left is not None:
        assert moment.minutes_left(moment.part) == part_left


@pytest.mark.parametrize(
    ("now", "starts_in"),
    [("18:40", 20), ("18:59", 1), (START - timedelta(seconds=30), 1), ("19:00", 0)],
)
def test_before_the_start_it_counts_down(now, starts_in) -> None:
    moment = live.at(evening(), at(now) if isinstance(now, str) else now)
    assert moment.starts_in == starts_in


def test_minutes_left_round_up_and_seconds_are_exact() -> None:
    moment = live.at(evening(), at("19:30") + timedelta(seconds=20))
    assert moment.part is not None
    assert moment.minutes_left(moment.part) == 40  # 39 min 40 s left
    assert moment.seconds_left(moment.part) == 39 * 60 + 40


def test_the_rest_of_the_evening_and_row_states() -> None:
    moment = live.at(evening(), at("19:30"))
    assert [r.key for r in moment.later] == ["break", "tables", "presentations", "closing"]
    states = {r.key: moment.state(r) for r in moment.rows}
    assert states["walkin"] == "past" and states["intro"] == "past"
    assert states["arena"] == "current" and states["dialogue"] == "current"
    assert states["summary"] == "later" and states["closing"] == "later"


def test_an_empty_agenda_has_no_current_block() -> None:
    empty = Evening((), START)
    assert live.at(empty, at("18:00")).phase is Phase.BEFORE
    assert live.at(empty, at("19:30")).phase is Phase.ENDED
    assert live.shift(empty) == 0


# --- running late --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "minutes", "grows", "expected"),
    [
        # the walk-in runs 10 over: everything after it shifts 10 minutes
        ("19:05", 10, "walkin", {"walkin": "19:00–19:25", "arena": "19:25–20:25",
                                 "intro": "19:25–19:30", "closing": "21:15–21:25"}),
        # a part running late inside the arena: the arena block grows with it
        ("19:40", 10, "dialogue", {"intro": "19:15–19:20", "dialogue": "19:25–20:20",
                                   "summary": "20:20–20:25", "arena": "19:15–20:25",
                                   "break": "20:25–20:35", "closing": "21:15–21:25"}),
        ("20:50", 5, "tables", {"tables": "20:25–21:00", "presentations": "21:00–21:10",
                                "closing": "21:10–21:20"}),
    ],
)  # fmt: skip
def test_running_late_shifts_every_later_block(now, minutes, grows, expected) -> None:
    deltas = live.running_late(evening(), at(now), minutes)
    assert deltas == {grows: minutes}
    found = clocks(evening(deltas))
    for key, span in expected.items():
        assert found[key] == span, key
    assert live.shift(evening(deltas)) == minutes
    assert live.at(evening(deltas), at(now)).late == minutes


def test_running_late_twice_adds_up_and_keeps_the_plan() -> None:
    first = live.running_late(evening(), at("19:40"), 10)
    second = live.running_late(evening(first), at("20:15"), 5)  # still in the longer dialogue
    assert second == {"dialogue": 15}
    rows = {r.key: r for r in live.rows(evening(second))}
    assert rows["dialogue"].planned.minutes == 45 and rows["dialogue"].actual.minutes == 60
    assert f"{rows['closing'].planned.start:%H:%M}" == "21:05"
    assert f"{rows['closing'].actual.start:%H:%M}" == "21:20"


@pytest.mark.parametrize(
    ("now", "minutes", "code"),
    [
        ("18:30", 10, "not_started"),
        ("21:15", 10, "ended"),
        ("19:40", 0, "bad_minutes"),
        ("19:40", -5, "bad_minutes"),
        ("19:40", 10_000, "bad_minutes"),
    ],
)
def test_running_late_refuses(now, minutes, code) -> None:
    with pytest.raises(LiveError) as caught:
        live.running_late(evening(), at(now), minutes)
    assert caught.value.code == code


def test_a_block_cannot_grow_beyond_the_longest_duration() -> None:
    deltas = {"dialogue": 200}
    with pytest.raises(LiveError) as caught:
        live.running_late(evening(deltas), at("19:40"), 60)
    assert caught.value.code == "too_long"


# --- shortening a later block --------------------------------------------------------------


@pytest.mark.parametrize(
    ("deltas", "now", "key", "minutes", "expected"),
    [
        # 10 late in the dialogue, taken back from the theme tables: presentations on time
        ({"dialogue": 10}, "20:00", "tables", 10,
         {"break": "20:25–20:35", "tables": "20:35–20:55", "presentations": "20:55–21:05",
          "closing": "21:05–21:15"}),
        # shortening a part that has not started: the rest of the arena moves up
        ({}, "19:20", "dialogue", 5, {"dialogue": "19:25–20:05", "summary": "20:05–20:10",
                                      "closing": "21:00–21:10"}),
        # down to a single minute is allowed
        ({}, "19:00", "presentations", 9, {"presentations": "20:55–20:56"}),
    ],
)  # fmt: skip
def test_shortening_a_later_block(deltas, now, key, minutes, expected) -> None:
    new = live.shorten(evening(deltas), at(now), key, minutes)
    assert new[key] == deltas.get(key, 0) - minutes
    found = clocks(evening(new))
    for name, span in expected.items():
        assert found[name] == span, name


@pytest.mark.parametrize(
    ("deltas", "now", "key", "minutes", "code"),
    [
        ({}, "19:30", "dialogue", 5, "already_started"),  # running now
        ({}, "19:30", "walkin", 5, "already_started"),  # over
        ({}, "21:30", "closing", 5, "already_started"),  # after the end
        ({}, "19:30", "tables", 30, "too_short"),  # would be 0 minutes
        ({"tables": -25}, "19:30", "tables", 5, "too_short"),
        ({}, "19:00", "arena", 5, "block_with_parts"),
        ({}, "19:30", "nope", 5, "no_block"),
        ({}, "19:30", "tables", 0, "bad_minutes"),
        ({}, "19:30", "tables", -10, "bad_minutes"),
        ({}, "19:30", "tables", 10_000, "bad_minutes"),
    ],
)
def test_shortening_refuses(deltas, now, key, minutes, code) -> None:
    with pytest.raises(LiveError) as caught:
        live.shorten(evening(deltas), at(now), key, minutes)
    assert caught.value.code == code
    assert str(caught.value)  # an English sentence for logs


def test_late_is_how_far_behind_the_block_running_now_is() -> None:
    deltas = {"dialogue": 10, "tables": -10}
    assert live.at(evening(deltas), at("18:00")).late == 0
    assert live.at(evening(deltas), at("19:30")).late == 10
    assert live.at(evening(deltas), at("20:40")).late == 0  # the tables made up for it
    assert live.at(evening({"closing": -5}), at("21:12")).late == -5
    assert live.at(evening({"closing": 5}), at("23:00")).late == 5


def test_a_block_whose_start_moved_later_is_still_open_to_shortening() -> None:
    # planned 20:25, now 20:30 but the dialogue ran 10 over: the tables start only at 20:35
    assert live.shorten(evening({"dialogue": 10}), at("20:30"), "tables", 5) == {
        "dialogue": 10,
        "tables": -5,
    }


def test_reset_brings_back_the_plan() -> None:
    messy = evening({"dialogue": 10, "tables": -5})
    zeros = live.reset(messy)
    assert set(zeros.values()) == {0} and "arena" in zeros and "closing" in zeros
    assert not live.has_changes(evening(zeros))
    assert live.has_changes(messy)


# --- past midnight -------------------------------------------------------------------------

LATE = START.replace(hour=22, minute=30)  # 22:30 + 135 minutes = 00:45


@pytest.mark.parametrize(
    ("now", "phase", "block", "part", "left"),
    [
        ("22:00", Phase.BEFORE, None, None, None),
        ("23:50", Phase.RUNNING, "break", None, 5),
        ("00:10", Phase.RUNNING, "tables", None, 15),
        ("00:40", Phase.RUNNING, "closing", None, 5),
        ("00:45", Phase.ENDED, None, None, None),
        ("01:30", Phase.ENDED, None, None, None),
    ],
)
def test_past_midnight(now, phase, block, part, left) -> None:
    moment = live.at(evening(start=LATE), at(now, LATE))
    assert moment.phase is phase
    assert (moment.block.key if moment.block else None) == block
    if left is not None:
        assert moment.minutes_left(moment.block) == left
    assert f"{moment.end:%d %H:%M}" == "10 00:45"


def test_running_late_past_midnight() -> None:
    deltas = live.running_late(evening(start=LATE), at("00:10", LATE), 10)
    found = clocks(evening(deltas, LATE))
    assert found["tables"] == "23:55–00:35"
    assert found["closing"] == "00:45–00:55"
    moment = live.at(evening(deltas, LATE), at("00:50", LATE))
    assert moment.phase is Phase.RUNNING and moment.block.key == "closing"


# --- plan beside the actual ----------------------------------------------------------------


def test_plan_vs_actual_rows() -> None:
    rows = live.plan_vs_actual(evening({"dialogue": 10, "tables": -10}))
    by_title = {r.title: r for r in rows}
    dialogue, arena, tables = by_title["Dialogue"], by_title["Arena"], by_title["Tables"]
    assert (dialogue.number, dialogue.depth, dialogue.delta) == ("2.3", 1, 10)
    assert (arena.delta, f"{arena.actual_end:%H:%M}", f"{arena.planned_end:%H:%M}") == (
        10,
        "20:25",
        "20:15",
    )
    assert (tables.delta, f"{tables.actual_start:%H:%M}") == (-10, "20:35")
    closing = by_title["Closing"]
    assert closing.planned_start == closing.actual_start and closing.delta == 0
    assert [r.title for r in rows][:3] == ["Walkin", "Arena", "Intro"]


def test_a_delta_on_a_block_with_parts_is_ignored_and_a_leaf_never_drops_below_a_minute() -> None:
    found = clocks(evening({"arena": 30, "break": -50}))
    assert found["arena"] == "19:15–20:15"
    assert found["break"] == "20:15–20:16"


def test_the_fingerprint_follows_the_deltas() -> None:
    assert live.fingerprint({}) == live.fingerprint({"a": 0})
    assert live.fingerprint({"a": 5}) != live.fingerprint({"a": 10})
    assert live.fingerprint({"a": 5, "b": 1}) == live.fingerprint({"b": 1, "a": 5})
