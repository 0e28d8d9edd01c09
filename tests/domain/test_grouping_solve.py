"""`solve`: proven optima, the local-search path, rules honoured, incremental deltas."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest

from eventkit.domain.grouping import Person, Settings, Table, solve
from eventkit.domain.grouping.examples import evening, sized_evening
from eventkit.domain.grouping.instance import compile_instance
from eventkit.domain.grouping.rules import check_plan
from eventkit.domain.grouping.score import score_plan
from eventkit.domain.grouping.search import State, descend, greedy, local_search

pytestmark = pytest.mark.slow  # the grouping solver (local search, CP-SAT)


@pytest.mark.parametrize("households", ["together", "apart"])
@pytest.mark.parametrize("mentor_apart", [False, True])
def test_example_evening_meets_every_rule(households: str, mentor_apart: bool) -> None:
    ev = evening(3)
    settings = Settings(households=households, mentor_apart=mentor_apart, time_limit=1.5)  # type: ignore[arg-type]
    result = solve(ev.people, ev.tables, settings)
    assert result.valid, result.message
    assert all(check.ok for check in result.rules)
    assert sorted(result.assignment) == sorted(p.id for p in ev.people)
    assert result.bound is not None and result.bound <= (result.score or 0)


def test_local_search_alone_for_large_inputs() -> None:
    ev = evening(5)
    result = solve(ev.people, ev.tables, Settings(time_limit=1, cpsat_max_vars=0))
    assert result.valid, result.message
    assert result.bound is not None and 0.0 <= (result.gap or 0.0) < 1.0


def test_pins_are_kept() -> None:
    ev = evening(2)
    movable = [p.id for p in ev.people if p.role == "parent" and not p.household][:3]
    pins = dict(zip(movable, [ev.tables[-1].id] * 3, strict=True))
    result = solve(ev.people, ev.tables, Settings(pins=pins, time_limit=1.5))
    assert result.valid
    assert all(result.assignment[p] == t for p, t in pins.items())


def test_solver_proven_infeasibility_is_reported_generically() -> None:
    # three people who must all sit apart, but only two tables: each check alone passes
    people = [Person(f"p{i}") for i in range(3)] + [
        Person(f"s{i}", role="staff", facilitator=True) for i in range(2)
    ]
    links = (("p0", "p1"), ("p1", "p2"), ("p0", "p2"))
    result = solve(
        people, [Table("a", "x", 1, 5), Table("b", "y", 1, 5)], Settings(cannot_link=links)
    )
    assert result.status == "infeasible"
    assert "cannot-link" in result.message


def test_time_limit_is_respected() -> None:
    ev = evening(12)
    start = time.perf_counter()
    solve(ev.people, ev.tables, Settings(time_limit=1.0))
    # The budget is a promise to the user waiting for the board; generous for a busy runner.
    assert time.perf_counter() - start < 3.0


def _random_walk(state: State, rng: random.Random, steps: int, move_share: float) -> None:
    """Random moves and swaps; each one's predicted delta must be the change in cost."""
    units = range(len(state.assign))
    tables = len(state.inst.tables)
    for _ in range(steps):
        u, w = rng.choice(units), rng.choice(units)
        before = state.cost
        if rng.random() < move_share:
            b = rng.randrange(tables)
            if b == state.assign[u]:
                continue
            delta = state.move_delta(u, b)
            state.move(u, b)
        else:
            if state.assign[u] == state.assign[w]:
                continue
            delta = state.swap_delta(u, w)
            state.swap(u, w)
        assert state.cost - before == delta


