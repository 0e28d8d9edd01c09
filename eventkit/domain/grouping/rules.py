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
from .model import ROLES, RuleCheck, RuleId

MAX_LISTED = 3


def _summary(items: Sequence[str]) -> str:
    shown = "; ".join(items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def _check(rule: RuleId, problems: Sequence[str], deviation: float = 0.0) -> RuleCheck:
    if not problems:
        return RuleCheck(rule, True, "", deviation)
    return RuleCheck(rule, False, _summary(problems), deviation)


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


def _unseated(inst: Instance, seat: Sequence[int]) -> list[str]:
    missing = [inst.people[i].id for i, t in enumerate(seat) if t < 0]
    return [f"not seated: {', '.join(missing)}"] if missing else []


def _sizes(inst: Instance, members: list[list[int]]) -> list[str]:
    problems = []
    for table, people in zip(inst.tables, members, strict=True):
        if not table.min <= len(people) <= table.max:
            problems.append(
                f"table {table.id} has {len(people)} people (allowed {table.min}-{table.max})"
            )
    return problems


def _facilitators(inst: Instance, members: list[list[int]]) -> list[str]:
    return [
        f"table {table.id} has no facilitator"
        for table, people in zip(inst.tables, members, strict=True)
        if not any(inst.people[i].facilitator for i in people)
    ]


def _households(inst: Instance, seat: Sequence[int]) -> list[str]:
    tables_of: dict[str, list[int]] = defaultdict(list)
    for person, table in zip(inst.people, seat, strict=True):
        if person.household and table >= 0:
            tables_of[person.household].append(table)
    if inst.settings.households == "together":
        return [
            f"household {household} is split over {len(set(ts))} tables"
            for household, ts in tables_of.items()
            if len(set(ts)) > 1
        ]
    return [
        f"household {household} has members at one table"
        for household, ts in tables_of.items()
        if len(set(ts)) < len(ts)
    ]


def _cannot_link(inst: Instance, seat: Sequence[int]) -> list[str]:
    return [
        f"{inst.people[a].id} and {inst.people[b].id} sit together at table "
        f"{inst.tables[seat[a]].id}"
        for a, b in inst.pairs
        if seat[a] >= 0 and seat[a] == seat[b]
    ]


def _pins(inst: Instance, seat: Sequence[int]) -> list[str]:
    index = {p.id: i for i, p in enumerate(inst.people)}
    problems = []
    for person_id, table_id in inst.settings.pins.items():
        table = seat[index[person_id]]
        if table < 0 or inst.tables[table].id != table_id:
            problems.append(f"{person_id} is pinned to table {table_id}")
    return problems


def role_counts(inst: Instance, people: Iterable[int]) -> list[int]:
    counts = dict.fromkeys(ROLES, 0)
    for i in people:
        counts[inst.people[i].role] += 1
    return [counts[role] for role in ROLES]


def _proportional(inst: Instance, members: list[list[int]]) -> tuple[float, list[str]]:
    everyone = sum(len(people) for people in members)
    totals = role_counts(inst, (i for people in members for i in people))
    worst = 0.0
    problems = []
    for table, people in zip(inst.tables, members, strict=True):
        counts = role_counts(inst, people)
        for role, count, total in zip(ROLES, counts, totals, strict=True):
            share = total * len(people) / everyone if everyone else 0.0
            worst = max(worst, abs(count - share))
            low, high = fair_bounds(total, len(people), everyone)
            if not low <= count <= high:
                problems.append(
                    f"table {table.id} has {count} {role}(s), fair share {share:.1f} "
                    f"(off by {abs(count - share):.1f})"
                )
    return round(worst, 2), problems


def precheck(inst: Instance) -> list[tuple[RuleId, str]]:
    """Specific reasons why no plan can exist, each with what would fix it."""
    found = list(inst.problems)
    found += _precheck_sizes(inst)
    found += _precheck_facilitators(inst)
    found += _precheck_units(inst)
    found += _precheck_pins(inst)
    return found


def _precheck_sizes(inst: Instance) -> list[tuple[RuleId, str]]:
    low = sum(t.min for t in inst.tables)
    high = sum(t.max for t in inst.tables)
    n, k = inst.size, len(inst.tables)
    if k == 0:
        return [("everyone_seated", "there are no tables: add a table")]
    if n < low:
        return [
            (
                "table_size",
                f"the {k} tables need at least {low} people but {n} are present: "
                f"remove a table or lower the minimum sizes by {low - n} in total",
            )
        ]
    if n > high:
        return [
            (
                "table_size",
                f"the {k} tables seat at most {high} people but {n} are present: "
                f"add a table or raise the maximum sizes by {n - high} in total",
            )
        ]
    return []


def _precheck_facilitators(inst: Instance) -> list[tuple[RuleId, str]]:
    have = sum(1 for p in inst.people if p.facilitator)
    need = len(inst.tables)
    if have >= need:
        return []
    short = need - have
    return [
        (
            "facilitator",
            f"{have} facilitator(s) for {need} tables: add {short} "
            f"facilitator(s) or remove {short} table(s)",
        )
    ]


def _precheck_units(inst: Instance) -> list[tuple[RuleId, str]]:
    if not inst.tables:
        return []
    if inst.settings.households == "apart":
        return _precheck_apart(inst)
    largest = max(t.max for t in inst.tables)
    found: list[tuple[RuleId, str]] = []
    for unit in inst.units:
        name = inst.people[unit.members[0]].household
        if unit.size > largest:
            found.append(
                (
                    "households",
                    f"household {name} has {unit.size} members but the largest "
                    f"table seats {largest}: raise a maximum or seat households apart",
                )
            )
            continue
        for role, count, total in zip(ROLES, unit.roles, inst.role_totals, strict=True):
            high = fair_bounds(total, largest, inst.size)[1]
            if count > high:
                found.append(
                    (
                        "proportional",
                        f"household {name} brings {count} {role}s to one "
                        f"table but a fair share is at most {high}: seat households apart "
                        f"or use larger tables",
                    )
                )
    return found


def _precheck_apart(inst: Instance) -> list[tuple[RuleId, str]]:
    sizes: dict[str, int] = defaultdict(int)
    for person in inst.people:
        if person.household:
            sizes[person.household] += 1
    k = len(inst.tables)
    return [
        (
            "households",
            f"household {name} has {size} members to seat apart but there are "
            f"only {k} tables: add tables or seat households together",
        )
        for name, size in sizes.items()
        if size > k
    ]


def _precheck_pins(inst: Instance) -> list[tuple[RuleId, str]]:
    pinned = [0] * len(inst.tables)
    for unit in inst.units:
        if unit.pin >= 0:
            pinned[unit.pin] += unit.size
    return [
        (
            "pins",
            f"{count} people are pinned to table {table.id}, which seats {table.max}: "
            "unpin someone or raise its maximum",
        )
        for table, count in zip(inst.tables, pinned, strict=True)
        if count > table.max
    ]
