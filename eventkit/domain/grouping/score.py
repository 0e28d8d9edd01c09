"""The soft score F of a plan and the quality figures shown beside it.

F = w_pref * sum of preference costs
  + w_year * (pairs of people at one table from the same school year)
  + w_class * (pairs from the same class)
  + w_iso * (people whose home language is not Dutch and who are its only speaker at
    their table).

Pairs are counted from per-table category counts: c people of one year at a table make
c*(c-1)/2 pairs. People with an empty year or class make no pairs; an empty language or
"nl" is never isolated. Everything is computed per person, so any plan can be scored.
"""

from __future__ import annotations

from collections.abc import Sequence

from .instance import DUTCH, Instance, language_key, preference_cost
from .model import Metrics, RuleCheck, ScoreParts


def pairs(count: int) -> int:
    return count * (count - 1) // 2


def score_plan(inst: Instance, seat: Sequence[int]) -> ScoreParts:
    weights = inst.settings.weights
    themes = [t.theme for t in inst.tables]
    costs: dict[tuple[tuple[str, ...], str], int] = {}
    preference = 0
    years: dict[tuple[int, str], int] = {}
    classes: dict[tuple[int, str], int] = {}
    langs: dict[tuple[int, str], int] = {}
    for person, table in zip(inst.people, seat, strict=True):
        if table < 0:
            continue
        if person.themes:
            key = (person.themes, themes[table])
            if key not in costs:
                costs[key] = preference_cost(person, themes[table], weights)
            preference += costs[key]
        if person.year:
            _bump(years, (table, person.year))
        if person.klass:
            _bump(classes, (table, person.klass))
        if person.language:
            lang = language_key(person)
            if lang not in DUTCH:
                _bump(langs, (table, lang))
    year_pairs = sum(pairs(c) for c in years.values())
    class_pairs = sum(pairs(c) for c in classes.values())
    isolated = sum(1 for c in langs.values() if c == 1)
    total = (
        weights.preference * preference
        + weights.same_year * year_pairs
        + weights.same_class * class_pairs
        + weights.isolated_language * isolated
    )
    return ScoreParts(preference, year_pairs, class_pairs, isolated, total)


def _bump(counts: dict[tuple[int, str], int], key: tuple[int, str]) -> None:
    counts[key] = counts.get(key, 0) + 1


def gap_of(score: int | None, bound: int | None) -> float | None:
    """Relative distance to the bound: (score - bound) / score, 0 when both are 0."""
    if score is None or bound is None:
        return None
    if score <= 0:
        return 0.0
    return max(0.0, (score - bound) / score)


def metrics_of(
    inst: Instance,
    seat: Sequence[int],
    parts: ScoreParts,
    checks: Sequence[RuleCheck],
    bound: int | None,
) -> Metrics:
    ranked = first = top_two = off = 0
    years_at: list[set[str]] = [set() for _ in inst.tables]
    for person, table in zip(inst.people, seat, strict=True):
        if table < 0:
            continue
        if person.year:
            years_at[table].add(person.year)
        if not person.themes:
            continue
        ranked += 1
        theme = inst.tables[table].theme
        first += theme == person.themes[0]
        top_two += theme in person.themes[:2]
        off += theme not in person.themes
    deviation = next((c.deviation for c in checks if c.rule == "proportional"), 0.0)
    return Metrics(
        max_fair_share_deviation=deviation,
        first_choice_pct=_pct(first, ranked),
        top_two_pct=_pct(top_two, ranked),
        off_choice=off,
        min_year_mix=min((len(y) for y in years_at), default=0),
        isolated_speakers=parts.isolated,
        score=parts.total,
        bound=bound,
        gap=gap_of(parts.total, bound),
    )


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0
