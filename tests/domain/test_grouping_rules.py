"""The hard rules on given plans (`evaluate`) and the pre-check's reasons and fixes."""

from __future__ import annotations

import pytest

from eventkit.domain.grouping import (
    GroupingInputError,
    Person,
    Settings,
    Table,
    evaluate,
    solve,
)

LEADER = {"role": "staff", "facilitator": True}


def crowd(parents: int, staff: int = 2, leaders: int = 2) -> list[Person]:
    people = [Person(f"p{i}") for i in range(parents)]
    people += [Person(f"s{i}", role="staff", facilitator=i < leaders) for i in range(staff)]
    return people


def tables(count: int, low: int = 1, high: int = 10) -> list[Table]:
    return [Table(f"t{i}", f"theme{i}", low, high) for i in range(count)]


def broken(result) -> dict[str, str]:
    return {check.rule: check.message for check in result.rules if not check.ok}


@pytest.mark.parametrize(
    ("people", "table_list", "settings", "rule", "fix"),
    [
        (crowd(8, 2, 1), tables(2), Settings(), "facilitator", "add 1 facilitator(s) or remove 1"),
        (crowd(4), tables(2, low=4), Settings(), "table_size", "remove a table or lower"),
        (crowd(20), tables(2, high=6), Settings(), "table_size", "add a table or raise"),
        (
            [*crowd(6, 4, 4), *(Person(f"h{i}", household="big") for i in range(5))],
            tables(4, high=4),
            Settings(),
            "households",
            "raise a maximum or seat households apart",
        ),
        (
            [*crowd(6), *(Person(f"h{i}", household="big") for i in range(3))],
            tables(2),
            Settings(households="apart"),
            "households",
            "add tables or seat households together",
        ),
        (
            [*crowd(6), Person("a", household="h"), Person("b", household="h")],
            tables(2),
            Settings(cannot_link=(("a", "b"),)),
            "cannot_link",
            "drop the pair or seat households apart",
        ),
        (
            crowd(6),
            tables(2),
            Settings(cannot_link=(("p0", "p1"),), pins={"p0": "t0", "p1": "t0"}),
            "cannot_link",
            "unpin one of them",
        ),
        (
            crowd(6),
            tables(2, high=5),
            Settings(pins={f"p{i}": "t0" for i in range(6)}),
            "pins",
            "unpin someone or raise its maximum",
        ),
        (
            # a household of two students while a fair share of students is at most one
            [
                *crowd(16),
                Person("k1", role="student", household="h"),
                Person("k2", role="student", household="h"),
            ],
            tables(2),
            Settings(),
            "proportional",
            "seat households apart",
        ),
    ],
)
def test_precheck_names_rule_and_fix(
    people: list[Person], table_list: list[Table], settings: Settings, rule: str, fix: str
) -> None:
    result = solve(people, table_list, settings)
    assert result.status == "infeasible"
    assert rule in broken(result)
    assert fix in broken(result)[rule]
    assert fix in result.message
    assert result.assignment == {}


@pytest.mark.parametrize(
    ("people", "table_list", "settings"),
    [
        ([Person("a"), Person("a")], tables(1), Settings()),
        ([Person("a", role="teacher")], tables(1), Settings()),  # type: ignore[arg-type]
        ([Person("a")], [Table("t", "x", 3, 2)], Settings()),
        ([Person("a")], [Table("t", "x", 0, 2)], Settings()),
        ([Person("a")], tables(1), Settings(pins={"a": "nowhere"})),
        ([Person("a")], tables(1), Settings(cannot_link=(("a", "ghost"),))),
    ],
)
def test_malformed_input_raises(
    people: list[Person], table_list: list[Table], settings: Settings
) -> None:
    with pytest.raises(GroupingInputError):
        solve(people, table_list, settings)


# Four parents and two facilitating staff over two tables of three.
PEOPLE = [
    Person("p0", household="h1"),
    Person("p1", household="h1"),
    Person("p2"),
    Person("p3"),
    Person("s0", **LEADER),
    Person("s1", **LEADER),
]
GOOD = {"p0": "t0", "p1": "t0", "s0": "t0", "p2": "t1", "p3": "t1", "s1": "t1"}


def with_moves(**moves: str) -> dict[str, str]:
    return {**GOOD, **moves}


