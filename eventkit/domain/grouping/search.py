"""Local search: a greedy start, then simulated annealing over moves and swaps of units.

`State` keeps per-table counts (size, roles, facilitators, people per pair category,
speakers per language) so the change of the score caused by a move or a swap is
computed from the few categories of the units involved, never from the whole plan.

The search minimises HARD * violations + F, where `violations` counts, per table, how
far the size, each role count and the facilitator count are outside what the rules
allow, plus every cannot-link pair sitting together. The annealing never accepts a
proposal that breaks more rules (it checks the rules first, which is cheap).

The annealing runs a fixed number of proposals per unit and stops early once it has
converged, so it usually ends long before the deadline `solve` gives it, and then the
same seed gives the same plan on any machine; the deadline is only a hard cap.
"""

from __future__ import annotations

import heapq
import math
import random
import time
from collections.abc import Iterable, Sequence

from .instance import Instance, Unit, fair_bounds
from .model import Table
from .score import pairs

HARD = 1000
#: shares of the annealing proposals: a unit to another table, a swap with a unit of the
#: same shape; the rest are swaps with any unit
MOVE_SHARE = 0.15
TWIN_SHARE = 0.70
#: at most this many annealing proposals (about 1.3 s): a very large evening gets fewer
#: per unit, and still ends its schedule cold rather than at a deadline
MAX_PROPOSALS = 600_000
#: past this fraction of its time the annealing cools by the clock as well
RUSH = 0.75
#: runs of the local search at most, while its plan still breaks a rule
ATTEMPTS = 3
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
    """A (partial) assignment of units to tables with incrementally kept counts.

    Per unit everything a delta needs is precomputed as flat tuples of ints (`feats`:
    category, count, weight * count and the constant terms of adding or removing it),
    so a proposal costs a few list look-ups and no allocation.
    """

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
        self.neighbours: list[list[int]] = [list(n) for n in inst.neighbours]
        self.neighbours += [[] for _ in range(len(self.units) - len(self.neighbours))]
        self._viol_memo: dict[tuple[int, int, int, int, int, bool], int] = {}
        kinds: dict[tuple[int, int], int] = {}
        self.kind = [kinds.setdefault((t.min, t.max), len(kinds)) for t in inst.tables]
        self.set_everyone(sum(u.size for u in self.units), self._totals())
        self.soft = 0
        self.conflicts = 0
        shapes: dict[tuple[int, tuple[int, int, int], int], int] = {}
        self.shape = [
            shapes.setdefault((u.size, u.roles, u.facilitators), len(shapes)) for u in self.units
        ]
        self.feats = [tuple(self._feature(c, k) for c, k in u.cats) for u in self.units]
        self.cat_of = [dict(u.cats) for u in self.units]
        self.lang_of = [u.langs for u in self.units]
        self.pref = [u.pref for u in self.units]

    def _feature(self, cat: int, k: int) -> tuple[int, int, int, int, int]:
        """(category, k, w * k, cost of adding k, cost of removing k beyond w * k * count):
        adding k people of a category to c already there makes w * (k * c + pairs(k))."""
        w = self.weights[cat]
        return cat, k, w * k, w * pairs(k), w * pairs(k + 1)

    def _totals(self) -> list[int]:
        return [sum(u.roles[r] for u in self.units) for r in range(3)]

    def set_everyone(self, everyone: int, totals: Sequence[int]) -> None:
        """Fix N and the role totals R that rule 6 compares against."""
        self.everyone = everyone
        top = max([everyone] + [t.max for t in self.inst.tables])
        self.low, self.high = fair_tables(totals, everyone, top)
        self._viol_memo.clear()
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
        return self._violation_at(t, n, roles[0], roles[1], roles[2], fac)

    def _violation_at(self, t: int, n: int, r0: int, r1: int, r2: int, fac: int) -> int:
        """`violation` of table t, memoised: tables come in few (min, max) kinds and a
        table's counts in few shapes."""
        key = (self.kind[t], n, r0, r1, r2, fac > 0)
        found = self._viol_memo.get(key)
        if found is None:
            table = self.inst.tables[t]
            found = violation(table, n, (r0, r1, r2), fac, self.low, self.high)
            self._viol_memo[key] = found
        return found

    # -- deltas -------------------------------------------------------------------

    def _hard_shift(self, t: int, unit: Unit, sign: int, other: Unit | None = None) -> int:
        """Change of violations(t) when `unit` joins (+1) or leaves (-1) t, and `other`
        does the opposite."""
        n, fac, roles = self.n[t], self.fac[t], self.roles[t]
        r0, r1, r2 = unit.roles
        n_d, f_d = unit.size, unit.facilitators
        if other is not None:
            o0, o1, o2 = other.roles
            r0, r1, r2 = r0 - o0, r1 - o1, r2 - o2
            n_d, f_d = n_d - other.size, f_d - other.facilitators
        new = self._violation_at(
            t,
            n + sign * n_d,
            roles[0] + sign * r0,
            roles[1] + sign * r1,
            roles[2] + sign * r2,
            fac + sign * f_d,
        )
        return new - self.viol[t]

    def _iso(
        self, t: int, plus: Sequence[tuple[int, int]], minus: Sequence[tuple[int, int]]
    ) -> int:
        """Change of isolated speakers at t when `plus` speakers join and `minus` leave."""
        speakers = self.langs[t]
        if minus and plus:
            net = dict(plus)
            for lang, k in minus:
                net[lang] = net.get(lang, 0) - k
            changes: Iterable[tuple[int, int]] = net.items()
        elif plus:
            changes = plus
        else:
            changes = [(lang, -k) for lang, k in minus]
        isolated = 0
        for lang, d in changes:
            c = speakers[lang]
            isolated += (c + d == 1) - (c == 1)
        return self.iso_weight * isolated

    def _iso_swap(
        self, a: int, b: int, lu: Sequence[tuple[int, int]], lw: Sequence[tuple[int, int]]
    ) -> int:
        """`_iso` at a and b when u (of a) and w (of b) swap; inline for the usual case
        of at most one home language per unit."""
        if len(lu) > 1 or len(lw) > 1:
            return self._iso(a, lw, lu) + self._iso(b, lu, lw)
        at_a, at_b = self.langs[a], self.langs[b]
        isolated = 0
        if lu and lw and lu[0][0] == lw[0][0]:
            lang, d = lu[0][0], lw[0][1] - lu[0][1]
            if d == 0:
                return 0
            c = at_a[lang]
            isolated += (c + d == 1) - (c == 1)
            c = at_b[lang]
            isolated += (c - d == 1) - (c == 1)
            return self.iso_weight * isolated
        for lang, k in lu:
            c = at_a[lang]
            isolated += (c - k == 1) - (c == 1)
            c = at_b[lang]
            isolated += (c + k == 1) - (c == 1)
        for lang, k in lw:
            c = at_b[lang]
            isolated += (c - k == 1) - (c == 1)
            c = at_a[lang]
            isolated += (c + k == 1) - (c == 1)
        return self.iso_weight * isolated

    def links_at(self, u: int, t: int, skip: int = -1) -> int:
        assign = self.assign
        return sum(1 for v in self.neighbours[u] if v != skip and assign[v] == t)

    def move_delta(self, u: int, b: int) -> int:
        """Change of the cost when unit u moves to table b (from its table, or unseated)."""
        return HARD * self.move_rules(u, b) + self.move_soft(u, b)

    def swap_delta(self, u: int, w: int) -> int:
        """Change of the cost when units u and w (at different tables) swap tables."""
        return HARD * self.swap_rules(u, w) + self.swap_soft(u, w)

    def move_rules(self, u: int, b: int) -> int:
        """Change of the violations (table rules and cannot-link pairs) of `move_delta`."""
        a = self.assign[u]
        unit = self.units[u]
        hard = self._hard_shift(b, unit, 1)
        if a >= 0:
            hard += self._hard_shift(a, unit, -1)
        if self.neighbours[u]:
            hard += self.links_at(u, b)
            if a >= 0:
                hard -= self.links_at(u, a)
        return hard

    def move_soft(self, u: int, b: int) -> int:
        """Change of F of `move_delta`."""
        a = self.assign[u]
        pref = self.pref[u]
        unit = self.units[u]
        cb = self.cats[b]
        delta = pref[b]
        if a < 0:
            for c, _, wk, add, _ in self.feats[u]:
                delta += wk * cb[c] + add
            if unit.langs:
                delta += self._iso(b, unit.langs, ())
            return delta
        ca = self.cats[a]
        delta -= pref[a]
        for c, _, wk, add, rem in self.feats[u]:
            delta += wk * (cb[c] - ca[c]) + add + rem
        if unit.langs:
            at_a, at_b, isolated = self.langs[a], self.langs[b], 0
            for lang, k in unit.langs:
                c = at_a[lang]
                isolated += (c - k == 1) - (c == 1)
                c = at_b[lang]
                isolated += (c + k == 1) - (c == 1)
            delta += self.iso_weight * isolated
        return delta

    def swap_rules(self, u: int, w: int) -> int:
        """Change of the violations of `swap_delta`: none for units of one shape and
        without cannot-link partners."""
        a, b = self.assign[u], self.assign[w]
        hard = 0
        if self.shape[u] != self.shape[w]:
            unit, other = self.units[u], self.units[w]
            hard = self._hard_shift(a, other, 1, unit) + self._hard_shift(b, unit, 1, other)
        if self.neighbours[u] or self.neighbours[w]:
            hard += self.links_at(u, b, w) - self.links_at(u, a) + self.links_at(w, a, u)
            hard -= self.links_at(w, b)
        return hard

    def swap_soft(self, u: int, w: int) -> int:
        """Change of F of `swap_delta`."""
        a, b = self.assign[u], self.assign[w]
        pu, pw = self.pref[u], self.pref[w]
        delta = pu[b] - pu[a] + pw[a] - pw[b]
        ca, cb = self.cats[a], self.cats[b]
        fu, fw = self.feats[u], self.feats[w]
        for c, _, wk, add, rem in fu:
            delta += wk * (cb[c] - ca[c]) + add + rem
        if fw:
            for c, _, wk, add, rem in fw:
                delta += wk * (ca[c] - cb[c]) + add + rem
            if fu:
                # u joins b after w left it (and w joins a after u left it)
                of_w = self.cat_of[w]
                for c, _, wk, _, _ in fu:
                    kw = of_w.get(c)
                    if kw:
                        delta -= 2 * wk * kw
        lu, lw = self.lang_of[u], self.lang_of[w]
        if lu or lw:
            delta += self._iso_swap(a, b, lu, lw)
        return delta

    # -- changes ------------------------------------------------------------------

    def _update(self, u: int, t: int, sign: int) -> None:
        unit = self.units[u]
        counts = self.cats[t]
        soft = sign * unit.pref[t]
        if sign > 0:
            for c, k, wk, add, _ in self.feats[u]:
                soft += wk * counts[c] + add
                counts[c] += k
            if unit.langs:
                soft += self._iso(t, unit.langs, ())
        else:
            for c, k, wk, _, rem in self.feats[u]:
                soft += rem - wk * counts[c]
                counts[c] -= k
            if unit.langs:
                soft += self._iso(t, (), unit.langs)
        speakers = self.langs[t]
        for lang, k in unit.langs:
            speakers[lang] += sign * k
        self.soft += soft
        self.n[t] += sign * unit.size
        self.fac[t] += sign * unit.facilitators
        roles = self.roles[t]
        r0, r1, r2 = unit.roles
        roles[0] += sign * r0
        roles[1] += sign * r1
        roles[2] += sign * r2
        self.viol[t] = self._violation_at(t, self.n[t], roles[0], roles[1], roles[2], self.fac[t])

    def move(self, u: int, b: int) -> None:
        a = self.assign[u]
        links = bool(self.neighbours[u])
        if a >= 0:
            if links:
                self.conflicts -= self.links_at(u, a)
            self._update(u, a, -1)
        self.assign[u] = b
        self._update(u, b, 1)
        if links:
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
            state.move(u, _cheapest_seat(state, sizes, u, empty))
    rest = sorted((u for u in free if state.assign[u] < 0), key=lambda u: -units[u].size)
    every = list(state.tables)
    for u in rest:
        state.move(u, _cheapest_seat(state, sizes, u, every))


