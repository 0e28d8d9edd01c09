"""Local search: a greedy start, then simulated annealing over moves and swaps of units.

`State` keeps per-table counts (size, roles, facilitators, people per pair category,
speakers per language) so the change of the score caused by a move or a swap is
computed from the few categories of the units involved, never from the whole plan.

The search minimises HARD * violations + F, where `violations` counts, per table, how
far the size, each role count and the facilitator count are outside what the rules
allow, plus every cannot-link pair sitting together. With HARD far above any soft
change the annealing never trades a rule for a better score.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from collections.abc import Iterable, Sequence

from .instance import Instance, Unit, fair_bounds
from .model import Table

HARD = 1000
Bounds = list[list[int]]


def target_sizes(inst: Instance, everyone: int) -> list[int]:
    """Table sizes as even as the minimums and maximums allow, summing to `everyone`."""
    sizes = [t.min for t in inst.tables]
    spare = everyone - sum(sizes)
    heap = [(t.min / t.max, i) for i, t in enumerate(inst.tables) if t.min < t.max]
    heapq.heapify(heap)
    while spare > 0 and heap:
        _, i = heapq.heappop(heap)
        sizes[i] += 1
        spare -= 1
        if sizes[i] < inst.tables[i].max:
            heapq.heappush(heap, (sizes[i] / inst.tables[i].max, i))
    return sizes


def fair_tables(totals: Sequence[int], everyone: int, top: int) -> tuple[Bounds, Bounds]:
    """low[r][n], high[r][n]: the counts of role r that rule 6 allows at a table of n."""
    pairs = [[fair_bounds(totals[r], n, everyone) for n in range(top + 1)] for r in range(3)]
    return [[p[0] for p in row] for row in pairs], [[p[1] for p in row] for row in pairs]


def violation(
    table: Table, n: int, roles: Sequence[int], fac: int, low: Bounds, high: Bounds
) -> int:
    """How far a table of n people is outside its size, fair shares and facilitator rule."""
    v = max(0, table.min - n) + max(0, n - table.max) + (fac < 1)
    if n >= len(low[0]):
        return v + n
    for r in range(3):
        c = roles[r]
        v += max(0, low[r][n] - c) + max(0, c - high[r][n])
    return v


class State:
    """A (partial) assignment of units to tables with incrementally kept counts."""

    def __init__(self, inst: Instance, units: Sequence[Unit] | None = None) -> None:
        self.inst = inst
        self.units = list(inst.units if units is None else units)
        self.weights = inst.cat_weights
        self.iso_weight = inst.settings.weights.isolated_language
        n_tables = len(inst.tables)
        self.assign = [-1] * len(self.units)
        self.n = [0] * n_tables
        self.roles = [[0, 0, 0] for _ in range(n_tables)]
        self.fac = [0] * n_tables
        self.cats = [[0] * len(self.weights) for _ in range(n_tables)]
        self.langs = [[0] * inst.n_langs for _ in range(n_tables)]
        self.members: list[set[int]] = [set() for _ in range(n_tables)]
        self.neighbours: list[list[int]] = [list(n) for n in inst.neighbours]
        self.neighbours += [[] for _ in range(len(self.units) - len(self.neighbours))]
        self.set_everyone(sum(u.size for u in self.units), self._totals())
        self.soft = 0
        self.conflicts = 0
        shapes: dict[tuple[int, tuple[int, int, int], int], int] = {}
        self.shape = [
            shapes.setdefault((u.size, u.roles, u.facilitators), len(shapes)) for u in self.units
        ]

    def _totals(self) -> list[int]:
        return [sum(u.roles[r] for u in self.units) for r in range(3)]

    def set_everyone(self, everyone: int, totals: Sequence[int]) -> None:
        """Fix N and the role totals R that rule 6 compares against."""
        self.everyone = everyone
        top = max([everyone] + [t.max for t in self.inst.tables])
        self.low, self.high = fair_tables(totals, everyone, top)
        self.viol = [self.violation(t, self.n[t], self.roles[t], self.fac[t]) for t in self.tables]

    @property
    def tables(self) -> range:
        return range(len(self.inst.tables))

    @property
    def hard(self) -> int:
        return sum(self.viol) + self.conflicts

    @property
    def cost(self) -> int:
        return HARD * self.hard + self.soft

    def violation(self, t: int, n: int, roles: Sequence[int], fac: int) -> int:
        return violation(self.inst.tables[t], n, roles, fac, self.low, self.high)

    # -- deltas -------------------------------------------------------------------

    def table_delta(self, t: int, add: int, rem: int) -> int:
        """Change of HARD * violations(t) + soft(t) when unit `add` joins and `rem` leaves."""
        soft = self.soft_delta(t, add, rem)
        if add >= 0 and rem >= 0 and self.shape[add] == self.shape[rem]:
            return soft
        return HARD * self.hard_delta(t, add, rem) + soft

    def hard_delta(self, t: int, add: int, rem: int) -> int:
        n, roles, fac = self.n[t], list(self.roles[t]), self.fac[t]
        for unit_index, sign in ((add, 1), (rem, -1)):
            if unit_index >= 0:
                unit = self.units[unit_index]
                n += sign * unit.size
                fac += sign * unit.facilitators
                for r in range(3):
                    roles[r] += sign * unit.roles[r]
        return self.violation(t, n, roles, fac) - self.viol[t]

    def soft_delta(self, t: int, add: int, rem: int) -> int:
        if rem < 0:
            return self._one_way(t, self.units[add], 1)
        if add < 0:
            return self._one_way(t, self.units[rem], -1)
        plus, minus = self.units[add], self.units[rem]
        net_cats = dict(plus.cats)
        for cat, k in minus.cats:
            net_cats[cat] = net_cats.get(cat, 0) - k
        net_langs = dict(plus.langs)
        for lang, k in minus.langs:
            net_langs[lang] = net_langs.get(lang, 0) - k
        return plus.pref[t] - minus.pref[t] + self._net(t, net_cats.items(), net_langs.items())

    def _one_way(self, t: int, unit: Unit, sign: int) -> int:
        if sign > 0:
            return unit.pref[t] + self._net(t, unit.cats, unit.langs)
        cats = [(cat, -k) for cat, k in unit.cats]
        return self._net(t, cats, [(lang, -k) for lang, k in unit.langs]) - unit.pref[t]

    def _net(
        self, t: int, cats: Iterable[tuple[int, int]], langs: Iterable[tuple[int, int]]
    ) -> int:
        """Soft change at t when each category / language count changes by d."""
        soft = 0
        counts, weights = self.cats[t], self.weights
        for cat, d in cats:
            soft += weights[cat] * (d * counts[cat] + d * (d - 1) // 2)
        speakers, iso = self.langs[t], self.iso_weight
        for lang, d in langs:
            c = speakers[lang]
            soft += iso * ((c + d == 1) - (c == 1))
        return soft

    def links_at(self, u: int, t: int, skip: int = -1) -> int:
        assign = self.assign
        return sum(1 for v in self.neighbours[u] if v != skip and assign[v] == t)

    def move_delta(self, u: int, b: int) -> int:
        a = self.assign[u]
        delta = self.table_delta(b, u, -1)
        links = self.links_at(u, b)
        if a >= 0:
            delta += self.table_delta(a, -1, u)
            links -= self.links_at(u, a)
        return delta + HARD * links

    def swap_delta(self, u: int, w: int) -> int:
        a, b = self.assign[u], self.assign[w]
        delta = self.table_delta(a, w, u) + self.table_delta(b, u, w)
        links = self.links_at(u, b, w) - self.links_at(u, a) + self.links_at(w, a, u)
        links -= self.links_at(w, b)
        return delta + HARD * links

    # -- changes ------------------------------------------------------------------

    def _update(self, u: int, t: int, sign: int) -> None:
        unit = self.units[u]
        self.soft += self._one_way(t, unit, sign)
        self.n[t] += sign * unit.size
        self.fac[t] += sign * unit.facilitators
        roles = self.roles[t]
        for r in range(3):
            roles[r] += sign * unit.roles[r]
        for cat, k in unit.cats:
            self.cats[t][cat] += sign * k
        for lang, k in unit.langs:
            self.langs[t][lang] += sign * k
        self.viol[t] = self.violation(t, self.n[t], roles, self.fac[t])
        if sign > 0:
            self.members[t].add(u)
        else:
            self.members[t].discard(u)

    def move(self, u: int, b: int) -> None:
        a = self.assign[u]
        if a >= 0:
            self.conflicts -= self.links_at(u, a)
            self._update(u, a, -1)
        self.assign[u] = b
        self._update(u, b, 1)
        self.conflicts += self.links_at(u, b)

    def swap(self, u: int, w: int) -> None:
        a, b = self.assign[u], self.assign[w]
        self.move(u, b)
        self.move(w, a)


def greedy(state: State, rng: random.Random) -> None:
    """Seat pinned units, then one facilitator per table, then the rest, largest first.

    Each unit goes to the cheapest table that still has room for it in the target
    frame (even table sizes, each role at most its rounded-up fair share).
    """
    units = state.units
    sizes = target_sizes(state.inst, state.everyone)
    for u, unit in enumerate(units):
        if unit.pin >= 0 and state.assign[u] < 0:
            state.move(u, unit.pin)
    free = [u for u in range(len(units)) if state.assign[u] < 0]
    rng.shuffle(free)
    leaders = [u for u in free if units[u].facilitators > 0]
    for u in leaders:
        empty = [t for t in state.tables if state.fac[t] == 0]
        if empty:
            state.move(u, min(empty, key=lambda t: _frame_cost(state, sizes, u, t)))
    rest = sorted((u for u in free if state.assign[u] < 0), key=lambda u: -units[u].size)
    for u in rest:
        state.move(u, min(state.tables, key=lambda t: _frame_cost(state, sizes, u, t)))


def _frame_cost(state: State, sizes: list[int], u: int, t: int) -> int:
    unit = state.units[u]
    over = max(0, state.n[t] + unit.size - sizes[t])
    for r in range(3):
        over += max(0, state.roles[t][r] + unit.roles[r] - state.high[r][sizes[t]])
    return HARD * over + state.move_delta(u, t)


def anneal(
    state: State,
    rng: random.Random,
    deadline: float,
    iterations: int,
    temperature: tuple[float, float] = (8.0, 0.3),
) -> list[int]:
    """Simulated annealing; returns the best assignment seen (lowest cost).

    The temperature falls geometrically with the larger of the iteration and the time
    fraction used, so a run cut short by the deadline still ends cold. Most proposals
    swap two units of the same shape (size, roles, facilitators), which never touches
    a size or fair-share rule.
    """
    movable = [u for u, unit in enumerate(state.units) if unit.pin < 0]
    best, best_cost = list(state.assign), state.cost
    if not movable or len(state.inst.tables) < 2:
        return best
    buckets: dict[int, list[int]] = {}
    for u in movable:
        buckets.setdefault(state.shape[u], []).append(u)
    # Pinned units have no bucket of their own; they are never drawn as `u` anyway.
    twins = [buckets.get(state.shape[u], [u]) for u in range(len(state.units))]
    cost, hot, cold = best_cost, temperature[0], temperature[1]
    temp, n_tables, assign = hot, len(state.inst.tables), state.assign
    start = time.perf_counter()
    for it in range(iterations):
        if it & 511 == 0:
            now = time.perf_counter()
            if now > deadline:
                break
            done = max(it / iterations, (now - start) / max(1e-9, deadline - start))
            temp = hot * (cold / hot) ** done
        u = movable[rng.randrange(len(movable))]
        roll = rng.random()
        if roll < 0.15:
            b = rng.randrange(n_tables)
            if b == assign[u]:
                continue
            delta = state.move_delta(u, b)
            if delta <= 0 or rng.random() < math.exp(-delta / temp):
                state.move(u, b)
                cost += delta
        else:
            pool = twins[u] if roll < 0.85 else movable
            w = pool[rng.randrange(len(pool))]
            if assign[w] == assign[u]:
                continue
            delta = state.swap_delta(u, w)
            if delta <= 0 or rng.random() < math.exp(-delta / temp):
                state.swap(u, w)
                cost += delta
        if cost < best_cost:
            best, best_cost = list(assign), cost
    return best


def descend(state: State, deadline: float) -> None:
    """Best-move descent until no single move of a unit improves the cost."""
    movable = [u for u, unit in enumerate(state.units) if unit.pin < 0]
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for u in movable:
            a = state.assign[u]
            b = min(state.tables, key=lambda t: state.move_delta(u, t) if t != a else 0)
            if b != a and state.move_delta(u, b) < 0:
                state.move(u, b)
                improved = True


def load(state: State, assign: Sequence[int]) -> None:
    for u, t in enumerate(assign):
        if t >= 0 and state.assign[u] != t:
            state.move(u, t)


def local_search(inst: Instance, deadline: float, seed: int = 0, effort: int = 2000) -> State:
    """Greedy start plus annealing of about `effort` proposals per unit (or until the
    deadline); the returned state holds the best plan found."""
    rng = random.Random(seed)  # nosec B311 # a repeatable search for table plans, no secret
    state = State(inst)
    greedy(state, rng)
    iterations = effort * len(inst.units) + 10 * effort
    best = anneal(state, rng, deadline, iterations)
    result = State(inst)
    load(result, best)
    descend(result, deadline)
    return result