@pytest.mark.parametrize("households", ["together", "apart"])
def test_incremental_deltas_match_full_recount(households: str) -> None:
    ev = evening(7)
    inst = compile_instance(
        ev.people, ev.tables, Settings(households=households, mentor_apart=True)
    )  # type: ignore[arg-type]
    state = State(inst)
    rng = random.Random(1)
    greedy(state, rng)
    _random_walk(state, rng, steps=300, move_share=0.5)
    seat = [state.assign[u] for u in inst.unit_of]
    assert state.soft == score_plan(inst, seat).total
    fresh = State(inst)
    for u, t in enumerate(state.assign):
        fresh.move(u, t)
    assert (fresh.hard, fresh.soft) == (state.hard, state.soft)
    assert all(c.ok for c in check_plan(inst, seat)) == (state.hard == 0)


def _mixed_people(rng: random.Random) -> list[Person]:
    """Households of up to three whose members differ in year, class and language, so a
    unit brings several categories and home languages (the general paths of the deltas)."""
    people: list[Person] = []
    for h in range(40):
        for m in range(rng.choice([1, 1, 2, 3])):
            year = rng.choice("1234")
            people.append(
                Person(
                    f"p{h}-{m}",
                    household=f"h{h}",
                    year=year,
                    klass=year + rng.choice("AB"),
                    language=rng.choice(["nl", "tr", "tr", "ar", "pl", ""]),
                    themes=tuple(rng.sample(["x", "y", "z"], rng.randint(0, 3))),
                )
            )
    people += [Person(f"s{i}", role="staff", facilitator=True) for i in range(5)]
    return people


@pytest.mark.parametrize("households", ["together", "apart"])
def test_deltas_of_mixed_households_match_full_recount(households: str) -> None:
    rng = random.Random(4)
    people = _mixed_people(rng)
    tables = [Table(f"t{i}", "xyz"[i % 3], 2, 30) for i in range(5)]
    links = (("p0-0", "p1-0"), ("p2-0", "s0"))
    settings = Settings(households=households, cannot_link=links)  # type: ignore[arg-type]
    inst = compile_instance(people, tables, settings)
    state = State(inst)
    greedy(state, rng)
    _random_walk(state, rng, steps=2000, move_share=0.3)
    assert state.soft == score_plan(inst, [state.assign[u] for u in inst.unit_of]).total
    fresh = State(inst)
    for u, t in enumerate(state.assign):
        fresh.move(u, t)
    assert (fresh.hard, fresh.soft, fresh.viol) == (state.hard, state.soft, state.viol)


@pytest.mark.parametrize("seed", [1, 4, 8])
def test_greedy_start_meets_every_rule_and_beats_a_round_robin(seed: int) -> None:
    ev = evening(seed)
    inst = compile_instance(ev.people, ev.tables, Settings())
    state = State(inst)
    greedy(state, random.Random(seed))
    assert state.hard == 0
    dealt = State(inst)
    for u in range(len(inst.units)):
        dealt.move(u, u % len(inst.tables))
    assert state.soft < dealt.soft


def test_descent_ends_where_no_single_move_helps() -> None:
    ev = evening(9)
    inst = compile_instance(ev.people, ev.tables, Settings(households="apart"))
    state = State(inst)
    greedy(state, random.Random(2))
    descend(state, time.perf_counter() + 30)
    for u in range(len(inst.units)):
        assert all(state.move_delta(u, t) >= 0 for t in state.tables if t != state.assign[u]), u


def test_local_search_is_repeatable_and_converges_before_its_cap() -> None:
    ev = sized_evening(1, 500, 42)
    inst = compile_instance(ev.people, ev.tables, Settings())
    start = time.perf_counter()
    first = local_search(inst, start + 60, seed=3)
    took = time.perf_counter() - start
    second = local_search(inst, time.perf_counter() + 60, seed=3)
    assert first.assign == second.assign
    assert first.hard == 0
    # It stops by itself: its schedule is proposals per unit, not the (here 60 s) deadline.
    assert took < 20


def test_domain_imports_no_web_or_document_library() -> None:
    code = (
        "import sys, eventkit.domain.grouping, eventkit.domain.grouping.examples\n"
        "bad = [m for m in ('flask', 'sqlalchemy', 'docx') if m in sys.modules]\n"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
