"""The six hard rules (plus pins), checked on any plan, and a cheap feasibility pre-check.

`check_plan` works per person, not per unit, so it judges hand-edited plans honestly
(a manual move can split a household). A plan is a list `seat`: person index -> table
index, or -1 for someone not seated.

Rule 6 ("proportional") allows, for role r at table t, a count c with |c - R*n/N| < 1,
i.e. floor or ceil of the fair share R*n/N (exactly the share when it is whole).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .instance import Instance, fair_bounds
from .model import ROLES, RuleCheck, RuleId, Violation

MAX_LISTED = 3


def _summary(items: Sequence[str]) -> str:
    shown = "; ".join(items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def _check(rule: RuleId, found: Sequence[Violation], deviation: float = 0.0) -> RuleCheck:
    if not found:
        return RuleCheck(rule, True, "", deviation)
    message = _summary([v.text for v in found])
    return RuleCheck(rule, False, message, deviation, tuple(found))


def table_members(inst: Instance, seat: Sequence[int]) -> list[list[int]]:
    members: list[list[int]] = [[] for _ in inst.tables]
    for person, table in enumerate(seat):
        if table >= 0:
            members[table].append(person)
    return members


def check_plan(inst: Instance, seat: Sequence[int]) -> tuple[RuleCheck, ...]:
    members = table_members(inst, seat)
    deviation, fair_problems = _proportional(inst, members)
    return (
        _check("everyone_seated", _unseated(inst, seat)),
        _check("table_size", _sizes(inst, members)),
        _check("facilitator", _facilitators(inst, members)),
        _check("households", _households(inst, seat)),
        _check("cannot_link", _cannot_link(inst, seat)),
        _check("proportional", fair_problems, deviation),
        _check("pins", _pins(inst, seat)),
    )


def _unseated(inst: Instance, seat: Sequence[int]) -> list[Violation]:
    missing = tuple(inst.people[i].id for i, t in enumerate(seat) if t < 0)
    return [Violation("everyone_seated", "unseated", people=missing)] if missing else []


def _sizes(inst: Instance, members: list[list[int]]) -> list[Violation]:
    return [
        Violation("table_size", "size", (table.id,),
                  numbers={"size": len(people), "min": table.min, "max": table.max})
        for table, people in zip(inst.tables, members, strict=True)
        if not table.min <= len(people) <= table.max
    ]  # fmt: skip


def _facilitators(inst: Instance, members: list[list[int]]) -> list[Violation]:
    return [
        Violation("facilitator", "no_facilitator", (table.id,))
        for table, people in zip(inst.tables, members, strict=True)
        if not any(inst.people[i].facilitator for i in people)
    ]


def _households(inst: Instance, seat: Sequence[int]) -> list[Violation]:
    tables_of: dict[str, list[int]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    for person, table in zip(inst.people, seat, strict=True):
        if person.household and table >= 0:
            tables_of[person.household].append(table)
            members[person.household].append(person.id)
    together = inst.settings.households == "together"
    found = []
    for household, ts in tables_of.items():
        used = sorted(set(ts))
        if (len(used) > 1) if together else (len(used) < len(ts)):
            found.append(
                Violation("households", "split" if together else "together",
                          tuple(inst.tables[t].id for t in used), tuple(members[household]),
                          {"count": len(used)}, household=household)
            )  # fmt: skip
    return found


def _cannot_link(inst: Instance, seat: Sequence[int]) -> list[Violation]:
    return [
        Violation("cannot_link", "sit_together", (inst.tables[seat[a]].id,),
                  (inst.people[a].id, inst.people[b].id))
        for a, b in inst.pairs
        if seat[a] >= 0 and seat[a] == seat[b]
    ]  # fmt: skip


def _pins(inst: Instance, seat: Sequence[int]) -> list[Violation]:
    index = {p.id: i for i, p in enumerate(inst.people)}
    found = []
    for person_id, table_id in inst.settings.pins.items():
        table = seat[index[person_id]]
        if table < 0 or inst.tables[table].id != table_id:
            found.append(Violation("pins", "pin_moved", (table_id,), (person_id,)))
    return found


def role_counts(inst: Instance, people: Iterable[int]) -> list[int]:
    counts = dict.fromkeys(ROLES, 0)
    for i in people:
        counts[inst.people[i].role] += 1
    return [counts[role] for role in ROLES]


def _proportional(inst: Instance, members: list[list[int]]) -> tuple[float, list[Violation]]:
    everyone = sum(len(people) for people in members)
    totals = role_counts(inst, (i for people in members for i in people))
    worst = 0.0
    found = []
    for table, people in zip(inst.tables, members, strict=True):
        counts = role_counts(inst, people)
        for role, count, total in zip(ROLES, counts, totals, strict=True):
            share = total * len(people) / everyone if everyone else 0.0
            worst = max(worst, abs(count - share))
            low, high = fair_bounds(total, len(people), everyone)
            if not low <= count <= high:
                numbers = {"count": count, "low": low, "high": high, "share": share,
                           "off": abs(count - share)}  # fmt: skip
                found.append(Violation("proportional", "share", (table.id,), (), numbers, role))
    return round(worst, 2), found


def precheck(inst: Instance) -> list[Violation]:
    """Specific reasons why no plan can exist, each with what would fix it."""
    found = list(inst.problems)
    found += _precheck_sizes(inst)
    found += _precheck_facilitators(inst)
    found += _precheck_units(inst)
    found += _precheck_pins(inst)
    return found


def _precheck_sizes(inst: Instance) -> list[Violation]:
    low = sum(t.min for t in inst.tables)
    high = sum(t.max for t in inst.tables)
    n, k = inst.size, len(inst.tables)
    counts = {"people": n, "tables": k}
    if k == 0:
        return [Violation("everyone_seated", "no_tables", numbers=counts)]
    if n < low:
        numbers = counts | {"low": low, "short": low - n}
        return [Violation("table_size", "too_few_people", numbers=numbers)]
    if n > high:
        numbers = counts | {"high": high, "short": n - high}
        return [Violation("table_size", "too_many_people", numbers=numbers)]
    return []


def _precheck_facilitators(inst: Instance) -> list[Violation]:
    have = sum(1 for p in inst.people if p.facilitator)
    need = len(inst.tables)
    if have >= need:
        return []
    numbers = {"have": have, "tables": need, "short": need - have, "people": inst.size}
    return [Violation("facilitator", "few_facilitators", numbers=numbers)]


def _precheck_units(inst: Instance) -> list[Violation]:
    if not inst.tables:
        return []
    if inst.settings.households == "apart":
        return _precheck_apart(inst)
    largest = max(t.max for t in inst.tables)
    found: list[Violation] = []
    for unit in inst.units:
        name = inst.people[unit.members[0]].household
        ids = tuple(inst.people[i].id for i in unit.members)
        if unit.size > largest:
            numbers = {"size": unit.size, "largest": largest}
            found.append(Violation("households", "household_too_big", (), ids, numbers,
                                   household=name))  # fmt: skip
            continue
        for role, count, total in zip(ROLES, unit.roles, inst.role_totals, strict=True):
            high = fair_bounds(total, largest, inst.size)[1]
            if count > high:
                numbers = {"count": count, "high": high, "largest": largest}
                found.append(Violation("proportional", "household_share", (), ids, numbers,
                                       role, name))  # fmt: skip
    return found


def _precheck_apart(inst: Instance) -> list[Violation]:
    members: dict[str, list[str]] = defaultdict(list)
    for person in inst.people:
        if person.household:
            members[person.household].append(person.id)
    k = len(inst.tables)
    return [
        Violation("households", "household_apart", (), tuple(ids),
                  {"size": len(ids), "tables": k}, household=name)
        for name, ids in members.items()
        if len(ids) > k
    ]  # fmt: skip


def _precheck_pins(inst: Instance) -> list[Violation]:
    pinned = [0] * len(inst.tables)
    for unit in inst.units:
        if unit.pin >= 0:
            pinned[unit.pin] += unit.size
    return [
        Violation("pins", "pins_full", (table.id,), numbers={"count": count, "max": table.max})
        for table, count in zip(inst.tables, pinned, strict=True)
        if count > table.max
    ]
