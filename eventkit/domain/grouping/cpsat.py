"""The exact model for OR-Tools CP-SAT.

Variables: x[u, t] = unit u sits at table t (pinned units are fixed). Everything else
is a linear expression of x or an integer built on per-table counts, never on pairs of
people, so the model stays small:

- size n_t = sum size_u x[u, t], within min..max;
- rule 6: |N * c_rt - R_r * n_t| <= N - 1 for every role count c_rt (floor or ceil of
  the fair share; exact when it is whole);
- facilitators, cannot-link pairs and households follow directly from x;
- pairs of one category at a table: p >= j*c - j*(j+1)/2 for every j, the tangents of
  c*(c-1)/2; the objective pushes p down to exactly c*(c-1)/2 at whole c, and the
  tangents give the LP relaxation a strong bound;
- an isolated speaker of language L at t: iso >= 2*x[u, t] - c_tL for every unit u
  with one speaker of L.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .instance import Instance
from .score import pairs


@dataclass(frozen=True)
class CpResult:
    status: str
    assign: list[int] | None
    objective: int | None
    bound: int | None


class _Model:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.model = cp_model.CpModel()
        self.x: list[list[cp_model.IntVar]] = []
        self.obj_vars: list[cp_model.IntVar] = []
        self.obj_coeffs: list[int] = []
        self.hints: list[tuple[cp_model.IntVar, int, str, int]] = []

    def build(self) -> None:
        self._assignment()
        for t in range(len(self.inst.tables)):
            self._table(t)
            self._categories(t)
            self._languages(t)
        for u, v in self.inst.links:
            for t in range(len(self.inst.tables)):
                self.model.add_bool_or([~self.x[u][t], ~self.x[v][t]])
        self.model.minimize(cp_model.LinearExpr.weighted_sum(self.obj_vars, self.obj_coeffs))

    def _cost(self, var: cp_model.IntVar, coeff: int) -> None:
        if coeff:
            self.obj_vars.append(var)
            self.obj_coeffs.append(coeff)

    def _assignment(self) -> None:
        tables = range(len(self.inst.tables))
        for u, unit in enumerate(self.inst.units):
            row = [self.model.new_bool_var(f"x{u}_{t}") for t in tables]
            self.model.add_exactly_one(row)
            if unit.pin >= 0:
                self.model.add(row[unit.pin] == 1)
            self.x.append(row)
            for t in tables:
                self._cost(row[t], unit.pref[t])

    def _column(self, t: int, weight: Sequence[int]) -> cp_model.LinearExpr:
        """sum of weight[u] * x[u, t]"""
        return self._sum(t, [(u, w) for u, w in enumerate(weight) if w])

    def _sum(self, t: int, entries: Sequence[tuple[int, int]]) -> cp_model.LinearExpr:
        return cp_model.LinearExpr.weighted_sum(
            [self.x[u][t] for u, _ in entries], [k for _, k in entries]
        )

    def _table(self, t: int) -> None:
        inst, table = self.inst, self.inst.tables[t]
        size = self._column(t, [u.size for u in inst.units])
        self.model.add_linear_constraint(size, table.min, table.max)
        self.model.add(self._column(t, [u.facilitators for u in inst.units]) >= 1)
        everyone = inst.size
        for r, total in enumerate(inst.role_totals):
            count = self._column(t, [u.roles[r] for u in inst.units])
            self.model.add_linear_constraint(
                everyone * count - total * size, -(everyone - 1), everyone - 1
            )

    def _categories(self, t: int) -> None:
        members: dict[int, list[tuple[int, int]]] = {}
        for u, unit in enumerate(self.inst.units):
            for cat, k in unit.cats:
                members.setdefault(cat, []).append((u, k))
        top = self.inst.tables[t].max
        for cat, entries in members.items():
            total = min(top, sum(k for _, k in entries))
            if total < 2:
                continue
            count = self._sum(t, entries)
            p = self.model.new_int_var(0, pairs(total), f"p{t}_{cat}")
            for j in range(1, total):
                self.model.add(p >= j * count - j * (j + 1) // 2)
            self._cost(p, self.inst.cat_weights[cat])
            self.hints.append((p, t, "pairs", cat))

    def _languages(self, t: int) -> None:
        members: dict[int, list[tuple[int, int]]] = {}
        for u, unit in enumerate(self.inst.units):
            for lang, k in unit.langs:
                members.setdefault(lang, []).append((u, k))
        weight = self.inst.settings.weights.isolated_language
        for lang, entries in members.items():
            singles = [u for u, k in entries if k == 1]
            if not singles:
                continue
            count = self._sum(t, entries)
            iso = self.model.new_bool_var(f"iso{t}_{lang}")
            for u in singles:
                self.model.add(iso >= 2 * self.x[u][t] - count)
            self._cost(iso, weight)
            self.hints.append((iso, t, "iso", lang))

    def hint(self, assign: Sequence[int]) -> None:
        for u, row in enumerate(self.x):
            for t, var in enumerate(row):
                self.model.add_hint(var, assign[u] == t)
        for var, t, kind, key in self.hints:
            count = sum(
                k
                for u, unit in enumerate(self.inst.units)
                if assign[u] == t
                for c, k in (unit.cats if kind == "pairs" else unit.langs)
                if c == key
            )
            self.model.add_hint(var, pairs(count) if kind == "pairs" else int(count == 1))


def solve_cpsat(
    inst: Instance, time_limit: float, workers: int, hint: Sequence[int] | None, seed: int = 0
) -> CpResult:
    model = _Model(inst)
    model.build()
    if hint is not None:
        model.hint(hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    code = solver.solve(model.model)
    name = solver.status_name(code)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpResult(name, None, None, None)
    assign = [next(t for t, var in enumerate(row) if solver.boolean_value(var)) for row in model.x]
    # The objective is whole, so a fractional bound may be rounded up.
    bound = math.ceil(solver.best_objective_bound - 1e-6)
    return CpResult(name, assign, round(solver.objective_value), bound)
