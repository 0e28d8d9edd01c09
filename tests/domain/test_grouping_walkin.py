"""Walk-ins: late people are seated without moving anyone already seated."""

from __future__ import annotations

import pytest

from eventkit.domain.grouping import Person, Settings, Table, add_walk_ins, evaluate, solve
from eventkit.domain.grouping.examples import evening, sized_evening

pytestmark = pytest.mark.slow  # the grouping solver, walk-ins up to 2000 people

SEATED = [
    Person("s0", role="staff", facilitator=True),
    Person("s1", role="staff", facilitator=True),
    Person("p0", household="h", year="3", klass="3A"),
    Person("p1", year="3", klass="3A", language="tr"),
    Person("p2", year="5"),
    Person("p3", year="6"),
]
TABLES = [Table("t0", "a", 2, 6), Table("t1", "b", 2, 6)]
PLAN = {"s0": "t0", "p0": "t0", "p2": "t0", "s1": "t1", "p1": "t1", "p3": "t1"}


def kept(before: dict[str, str], after: dict[str, str]) -> bool:
    return all(after[p] == t for p, t in before.items())


@pytest.mark.parametrize(
    ("walk_in", "settings", "table"),
    [
        (Person("w", household="h"), Settings(), "t0"),  # joins the household
        (Person("w", household="h"), Settings(households="apart"), "t1"),
        (Person("w", language="tr"), Settings(), "t1"),  # keeps p1 company
        (Person("w", themes=("a",)), Settings(), "t0"),
        (Person("w", themes=("a",)), Settings(cannot_link=(("w", "s0"),)), "t1"),
        (Person("w", themes=("a",)), Settings(pins={"w": "t1"}), "t1"),
    ],
)
def test_walk_in_goes_to_the_best_table(walk_in: Person, settings: Settings, table: str) -> None:
    result = add_walk_ins(SEATED, TABLES, PLAN, [walk_in], settings)
    assert result.assignment["w"] == table
    assert kept(PLAN, dict(result.assignment))
    assert result.moved == ()


def test_result_matches_evaluate_on_the_new_plan() -> None:
    walk_ins = [Person("w0", role="staff"), Person("w1", role="student")]
    result = add_walk_ins(SEATED, TABLES, PLAN, walk_ins, Settings())
    again = evaluate([*SEATED, *walk_ins], TABLES, result.assignment, Settings())
    assert result.rules == again.rules
    assert result.score == again.score


def test_unfair_split_is_reported_not_fixed_by_moving_people() -> None:
    # Everyone parent sits at t1; two late staff and students cannot make t0 fair.
    seated = [
        Person("s0", role="staff", facilitator=True),
        Person("s1", role="staff", facilitator=True),
    ]
    seated += [Person(f"p{i}") for i in range(4)]
    plan = {"s0": "t0", "s1": "t1", **{f"p{i}": "t1" for i in range(4)}}
    tables = [Table("t0", "a", 1, 6), Table("t1", "b", 1, 6)]
    walk_ins = [Person("w0", role="staff"), Person("w1", role="student")]
    result = add_walk_ins(seated, tables, plan, walk_ins, Settings())
    assert kept(plan, dict(result.assignment))
    assert result.status == "invalid"
    assert result.warnings
    assert not all(check.ok for check in result.rules)


def test_tidy_moves_at_most_one_unpinned_person() -> None:
    ev = evening(4)
    first = solve(ev.people, ev.tables, Settings(time_limit=1))
    pins = dict(list(first.assignment.items())[:10])
    late = [Person(f"w{i}", year="3", klass="3A", themes=("homework",)) for i in range(3)]
    settings = Settings(pins=pins)
    result = add_walk_ins(ev.people, ev.tables, first.assignment, late, settings, tidy=True)
    changed = [p for p, t in first.assignment.items() if result.assignment[p] != t]
    assert len(changed) <= 1
    assert list(result.moved) == changed
    assert not set(changed) & set(pins)


def test_walk_in_at_two_thousand_people_moves_nobody() -> None:
    # Its speed (target: under 10 ms) is measured by scripts/bench_grouping.py, not here.
    ev = sized_evening(1, 2000, 167)
    plan = {p.id: ev.tables[i % len(ev.tables)].id for i, p in enumerate(ev.people)}
    walk_in = [Person("late", year="4", klass="4A", language="pl", themes=("homework",))]
    result = add_walk_ins(ev.people, ev.tables, plan, walk_in, Settings())
    assert "late" in result.assignment
    assert all(result.assignment[p] == t for p, t in plan.items())