def _cheapest_seat(state: State, sizes: list[int], u: int, tables: list[int]) -> int:
    """The first of `tables` where seating the unseated unit u costs least: HARD per
    person over the target frame plus `move_delta` (written out: the greedy start
    tries every unit at every table)."""
    unit = state.units[u]
    size, leads, feats, langs, pref = (
        unit.size,
        unit.facilitators,
        state.feats[u],
        unit.langs,
        unit.pref,
    )
    r0, r1, r2 = unit.roles
    h0, h1, h2 = state.high
    n, roles, fac, cats, speakers, viol = (
        state.n,
        state.roles,
        state.fac,
        state.cats,
        state.langs,
        state.viol,
    )
    linked, iso, violation_at = bool(state.neighbours[u]), state.iso_weight, state._violation_at
    best_t, best = tables[0], None
    for t in tables:
        nt, (c0, c1, c2), target = n[t] + size, roles[t], sizes[t]
        c0, c1, c2 = c0 + r0, c1 + r1, c2 + r2
        over = max(0, nt - target) + max(0, c0 - h0[target]) + max(0, c1 - h1[target])
        over += max(0, c2 - h2[target]) + violation_at(t, nt, c0, c1, c2, fac[t] + leads) - viol[t]
        cost = HARD * over + pref[t]
        counts = cats[t]
        for c, _, wk, add, _ in feats:
            cost += wk * counts[c] + add
        if langs:
            here, isolated = speakers[t], 0
            for lang, k in langs:
                c = here[lang]
                isolated += (c + k == 1) - (c == 1)
            cost += iso * isolated
        if linked:
            cost += HARD * state.links_at(u, t)
        if best is None or cost < best:
            best_t, best = t, cost
    return best_t


