"""Properties over random inputs: no plan shown as valid ever breaks a hard rule, and
walk-ins never move a seated or pinned person."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventkit.domain.grouping import (
    Person,
    Settings,
    Table,
    add_walk_ins,
    evaluate,
    solve,
)
from eventkit.domain.grouping.instance import compile_instance
from eventkit.domain.grouping.rules import check_plan
from eventkit.domain.grouping.score import score_plan

pytestmark = pytest.mark.slow  # hypothesis drives the grouping solver

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROLES = st.sampled_from(["parent", "parent", "parent", "staff", "student"])


@st.composite
def evenings(
    draw: st.DrawFn, households: bool, tiny: bool = False
) -> tuple[list[Person], list[Table]]:
    """Tables whose sizes admit everyone, enough facilitators, households of <= 2.

    Such an evening may still have no valid plan (facilitators and fair shares can
    clash); `tiny` ones (at most 3 tables, 7 people) can be checked by brute force.
    """
    n_tables = draw(st.integers(1, 3 if tiny else 4))
    tables = []
    for i in range(n_tables):
        low = draw(st.integers(1, 2 if tiny else 3))
        tables.append(
            Table(f"t{i}", draw(st.sampled_from("abc")), low, low + draw(st.integers(1, 5)))
        )
    top = sum(t.max for t in tables)
    everyone = draw(st.integers(sum(t.min for t in tables), min(top, 7) if tiny else top))
    people = [Person(f"f{i}", role="staff", facilitator=True) for i in range(n_tables)]
    while len(people) < everyone:
        i = len(people)
        people.append(
            Person(
                f"p{i}",
                role=draw(ROLES),
                household=f"h{i // 2}" if households and draw(st.booleans()) else "",
                year=draw(st.sampled_from(["", "1", "2", "3"])),
                klass=draw(st.sampled_from(["", "1A", "2A"])),
                language=draw(st.sampled_from(["nl", "", "tr", "ar"])),
                themes=tuple(draw(st.permutations("abc"))[: draw(st.integers(0, 3))]),
                facilitator=draw(st.booleans()),
            )
        )
    return people, tables


def assert_honest(result, people: list[Person], tables: list[Table], s: Settings) -> None:
    if result.valid:
        assert all(check.ok for check in result.rules)
        again = evaluate(people, tables, result.assignment, s)
        assert again.valid and again.score == result.score
    else:
        assert result.status == "infeasible" and result.message


def brute_force(people: list[Person], tables: list[Table], s: Settings) -> int | None:
    """The optimum over every possible plan, or None when no plan meets every rule."""
    inst = compile_instance(people, tables, s, full=False)
    scores = [
        score_plan(inst, seat).total
        for seat in itertools.product(range(len(tables)), repeat=len(people))
        if all(check.ok for check in check_plan(inst, seat))
    ]
    return min(scores, default=None)


@PROPERTY
@given(evenings(households=True, tiny=True), st.sampled_from(["together", "apart"]))
def test_tiny_evenings_match_brute_force(case: tuple[list[Person], list[Table]], mode: str) -> None:
    people, tables = case
    s = Settings(households=mode, time_limit=2)  # type: ignore[arg-type]
    expected = brute_force(people, tables, s)
    result = solve(people, tables, s)
    if expected is None:
        assert result.status == "infeasible"
    else:
        assert (result.status, result.score, result.bound) == ("optimal", expected, expected)


@PROPERTY
@given(evenings(households=False), st.booleans())
def test_singletons_get_an_honest_result(
    case: tuple[list[Person], list[Table]], search_only: bool
) -> None:
    people, tables = case
    s = Settings(households="apart", time_limit=1, cpsat_max_vars=0 if search_only else 6000)
    assert_honest(solve(people, tables, s), people, tables, s)


@PROPERTY
@given(evenings(households=True), st.sampled_from(["together", "apart"]), st.booleans())
def test_no_plan_shown_as_valid_breaks_a_rule(
    case: tuple[list[Person], list[Table]], mode: str, mentor_apart: bool
) -> None:
    people, tables = case
    s = Settings(households=mode, mentor_apart=mentor_apart, time_limit=1)  # type: ignore[arg-type]
    assert_honest(solve(people, tables, s), people, tables, s)


@PROPERTY
@given(evenings(households=True), st.data())
def test_walk_ins_never_move_seated_or_pinned_people(
    case: tuple[list[Person], list[Table]], data: st.DataObject
) -> None:
    people, tables = case
    first = solve(people, tables, Settings(time_limit=1))
    plan = dict(first.assignment) or {p.id: tables[0].id for p in people}
    pinned = data.draw(st.lists(st.sampled_from([p.id for p in people]), max_size=3))
    s = Settings(pins={p: plan[p] for p in pinned})
    late = [
        Person(f"w{i}", role=data.draw(ROLES), household=data.draw(st.sampled_from(["", "h0"])))
        for i in range(data.draw(st.integers(1, 3)))
    ]
    tidy = data.draw(st.booleans())
    result = add_walk_ins(people, tables, plan, late, s, tidy=tidy)
    moved = [p for p, t in plan.items() if result.assignment[p] != t]
    assert len(moved) <= (1 if tidy else 0)
    assert not set(moved) & set(pinned)
    assert list(result.moved) == moved
    assert all(w.id in result.assignment for w in late)
