"""The compiled problem that both solvers work on.

People are grouped into *units*: with households "together" a unit is a whole household
(everyone with the same non-empty household id), otherwise a unit is one person and
the members of a household become cannot-link pairs. A unit carries everything the
score and the rules need as small integer counts, so a solver never looks at a
`Person` again:

- `roles`: how many parents, staff and students it brings to a table;
- `cats`: its people per *pair category* (one category per school year and one per
  class; people with an empty year or class are in none);
- `langs`: its speakers per home language other than Dutch (isolation candidates);
- `pref`: the weighted preference cost of seating it at each table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .model import ROLES, GroupingInputError, Person, Role, Settings, Table, Violation, Weights

DUTCH = ("", "nl")


@dataclass(frozen=True)
class Unit:
    members: tuple[int, ...]
    size: int
    roles: tuple[int, int, int]
    facilitators: int
    cats: tuple[tuple[int, int], ...]
    langs: tuple[tuple[int, int], ...]
    pref: tuple[int, ...]
    pin: int


@dataclass(frozen=True)
class Instance:
    people: tuple[Person, ...]
    tables: tuple[Table, ...]
    settings: Settings
    units: tuple[Unit, ...]
    unit_of: tuple[int, ...]
    cat_weights: tuple[int, ...]
    n_langs: int
    role_totals: tuple[int, int, int]
    links: tuple[tuple[int, int], ...]
    #: cannot-link pairs of person indices (by hand and mentor-apart; not households)
    pairs: tuple[tuple[int, int], ...]
    neighbours: tuple[tuple[int, ...], ...]
    problems: tuple[Violation, ...]

    @property
    def size(self) -> int:
        return len(self.people)


def language_key(person: Person) -> str:
    return person.language.strip().lower()


def preference_cost(person: Person, theme: str, weights: Weights) -> int:
    """Unweighted cost of `person` at a table with `theme` (0 if they ranked nothing)."""
    if not person.themes:
        return 0
    if theme in person.themes:
        rank = person.themes.index(theme)
        if rank < len(weights.rank_costs):
            return weights.rank_costs[rank]
    return weights.unranked_cost


def mentor_pairs(people: Sequence[Person]) -> list[tuple[str, str]]:
    """(mentor id, parent id) for every parent whose child's class the mentor teaches."""
    parents_by_class: dict[str, list[str]] = defaultdict(list)
    for person in people:
        if person.role == Role.PARENT and person.klass:
            parents_by_class[person.klass].append(person.id)
    return [
        (mentor.id, parent)
        for mentor in people
        for klass in mentor.mentor_of
        for parent in parents_by_class.get(klass, ())
        if parent != mentor.id
    ]


def validate(people: Sequence[Person], tables: Sequence[Table], settings: Settings) -> None:
    """Raise `GroupingInputError` for input no plan can be made of."""
    _unique("person", [p.id for p in people])
    _unique("table", [t.id for t in tables])
    for person in people:
        if person.role not in ROLES:
            raise GroupingInputError(f"person {person.id}: unknown role {person.role!r}")
    for table in tables:
        if table.min < 1 or table.min > table.max:
            raise GroupingInputError(
                f"table {table.id}: need 1 <= min <= max, got min {table.min}, max {table.max}"
            )
    person_ids = {p.id for p in people}
    table_ids = {t.id for t in tables}
    for person_id, table_id in settings.pins.items():
        if person_id not in person_ids or table_id not in table_ids:
            raise GroupingInputError(f"pin {person_id} -> {table_id}: unknown person or table")
    for a, b in settings.cannot_link:
        if a == b or a not in person_ids or b not in person_ids:
            raise GroupingInputError(f"cannot-link pair ({a}, {b}): unknown or identical ids")
    if settings.households not in ("together", "apart"):
        raise GroupingInputError(f"households must be together or apart: {settings.households}")


def _unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if not item:
            raise GroupingInputError(f"a {kind} has an empty id")
        if item in seen:
            raise GroupingInputError(f"duplicate {kind} id {item!r}")
        seen.add(item)


def compile_instance(
    people: Sequence[Person], tables: Sequence[Table], settings: Settings, full: bool = True
) -> Instance:
    """Validate and compile; `full=False` skips what only the solvers need (it is fast)."""
    validate(people, tables, settings)
    people_t, tables_t = tuple(people), tuple(tables)
    pairs = _person_pairs(people_t, settings)
    if not full:
        return Instance(people_t, tables_t, settings, (), (), (), 0, (0, 0, 0), (), pairs, (), ())
    groups = _unit_groups(people_t, settings)
    unit_of = [0] * len(people_t)
    for index, group in enumerate(groups):
        for member in group:
            unit_of[member] = index
    cats, cat_weights = _categories(people_t, settings.weights)
    langs = _languages(people_t)
    problems: list[Violation] = []
    pins = _unit_pins(people_t, tables_t, groups, settings, problems)
    units = tuple(
        _make_unit(people_t, tables_t, group, cats, langs, settings.weights, pin)
        for group, pin in zip(groups, pins, strict=True)
    )
    links = _links(people_t, settings, pairs, unit_of, pins, problems)
    neighbours: list[list[int]] = [[] for _ in units]
    for u, v in links:
        neighbours[u].append(v)
        neighbours[v].append(u)
    totals = tuple(sum(1 for p in people_t if p.role == role) for role in ROLES)
    return Instance(
        people=people_t,
        tables=tables_t,
        settings=settings,
        units=units,
        unit_of=tuple(unit_of),
        cat_weights=tuple(cat_weights),
        n_langs=len(set(langs.values())),
        role_totals=(totals[0], totals[1], totals[2]),
        links=links,
        pairs=pairs,
        neighbours=tuple(tuple(n) for n in neighbours),
        problems=tuple(problems),
    )