def anneal(
    state: State,
    rng: random.Random,
    deadline: float,
    iterations: int,
    temperature: tuple[float, float] = (5.0, 0.3),
    patience: int | None = None,
) -> list[int]:
    """Simulated annealing; returns the best assignment seen (lowest cost).

    The temperature falls geometrically with the iteration, so a run that keeps clear
    of its deadline is the same for the same seed on any machine. Only once the time
    used passes RUSH of the time allowed (a slow or busy machine) does the time
    fraction take over where it is ahead, so a run cut short still ends cold. In the
    second half (cold enough that the best plan no longer moves by chance) the run
    also stops once `patience` proposals in a row found nothing better: it has
    converged. Most
    proposals swap two units of the same shape (size, roles, facilitators), which never
    touches a size or fair-share rule.
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
    stall = iterations if patience is None else patience
    # changes since `best` was last brought up to date: no copy of the plan per new best
    journal: list[tuple[int, int]] = []
    limit = len(assign)
    last = 0
    random_ = rng.random
    move_rules, move_soft, move = state.move_rules, state.move_soft, state.move
    swap_rules, swap_soft, swap = state.swap_rules, state.swap_soft, state.swap
    linked = any(state.neighbours)
    n_movable, exp = len(movable), math.exp
    move_share, twin_until = MOVE_SHARE, MOVE_SHARE + TWIN_SHARE
    start = time.perf_counter()
    for it in range(iterations):
        if it & 511 == 0:
            if it - last > stall and 2 * it > iterations:
                break
            now = time.perf_counter()
            if now > deadline:
                break
            done = it / iterations
            used = (now - start) / max(1e-9, deadline - start)
            if used > RUSH:
                done = max(done, used)
            temp = hot * (cold / hot) ** done
        u = movable[int(random_() * n_movable)]
        roll = random_()
        if roll < move_share:
            b = int(random_() * n_tables)
            a = assign[u]
            if b == a:
                continue
            # never trade a rule for a better score (HARD is far above any temperature)
            hard = move_rules(u, b)
            if hard > 0:
                continue
            delta = HARD * hard + move_soft(u, b)
            if delta > 0 and random_() >= exp(-delta / temp):
                continue
            move(u, b)
            journal.append((u, b))
        else:
            twin = roll < twin_until
            pool = twins[u] if twin else movable
            w = pool[int(random_() * len(pool))]
            a, b = assign[u], assign[w]
            if a == b:
                continue
            hard = swap_rules(u, w) if linked or not twin else 0
            if hard > 0:
                continue
            delta = HARD * hard + swap_soft(u, w)
            if delta > 0 and random_() >= exp(-delta / temp):
                continue
            swap(u, w)
            journal.append((u, b))
            journal.append((w, a))
        cost += delta
        if cost < best_cost:
            best_cost, last = cost, it
            for v, t in journal:
                best[v] = t
            journal.clear()
            if cost <= 0:
                break
        elif len(journal) > limit:
            journal.clear()
            journal.extend(_differences(best, assign))
    return best


def _differences(best: list[int], assign: list[int]) -> list[tuple[int, int]]:
    return [(u, t) for u, (s, t) in enumerate(zip(best, assign, strict=True)) if s != t]


def descend(state: State, deadline: float) -> None:
    """Best-move descent until no single move of a unit improves the cost.

    A unit is only re-tried at the tables changed since it was last tried (all tables
    when its own table changed, or it has cannot-link neighbours): a move's delta depends
    on nothing else, so the last sweep costs little instead of a full units x tables.
    """
    movable = [u for u, unit in enumerate(state.units) if unit.pin < 0]
    every, move_delta, assign = list(state.tables), state.move_delta, state.assign
    changes: list[int] = []  # tables in the order they changed
    tried = [-1] * len(state.units)  # len(changes) when the unit was last tried
    improved = True
    while improved:
        improved = False
        for u in movable:
            if time.perf_counter() > deadline:
                return
            a, since = assign[u], tried[u]
            tables = every
            if since >= 0 and not state.neighbours[u]:
                fresh = set(changes[since:])
                if a not in fresh:
                    tables = [t for t in fresh if t != a]
            tried[u] = len(changes)
            if not tables:
                continue
            b = min(tables, key=lambda t: move_delta(u, t) if t != a else 0)
            if b != a and move_delta(u, b) < 0:
                state.move(u, b)
                changes += (a, b)
                improved = True


def load(state: State, assign: Sequence[int]) -> None:
    for u, t in enumerate(assign):
        if t >= 0 and state.assign[u] != t:
            state.move(u, t)


def local_search(
    inst: Instance, deadline: float, seed: int = 0, effort: int = 1000, patience: int = 50
) -> State:
    """Greedy start plus annealing of `effort` proposals per unit (at most MAX_PROPOSALS
    in all), cut short when `patience` proposals per unit in a row (in the cold half)
    found nothing better, or at the deadline; the returned state holds the best plan
    found, polished by descent. A run that ends with a broken rule (its greedy start
    broke rules the annealing could not repair) is followed by up to ATTEMPTS - 1 more
    from other starts.

    Unless the deadline cuts it, the run depends only on the instance and the seed."""
    rng = random.Random(seed)  # nosec B311 # a repeatable search for table plans, no secret
    units = len(inst.units)
    iterations = min(MAX_PROPOSALS, effort * units + 10 * effort)
    found: State | None = None
    for _ in range(ATTEMPTS):
        state = State(inst)
        greedy(state, rng)
        best = anneal(state, rng, deadline, iterations, patience=patience * units + 10 * patience)
        result = State(inst)
        load(result, best)
        descend(result, deadline)
        if found is None or result.cost < found.cost:
            found = result
        if found.hard == 0 or time.perf_counter() > deadline:
            break
    assert found is not None  # ATTEMPTS >= 1
    return found
