"""The soft score F, the quick lower bound and the quality figures."""

from __future__ import annotations

import pytest

from eventkit.domain.grouping import Person, Settings, Table, Weights
from eventkit.domain.grouping.instance import compile_instance, preference_cost
from eventkit.domain.grouping.report import quick_bound
from eventkit.domain.grouping.score import gap_of, pairs, score_plan

W = Weights()


@pytest.mark.parametrize(
    ("themes", "theme", "cost"),
    [
        ((), "a", 0),
        (("a",), "a", 0),
        (("b", "a"), "a", 1),
        (("c", "b", "a"), "a", 2),
        (("d", "c", "b", "a"), "a", 5),
        (("b",), "a", 5),
        (("b", "c", "d"), "a", 5),
    ],
)
def test_preference_cost(themes: tuple[str, ...], theme: str, cost: int) -> None:
    assert preference_cost(Person("x", themes=themes), theme, W) == cost


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, 0), (2, 1), (3, 3), (5, 10)])
def test_pairs(count: int, expected: int) -> None:
    assert pairs(count) == expected


def score(people: list[Person], seats: list[int], tables: int = 2):
    table_list = [Table(f"t{i}", "ab"[i % 2], 1, 10) for i in range(tables)]
    inst = compile_instance(people, table_list, Settings(), full=False)
    return score_plan(inst, seats)


@pytest.mark.parametrize(
    ("people", "seats", "expected"),
    [
        # two parents of year 3 at one table: one year pair, weight 3
        ([Person("a", year="3"), Person("b", year="3")], [0, 0], 3),
        ([Person("a", year="3"), Person("b", year="3")], [0, 1], 0),
        # same class: a year pair and a class pair
        ([Person("a", year="3", klass="3A"), Person("b", year="3", klass="3A")], [0, 0], 6),
        # empty year and class never pair
        ([Person("a"), Person("b")], [0, 0], 0),
        # one Turkish speaker alone at a table: isolated (15)
        ([Person("a", language="tr"), Person("b", language="nl")], [0, 0], 15),
        ([Person("a", language="tr"), Person("b", language="TR ")], [0, 0], 0),
        ([Person("a", language="tr"), Person("b", language="tr")], [0, 1], 30),
        ([Person("a", language=""), Person("b", language="nl")], [0, 1], 0),
        # second choice at table t0 (theme a): 10 * 1
        ([Person("a", themes=("b", "a"))], [0], 10),
        ([Person("a", themes=("x",))], [1], 50),
    ],
)
def test_score_terms(people: list[Person], seats: list[int], expected: int) -> None:
    assert score(people, seats).total == expected


def test_household_members_each_count() -> None:
    people = [Person(f"p{i}", household="h", year="4", themes=("b",)) for i in range(3)]
    parts = score(people, [0, 0, 0])
    assert (parts.preference, parts.same_year_pairs) == (15, 3)
    assert parts.total == 10 * 15 + 3 * 3


def test_quick_bound_is_below_every_plan() -> None:
    people = [Person(f"p{i}", year=str(i % 2), themes=("a", "b")[: i % 3]) for i in range(6)]
    tables = [Table("t0", "a", 1, 6), Table("t1", "b", 1, 6)]
    inst = compile_instance(people, tables, Settings(), full=False)
    bound = quick_bound(inst)
    for mask in range(2 ** len(people)):
        seats = [(mask >> i) & 1 for i in range(len(people))]
        assert bound <= score_plan(inst, seats).total


@pytest.mark.parametrize(
    ("score_value", "bound", "gap"),
    [(None, 3, None), (10, None, None), (0, 0, 0.0), (100, 90, 0.1), (100, 100, 0.0)],
)
def test_gap(score_value: int | None, bound: int | None, gap: float | None) -> None:
    assert gap_of(score_value, bound) == gap