def _unit_groups(people: tuple[Person, ...], settings: Settings) -> list[tuple[int, ...]]:
    if settings.households == "apart":
        return [(i,) for i in range(len(people))]
    by_household: dict[str, list[int]] = {}
    groups: list[list[int]] = []
    for index, person in enumerate(people):
        if not person.household:
            groups.append([index])
        elif person.household in by_household:
            by_household[person.household].append(index)
        else:
            by_household[person.household] = [index]
            groups.append(by_household[person.household])
    return [tuple(group) for group in groups]


def _categories(
    people: tuple[Person, ...], weights: Weights
) -> tuple[dict[tuple[str, str], int], list[int]]:
    cats: dict[tuple[str, str], int] = {}
    cat_weights: list[int] = []
    for person in people:
        for key, weight in (("y", weights.same_year), ("c", weights.same_class)):
            value = person.year if key == "y" else person.klass
            if value and (key, value) not in cats:
                cats[(key, value)] = len(cat_weights)
                cat_weights.append(weight)
    return cats, cat_weights


def _languages(people: tuple[Person, ...]) -> dict[str, int]:
    langs: dict[str, int] = {}
    for person in people:
        key = language_key(person)
        if key not in DUTCH and key not in langs:
            langs[key] = len(langs)
    return langs


def _counts(keys: list[int]) -> tuple[tuple[int, int], ...]:
    counts: dict[int, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    return tuple(sorted(counts.items()))


def _make_unit(
    people: tuple[Person, ...],
    tables: tuple[Table, ...],
    group: tuple[int, ...],
    cats: dict[tuple[str, str], int],
    langs: dict[str, int],
    weights: Weights,
    pin: int,
) -> Unit:
    members = [people[i] for i in group]
    cat_keys = [cats[("y", p.year)] for p in members if p.year]
    cat_keys += [cats[("c", p.klass)] for p in members if p.klass]
    lang_keys = [langs[language_key(p)] for p in members if language_key(p) not in DUTCH]
    roles = tuple(sum(1 for p in members if p.role == role) for role in ROLES)
    # per theme, not per table: an evening has a few themes over many tables
    by_theme: dict[str, int] = {}
    for theme in {table.theme for table in tables}:
        by_theme[theme] = weights.preference * sum(
            preference_cost(p, theme, weights) for p in members
        )
    pref = tuple(by_theme[table.theme] for table in tables)
    return Unit(
        members=group,
        size=len(group),
        roles=(roles[0], roles[1], roles[2]),
        facilitators=sum(1 for p in members if p.facilitator),
        cats=_counts(cat_keys),
        langs=_counts(lang_keys),
        pref=pref,
        pin=pin,
    )


def _unit_pins(
    people: tuple[Person, ...],
    tables: tuple[Table, ...],
    groups: list[tuple[int, ...]],
    settings: Settings,
    problems: list[Violation],
) -> list[int]:
    table_index = {t.id: i for i, t in enumerate(tables)}
    pins: list[int] = []
    for group in groups:
        wanted = {settings.pins[people[i].id] for i in group if people[i].id in settings.pins}
        if len(wanted) > 1:
            ids = tuple(people[i].id for i in group)
            problems.append(Violation("households", "pins_differ", tuple(sorted(wanted)), ids))
        pins.append(table_index[min(wanted)] if wanted else -1)
    return pins


def _person_pairs(people: tuple[Person, ...], settings: Settings) -> tuple[tuple[int, int], ...]:
    index = {p.id: i for i, p in enumerate(people)}
    pairs = list(settings.cannot_link)
    if settings.mentor_apart:
        pairs += mentor_pairs(people)
    found = {(min(index[a], index[b]), max(index[a], index[b])) for a, b in pairs}
    return tuple(sorted(found))


def _links(
    people: tuple[Person, ...],
    settings: Settings,
    pairs: tuple[tuple[int, int], ...],
    unit_of: list[int],
    pins: list[int],
    problems: list[Violation],
) -> tuple[tuple[int, int], ...]:
    index = {p.id: i for i, p in enumerate(people)}
    all_pairs = [(people[i].id, people[j].id) for i, j in pairs]
    if settings.households == "apart":
        all_pairs += _household_pairs(people)
    links: set[tuple[int, int]] = set()
    for a, b in all_pairs:
        u, v = sorted((unit_of[index[a]], unit_of[index[b]]))
        if u == v:
            problems.append(Violation("cannot_link", "link_household", people=(a, b)))
            continue
        if pins[u] >= 0 and pins[u] == pins[v]:
            problems.append(Violation("cannot_link", "link_pinned", people=(a, b)))
        links.add((u, v))
    return tuple(sorted(links))


def _household_pairs(people: tuple[Person, ...]) -> list[tuple[str, str]]:
    by_household: dict[str, list[str]] = defaultdict(list)
    for person in people:
        if person.household:
            by_household[person.household].append(person.id)
    return [
        (members[i], members[j])
        for members in by_household.values()
        for i in range(len(members))
        for j in range(i + 1, len(members))
    ]


def fair_bounds(total: int, size: int, everyone: int) -> tuple[int, int]:
    """The counts allowed by rule 6: floor and ceil of total * size / everyone."""
    if everyone == 0:
        return 0, 0
    return (total * size) // everyone, -((-total * size) // everyone)
