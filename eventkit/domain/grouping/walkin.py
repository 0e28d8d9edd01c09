"""Walk-ins: seat late arrivals without moving anyone already seated.

Everyone without a seat in the given plan is placed, one by one (pinned first, then
facilitators, then the rest), at the table where they break the fewest rules and then
add the least to F. Rule 6 is measured against the new head counts, so walk-ins can
make an exact fair split impossible; the result then reports that rule as broken (with
its deviation) rather than moving seated people. An optional tidy-up moves at most one
seated, unpinned person on their own (not part of a household kept together) out of a
table that received walk-ins, and only if that breaks fewer rules or lowers F.

Counts are kept per person in dictionaries, so no solver model is built and a walk-in
costs O(tables) after one O(people) pass.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from .instance import DUTCH, Instance, compile_instance, language_key, preference_cost
from .model import ROLES, Person, Result, Settings, Table
from .report import build_result, quick_bound
from .search import HARD, fair_tables, violation
from .solve import seat_of

ROLE_INDEX = {role: index for index, role in enumerate(ROLES)}
#: batches up to this size also try moving two walk-ins together
PAIR_BATCH = 4
SETTLE_ROUNDS = 5


class Tally:
    """Per-table counts of a person-level plan, with the cost of adding or removing one."""

    def __init__(self, inst: Instance, seat: list[int]) -> None:
        self.inst, self.seat = inst, seat
        self.weights = inst.settings.weights
        k = len(inst.tables)
        self.n, self.fac = [0] * k, [0] * k
        self.roles = [[0, 0, 0] for _ in range(k)]
        self.keys: list[dict[tuple[str, str], int]] = [{} for _ in range(k)]
        self.homes: dict[str, list[int]] = defaultdict(list)
        self.partners: dict[int, list[int]] = defaultdict(list)
        for a, b in inst.pairs:
            self.partners[a].append(b)
            self.partners[b].append(a)
        self._count()
        totals = Counter(p.role for p in inst.people)
        top = max(self.n + [t.max for t in inst.tables]) + seat.count(-1)
        self.low, self.high = fair_tables([totals[r] for r in ROLES], len(inst.people), top)
        self.viol = [self._violation(t, 0, 0) for t in range(k)]

    def _count(self) -> None:
        """One pass over the seated people (the hot path for large evenings)."""
        people, n, fac, roles, keys = self.inst.people, self.n, self.fac, self.roles, self.keys
        for i, t in enumerate(self.seat):
            if t < 0:
                continue
            person = people[i]
            n[t] += 1
            fac[t] += person.facilitator
            roles[t][ROLE_INDEX[person.role]] += 1
            counts = keys[t]
            for key in self._person_keys(person):
                counts[key] = counts.get(key, 0) + 1
            if person.household:
                self.homes[person.household].append(t)

    @staticmethod
    def _person_keys(person: Person) -> list[tuple[str, str]]:
        keys = []
        if person.year:
            keys.append(("y", person.year))
        if person.klass:
            keys.append(("c", person.klass))
        if person.language:
            lang = language_key(person)
            if lang not in DUTCH:
                keys.append(("l", lang))
        return keys

    def _change(self, i: int, t: int, sign: int) -> None:
        person = self.inst.people[i]
        self.n[t] += sign
        self.fac[t] += sign * person.facilitator
        self.roles[t][ROLE_INDEX[person.role]] += sign
        counts = self.keys[t]
        for key in self._person_keys(person):
            counts[key] = counts.get(key, 0) + sign
        if person.household:
            if sign > 0:
                self.homes[person.household].append(t)
            else:
                self.homes[person.household].remove(t)

    def _violation(self, t: int, i: int, sign: int) -> int:
        roles = list(self.roles[t])
        fac = self.fac[t]
        if sign:
            person = self.inst.people[i]
            roles[ROLE_INDEX[person.role]] += sign
            fac += sign * person.facilitator
        n = self.n[t] + sign
        return violation(self.inst.tables[t], n, roles, fac, self.low, self.high)

    def delta(self, i: int, t: int, sign: int) -> int:
        """HARD * (rules broken) + change of F when person i joins (+1) or leaves (-1) t."""
        person = self.inst.people[i]
        hard = self._violation(t, i, sign) - self.viol[t]
        hard += sign * sum(1 for j in self.partners[i] if self.seat[j] == t)
        hard += sign * self._household_cost(i, t)
        soft = (
            sign
            * self.weights.preference
            * preference_cost(person, self.inst.tables[t].theme, self.weights)
        )
        for key in self._person_keys(person):
            c = self.keys[t].get(key, 0) - (sign < 0)
            if key[0] == "l":
                soft += sign * self.weights.isolated_language * ((c == 0) - (c == 1))
            else:
                soft += (
                    sign
                    * c
                    * (self.weights.same_year if key[0] == "y" else self.weights.same_class)
                )
        return HARD * hard + soft

    def _household_cost(self, i: int, t: int) -> int:
        """Household members of i elsewhere (together) or also at t (apart)."""
        person = self.inst.people[i]
        if not person.household:
            return 0
        homes = self.homes[person.household]
        here = homes.count(t)
        if self.inst.settings.households == "apart":
            return here - (self.seat[i] == t)
        return len(homes) - here

    def place(self, i: int, t: int) -> None:
        self.seat[i] = t
        self._change(i, t, 1)
        self.viol[t] = self._violation(t, 0, 0)

    def lift(self, i: int) -> int:
        t = self.seat[i]
        self._change(i, t, -1)
        self.seat[i] = -1
        self.viol[t] = self._violation(t, 0, 0)
        return t


def add_walk_ins(
    people: Sequence[Person],
    tables: Sequence[Table],
    assignment: Mapping[str, str],
    walk_ins: Sequence[Person],
    settings: Settings,
    tidy: bool = False,
) -> Result:
    """Seat `walk_ins` (and anyone else without a seat) without moving seated people.

    With `tidy`, at most one seated person may move afterwards if that improves the plan.
    """
    inst = compile_instance([*people, *walk_ins], tables, settings, full=False)
    seat = seat_of(inst, assignment)
    late = [i for i, t in enumerate(seat) if t < 0]
    tally = Tally(inst, seat)
    table_index = {t.id: k for k, t in enumerate(inst.tables)}
    pins = {
        i: table_index[settings.pins[p.id]]
        for i, p in enumerate(inst.people)
        if p.id in settings.pins
    }
    late.sort(key=lambda i: (i not in pins, not inst.people[i].facilitator))
    for i in late:
        tally.place(i, pins[i] if i in pins else _best_table(tally, i))
    _settle(tally, [i for i in late if i not in pins])
    moved = _tidy(tally, late, set(pins)) if tidy and late else ()
    return build_result(inst, tally.seat, "feasible", quick_bound(inst), moved=moved)


def _best_table(tally: Tally, i: int) -> int:
    return min(range(len(tally.inst.tables)), key=lambda t: tally.delta(i, t, 1))


def _settle(tally: Tally, free: list[int]) -> None:
    """Improve a batch by moving its own members (singly, or in pairs when few).

    Placing one by one is myopic: the fair shares are those of the whole batch, so two
    walk-ins may only fit well together.
    """
    if len(free) < 2:
        return
    groups = [[i] for i in free]
    if len(free) <= PAIR_BATCH:
        groups += [[i, j] for n, i in enumerate(free) for j in free[n + 1 :]]
    for _ in range(SETTLE_ROUNDS):
        moved = [_regroup(tally, group) for group in groups]
        if not any(moved):
            return


def _regroup(tally: Tally, group: list[int]) -> bool:
    """Move `group` to the one table where that lowers the cost most; True if moved."""
    origin = [tally.seat[i] for i in group]
    out = 0
    for i in group:
        out += tally.delta(i, tally.seat[i], -1)
        tally.lift(i)
    best, target = 0, -1
    for t in range(len(tally.inst.tables)):
        cost = out
        for i in group:
            cost += tally.delta(i, t, 1)
            tally.place(i, t)
        for i in group:
            tally.lift(i)
        if cost < best:
            best, target = cost, t
    for i, t in zip(group, origin, strict=True):
        tally.place(i, t if target < 0 else target)
    return target >= 0


def _tidy(tally: Tally, late: list[int], pinned: set[int]) -> tuple[str, ...]:
    inst = tally.inst
    touched = {tally.seat[i] for i in late}
    sizes = Counter(p.household for p in inst.people if p.household)
    together = inst.settings.households == "together"
    late_set = set(late)
    best = (0, -1, -1)
    for i, person in enumerate(inst.people):
        a = tally.seat[i]
        if a not in touched or i in late_set or i in pinned:
            continue
        if together and person.household and sizes[person.household] > 1:
            continue
        leave = tally.delta(i, a, -1)
        tally.lift(i)
        for b in range(len(inst.tables)):
            if b != a:
                best = min(best, (leave + tally.delta(i, b, 1), i, b))
        tally.place(i, a)
    if best[1] < 0:
        return ()
    tally.lift(best[1])
    tally.place(best[1], best[2])
    return (inst.people[best[1]].id,)
