"""The agenda arithmetic: nesting, reordering, clock times and warnings."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest

from eventkit.domain import agenda
from eventkit.domain.agenda import AgendaError, Block, BlockKind

K = BlockKind


def b(key: str, minutes: int = 10, kind: BlockKind = K.OTHER, who: str = "x", **kw) -> Block:
    return Block(key=key, title=key.upper(), duration=minutes, kind=kind, who=who, **kw)


def arena() -> Block:
    parts = (b("intro", 5), b("partner", 5), b("dialogue", 45, K.DIALOGUE, questions=("?",)),
             b("summary", 5))  # fmt: skip
    return Block("arena", "Start", duration=999, kind=K.PLENARY, children=parts)


def draaiboek() -> list[Block]:
    return [b("walkin", 15, K.WALK_IN), arena(), b("break", 10, K.BREAK, who=""),
            b("tables", 30, K.THEME_TABLES), b("presentations", 10), b("closing", 10)]  # fmt: skip


EVENING = datetime(2026, 12, 15, 19, 0)


def keys(blocks: list[Block]) -> list[str]:
    return [x.key for x in agenda.walk(blocks)]


def clock(blocks: list[Block], start: datetime = EVENING) -> list[tuple[str, str, str, int]]:
    return [(s.number, s.block.key, s.start.strftime("%H:%M"), s.depth)
            for s in agenda.schedule(blocks, start)]  # fmt: skip


def test_a_block_with_parts_lasts_as_long_as_its_parts() -> None:
    assert arena().minutes == 60
    assert agenda.total_minutes(draaiboek()) == 135


def test_schedule_of_the_draaiboek() -> None:
    assert clock(draaiboek()) == [
        ("1", "walkin", "19:00", 0),
        ("2", "arena", "19:15", 0),
        ("2.1", "intro", "19:15", 1),
        ("2.2", "partner", "19:20", 1),
        ("2.3", "dialogue", "19:25", 1),
        ("2.4", "summary", "20:10", 1),
        ("3", "break", "20:15", 0),
        ("4", "tables", "20:25", 0),
        ("5", "presentations", "20:55", 0),
        ("6", "closing", "21:05", 0),
    ]
    assert agenda.end_time(draaiboek(), EVENING) == datetime(2026, 12, 15, 21, 15)


def test_clock_times_run_past_midnight() -> None:
    slots = agenda.schedule(draaiboek(), datetime(2026, 12, 15, 23, 0))
    closing = slots[-1]
    assert closing.start == datetime(2026, 12, 16, 1, 5)
    assert [s.start for s in slots] == sorted(s.start for s in slots)


def top(blocks: list[Block]) -> list[str]:
    return [x.key for x in blocks]


@pytest.mark.parametrize(
    ("operation", "view", "expected"),
    [
        (lambda x: agenda.move(x, "break", -1), top, ["walkin", "break", "arena", "tables"]),
        (lambda x: agenda.move(x, "break", +1), top, ["walkin", "arena", "tables", "break"]),
        (lambda x: agenda.move(x, "walkin", -1), top, ["walkin", "arena", "break"]),
        (lambda x: agenda.move(x, "closing", +1), top, ["walkin", "arena", "break", "tables",
                                                        "presentations", "closing"]),
        (lambda x: agenda.move(x, "summary", -3), keys, ["walkin", "arena", "summary", "intro"]),
        (lambda x: agenda.indent(x, "break"), keys, ["walkin", "arena", "intro", "partner",
                                                     "dialogue", "summary", "break", "tables"]),
        (lambda x: agenda.outdent(x, "intro"), keys, ["walkin", "arena", "partner", "dialogue",
                                                      "summary", "intro", "break"]),
        (lambda x: agenda.remove(x, "arena"), keys, ["walkin", "break", "tables"]),
        (lambda x: agenda.remove(x, "dialogue"), keys, ["walkin", "arena", "intro", "partner",
                                                        "summary", "break"]),
    ],
)  # fmt: skip
def test_editing_operations(operation, view, expected: list[str]) -> None:
    result = operation(draaiboek())
    assert view(result)[: len(expected)] == expected
    assert len(keys(result)) == len(set(keys(result)))


def test_outdent_makes_the_part_the_next_block() -> None:
    result = agenda.outdent(draaiboek(), "summary")
    assert [x.key for x in result][:3] == ["walkin", "arena", "summary"]
    assert result[1].minutes == 55
    assert agenda.total_minutes(result) == 135


def test_outdent_of_the_last_part_leaves_a_plain_block() -> None:
    blocks = [Block("host", "Host", kind=K.OTHER, who="x", children=(b("only", 20),))]
    result = agenda.outdent(blocks, "only")
    assert [x.key for x in result] == ["host", "only"]
    assert result[0].minutes == agenda.DEFAULT_DURATION


def test_reorder_by_drag_and_drop_changes_clock_times() -> None:
    order = ["walkin", "arena", "tables", "break", "presentations", "closing"]
    result = agenda.reorder(draaiboek(), None, order)
    assert [x.key for x in result] == order
    times = {key: start for _, key, start, _ in clock(result)}
    assert times["tables"] == "20:15"
    assert times["break"] == "20:45"


def test_reorder_of_parts() -> None:
    result = agenda.reorder(draaiboek(), "arena", ["dialogue", "intro", "partner", "summary"])
    assert [c.key for c in result[1].children] == ["dialogue", "intro", "partner", "summary"]


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (lambda x: agenda.indent(x, "walkin"), "first block"),
        (lambda x: agenda.indent(x, "intro"), "part cannot have parts"),
        (lambda x: agenda.indent(x, "break") and agenda.indent(agenda.indent(x, "break"), "arena"),
         "parts"),
        (lambda x: agenda.outdent(x, "break"), "not a part"),
        (lambda x: agenda.reorder(x, None, ["walkin"]), "every block"),
        (lambda x: agenda.reorder(x, None, [k.key for k in x] + ["walkin"]), "every block"),
        (lambda x: agenda.move(x, "nope", 1), "no block"),
        (lambda x: agenda.insert(x, b("new"), parent="intro"), "part cannot have parts"),
        (lambda x: agenda.update(x, "walkin", colour="red"), "unknown block fields"),
    ],
)  # fmt: skip
def test_impossible_edits_are_refused(operation, message: str) -> None:
    with pytest.raises(AgendaError, match=message):
        operation(draaiboek())


def test_insert_and_update() -> None:
    result = agenda.insert(draaiboek(), b("extra", 7), parent="arena", index=0)
    assert result[1].children[0].key == "extra"
    assert result[1].minutes == 67
    result = agenda.update(result, "extra", duration=3, title="Kort")
    assert result[1].children[0].title == "Kort"
    assert result[1].minutes == 63


def codes(found: list[agenda.Warning]) -> list[tuple[str, str | None]]:
    return [(w.code, w.block_key) for w in found]


@pytest.mark.parametrize(
    ("change", "planned_end", "themes", "expected"),
    [
        (lambda x: x, datetime(2026, 12, 15, 21, 15), 2, []),
        (lambda x: x, datetime(2026, 12, 15, 21, 0), 2, [("ends_late", None)]),
        (lambda x: x, None, 2, []),
        (lambda x: agenda.remove(x, "break"), None, 2, [("no_break", "closing")]),
        (lambda x: agenda.move(x, "break", 2), None, 2, [("no_break", "presentations")]),
        (lambda x: x, None, 4, [("theme_tables_short", "tables")]),
        (lambda x: x, None, 0, [("theme_tables_without_themes", "tables")]),
        (lambda x: agenda.update(x, "walkin", who=" "), None, 2,
         [("no_one_responsible", "walkin")]),
        (lambda x: agenda.update(x, "dialogue", questions=()), None, 2,
         [("dialogue_without_questions", "dialogue")]),
    ],
)  # fmt: skip
def test_warnings(change, planned_end, themes: int, expected) -> None:
    found = agenda.warnings(change(draaiboek()), EVENING, planned_end, theme_count=themes)
    assert codes(found) == expected


def test_late_end_says_by_how_much() -> None:
    [warning] = agenda.warnings(draaiboek(), EVENING, datetime(2026, 12, 15, 20, 45), 2)
    assert warning.params["minutes"] == 30


def test_exactly_75_minutes_without_a_break_is_fine() -> None:
    blocks = [b("walkin", 15), b("talk", 60, K.DIALOGUE, questions=("?",))]
    assert agenda.warnings(blocks, EVENING) == []
    blocks = [b("walkin", 16), b("talk", 60, K.DIALOGUE, questions=("?",))]
    assert codes(agenda.warnings(blocks, EVENING)) == [("no_break", "talk")]


def test_parent_without_who_is_fine_when_every_part_has_someone() -> None:
    found = agenda.warnings([Block("p", "P", children=(b("a", 5), b("c", 5)))], EVENING)
    assert found == []
    found = agenda.warnings([Block("p", "P", children=(b("a", 5), b("c", 5, who="")))], EVENING)
    assert codes(found) == [("no_one_responsible", "p"), ("no_one_responsible", "c")]


def test_factor_coverage() -> None:
    blocks = [
        b("a", factors=frozenset({1, 5})),
        Block("p", "P", children=(b("c", factors=frozenset({7})),)),
    ]
    served, missing = agenda.factor_coverage(blocks)
    assert served == [1, 5, 7]
    assert missing == [2, 3, 4, 6, 8, 9, 10]


def test_dict_round_trip() -> None:
    blocks = draaiboek()
    again = [agenda.block_from_dict(agenda.block_to_dict(x), x.key) for x in blocks]
    assert [x.minutes for x in again] == [x.minutes for x in blocks]
    assert [x.title for x in agenda.walk(again)] == [x.title for x in agenda.walk(blocks)]


@pytest.mark.parametrize(
    ("blocks", "problem"),
    [
        ([b("a", 0)], "duration 0"),
        ([b("a", 301)], "duration 301"),
        ([b("a", -5)], "duration -5"),
        ([Block("a", " ", duration=5)], "no title"),
        ([b("a", factors=frozenset({11}))], "numbered 1 to 10"),
        ([Block("a", "A", children=(Block("b", "B", children=(b("c"),)),))], "parts of their own"),
    ],
)
def test_validation(blocks: list[Block], problem: str) -> None:
    assert any(problem in str(p) for p in agenda.validate_blocks(blocks))


def test_domain_imports_no_web_or_database_library() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import eventkit.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'eventkit.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "web = ('flask', 'sqlalchemy', 'docx', 'werkzeug')\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in web))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_nesting_never_drops_the_host_s_own_time() -> None:
    """Presentaties (10) under Thematafels (30): the tables keep their 30 minutes as the
    first part, the evening stays as long as it was."""
    before = agenda.total_minutes(draaiboek())
    result = agenda.indent(draaiboek(), "presentations")
    tables = result[3]
    assert [(c.key, c.title, c.minutes) for c in tables.children] == [
        ("new:tables", "TABLES", 30),
        ("presentations", "PRESENTATIONS", 10),
    ]
    assert tables.minutes == 40 and tables.children[0].kind is K.THEME_TABLES
    assert agenda.total_minutes(result) == before


def test_nesting_under_a_block_with_parts_adds_no_own_time_part() -> None:
    result = agenda.indent(draaiboek(), "break")
    assert [c.key for c in result[1].children][-1] == "break"
    assert not any(k.startswith(agenda.NEW_KEY) for k in keys(result))
    assert agenda.total_minutes(result) == agenda.total_minutes(draaiboek())


def test_with_first_part_on_a_block_without_time() -> None:
    host = Block("host", "Host", duration=0)
    assert agenda.with_first_part(host, b("x", 5)).children == (b("x", 5),)
