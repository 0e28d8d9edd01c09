"""The public entry points: `solve`, `evaluate` and (re-exported) `add_walk_ins`.

`solve` runs, within `settings.time_limit` seconds:

1. a pre-check that names the rule no plan can meet and what would fix it;
2. local search (greedy start + annealing), alone for large inputs; it stops when its
   annealing schedule (a fixed number of proposals per unit) ends or it has converged,
   so it usually needs far less than its budget, which stays as a hard cap;
3. for real-evening sizes (units x tables <= `settings.cpsat_max_vars`) CP-SAT, hinted
   with the local-search plan, which proves the optimum or reports its bound.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from .instance import Instance, compile_instance
from .model import GroupingInputError, Person, Result, Settings, Status, Table, Violation
from .report import build_result, infeasible_result, quick_bound
from .rules import precheck
from .search import State, local_search

#: local search alone gets SEARCH_BASE + SEARCH_PER_UNIT * units seconds (at most the limit)
SEARCH_BASE = 0.4
SEARCH_PER_UNIT = 0.0025
#: annealing proposals per unit: alone, and as a hint for CP-SAT
SEARCH_EFFORT = 1000
HINT_EFFORT = 1000
#: a hint is the best of this many short runs (seeds seed, seed + 1, ...): one run's plan
#: depends much on its seed, and CP-SAT rarely leaves the neighbourhood of its hint
HINT_RUNS = 3
#: seconds kept for scoring and checking the plan after CP-SAT stops
FINISH_MARGIN = 0.05
GENERIC_INFEASIBLE = Violation("everyone_seated", "unsolvable")
NOT_FOUND = Violation("everyone_seated", "not_found")


def solve(people: Sequence[Person], tables: Sequence[Table], settings: Settings) -> Result:
    """The best plan found within the time limit, or why no plan can meet every rule."""
    start = time.perf_counter()
    inst = compile_instance(people, tables, settings)
    problems = precheck(inst)
    if problems:
        return infeasible_result(inst, problems)
    use_cpsat = len(inst.units) * len(inst.tables) <= settings.cpsat_max_vars
    deadline = start + _search_budget(inst, use_cpsat)
    if use_cpsat:
        runs = (
            local_search(inst, deadline, settings.seed + k, HINT_EFFORT) for k in range(HINT_RUNS)
        )
        state = min(runs, key=lambda run: run.cost)
    else:
        state = local_search(inst, deadline, settings.seed, SEARCH_EFFORT)
    bound = quick_bound(inst)
    if not use_cpsat:
        return _finish(inst, state.assign if state.hard == 0 else None, "feasible", bound)
    return _with_cpsat(inst, state, bound, start + settings.time_limit)


def _search_budget(inst: Instance, use_cpsat: bool) -> float:
    """Seconds for local search: a hint for CP-SAT, or (alone) growing with the input."""
    limit = inst.settings.time_limit
    if use_cpsat:
        return 0.15 * limit
    return min(limit, SEARCH_BASE + SEARCH_PER_UNIT * len(inst.units))


def _with_cpsat(inst: Instance, state: State, bound: int, deadline: float) -> Result:
    # OR-Tools (and the pandas it pulls in) costs most of a second to import: only here.
    from .cpsat import solve_cpsat

    settings = inst.settings
    found = state.assign if state.hard == 0 else None
    remaining = deadline - time.perf_counter() - FINISH_MARGIN
    cp = solve_cpsat(inst, remaining, settings.workers, state.assign, settings.seed)
    if cp.status == "INFEASIBLE":
        return infeasible_result(inst, [GENERIC_INFEASIBLE])
    status: Status = "optimal" if cp.status == "OPTIMAL" else "feasible"
    if cp.bound is not None:
        bound = max(bound, cp.bound)
    if cp.assign is not None and (found is None or (cp.objective or 0) <= state.soft):
        found = cp.assign
    return _finish(inst, found, status, bound)


def _finish(inst: Instance, assign: list[int] | None, status: Status, bound: int) -> Result:
    if assign is None:
        return infeasible_result(inst, [NOT_FOUND])
    seat = [assign[u] for u in inst.unit_of]
    return build_result(inst, seat, status, bound)


def evaluate(
    people: Sequence[Person],
    tables: Sequence[Table],
    assignment: Mapping[str, str],
    settings: Settings,
) -> Result:
    """Check and score any plan (e.g. after a manual move); broken rules become warnings."""
    inst = compile_instance(people, tables, settings, full=False)
    return build_result(inst, seat_of(inst, assignment), "feasible", quick_bound(inst))


def seat_of(inst: Instance, assignment: Mapping[str, str]) -> list[int]:
    """person index -> table index (-1 when not seated) for a mapping of ids."""
    table_index = {t.id: i for i, t in enumerate(inst.tables)}
    person_ids = {p.id for p in inst.people}
    for person_id, table_id in assignment.items():
        if person_id not in person_ids:
            raise GroupingInputError(f"plan seats unknown person {person_id!r}")
        if table_id not in table_index:
            raise GroupingInputError(f"plan uses unknown table {table_id!r}")
    return [table_index[assignment[p.id]] if p.id in assignment else -1 for p in inst.people]