@pytest.mark.parametrize(
    ("plan", "settings", "rules"),
    [
        (GOOD, Settings(), set()),
        (
            {k: v for k, v in GOOD.items() if k != "p3"},
            Settings(),
            {"everyone_seated", "table_size"},
        ),
        (with_moves(p2="t0"), Settings(), {"table_size"}),
        (with_moves(s0="t1", p2="t0"), Settings(), {"facilitator", "proportional"}),
        (with_moves(p1="t1", p2="t0"), Settings(), {"households"}),
        (GOOD, Settings(households="apart"), {"households"}),
        (GOOD, Settings(cannot_link=(("p0", "s0"),)), {"cannot_link"}),
        (GOOD, Settings(pins={"p2": "t0"}), {"pins"}),
    ],
)
def test_evaluate_flags_broken_rules(
    plan: dict[str, str], settings: Settings, rules: set[str]
) -> None:
    result = evaluate(PEOPLE, tables(2, low=3, high=3), plan, settings)
    assert set(broken(result)) == rules
    assert result.valid == (not rules)
    assert result.status == ("invalid" if rules else result.status)
    assert len(result.warnings) == len(rules)


def test_mentor_apart_pairs_parent_and_mentor_of_their_childs_class() -> None:
    people = [
        Person("p0", klass="3A"),
        Person("p1", klass="4B"),
        Person("s0", role="staff", facilitator=True, mentor_of=("3A",)),
        Person("s1", role="staff", facilitator=True),
    ]
    plan = {"p0": "t0", "s0": "t0", "p1": "t1", "s1": "t1"}
    assert evaluate(people, tables(2), plan, Settings()).valid
    result = evaluate(people, tables(2), plan, Settings(mentor_apart=True))
    assert "p0" in broken(result)["cannot_link"]


def test_fair_share_deviation_in_persons() -> None:
    # t0: 3 parents of 3 people while the fair share is 4 * 3 / 6 = 2
    plan = {"p0": "t0", "p1": "t0", "p2": "t0", "s0": "t1", "p3": "t1", "s1": "t1"}
    result = evaluate(PEOPLE, tables(2), plan, Settings())
    assert result.metrics.max_fair_share_deviation == 1.0
    assert "proportional" in broken(result)


def test_evaluate_rejects_unknown_ids() -> None:
    with pytest.raises(GroupingInputError):
        evaluate(PEOPLE, tables(2), {**GOOD, "ghost": "t0"}, Settings())
    with pytest.raises(GroupingInputError):
        evaluate(PEOPLE, tables(2), {**GOOD, "p0": "t9"}, Settings())


def test_violations_carry_ids_and_numbers_not_words() -> None:
    """A user interface names people and tables itself: a violation gives their ids."""
    plan = with_moves(p1="t1", p2="t0", s0="t1")
    result = evaluate(PEOPLE, tables(2, low=3, high=3), plan, Settings(pins={"p3": "t0"}))
    found = {v.code: v for check in result.rules for v in check.violations}
    assert found["split"].tables == ("t0", "t1") and found["split"].people == ("p0", "p1")
    assert found["split"].household == "h1" and found["split"].numbers["count"] == 2
    assert found["no_facilitator"].tables == ("t0",)
    assert found["pin_moved"].people == ("p3",) and found["pin_moved"].tables == ("t0",)
    assert "household h1 is split over 2 tables" in broken(result)["households"]
    plan = {"p0": "t0", "p1": "t0", "p2": "t0", "s0": "t1", "p3": "t1", "s1": "t1"}
    result = evaluate(PEOPLE, tables(2), plan, Settings())
    share = next(c for c in result.rules if c.rule == "proportional").violations[0]
    assert share.code == "share" and share.tables == ("t0",) and share.role == "parent"
    assert {k: share.numbers[k] for k in ("count", "low", "high")} == {
        "count": 3, "low": 2, "high": 2
    }  # fmt: skip


def test_precheck_violations_count_what_is_short() -> None:
    result = solve(crowd(8, 2, 1), tables(3), Settings())
    (violation,) = next(c for c in result.rules if c.rule == "facilitator").violations
    assert violation.code == "few_facilitators"
    assert dict(violation.numbers) == {"have": 1, "tables": 3, "short": 2, "people": 10}
