"""Turn a seating (person index -> table index) into a `Result`, and a cheap lower bound.

`quick_bound` is valid for every plan: each person at their cheapest theme, and each
year, class spread as evenly as possible over all tables (c*(c-1)/2 is convex, so an even
spread has the fewest pairs). It is weak but lets a local-search-only run report a gap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .instance import Instance
from .model import Result, RuleCheck, RuleId, ScoreParts, Status, TableResult, Violation, Weights
from .rules import check_plan, table_members
from .score import metrics_of, pairs, score_plan


def quick_bound(inst: Instance) -> int:
    weights = inst.settings.weights
    themes = {t.theme for t in inst.tables}
    if not themes:
        return 0
    cheapest: dict[tuple[str, ...], int] = {}
    preference = 0
    for person in inst.people:
        if person.themes not in cheapest:
            cheapest[person.themes] = _cheapest(person.themes, themes, weights)
        preference += cheapest[person.themes]
    years = Counter(p.year for p in inst.people if p.year)
    classes = Counter(p.klass for p in inst.people if p.klass)
    k = len(inst.tables)
    return (
        weights.preference * preference
        + weights.same_year * sum(_even_pairs(c, k) for c in years.values())
        + weights.same_class * sum(_even_pairs(c, k) for c in classes.values())
    )


def _cheapest(ranked: tuple[str, ...], themes: set[str], weights: Weights) -> int:
    """The lowest preference cost this person can have at any of `themes`."""
    if not ranked:
        return 0
    top = ranked[: len(weights.rank_costs)]
    costs = [weights.rank_costs[rank] for rank, theme in enumerate(top) if theme in themes]
    if len(themes.difference(top)) > 0:
        costs.append(weights.unranked_cost)
    return min(costs)


def _even_pairs(count: int, tables: int) -> int:
    base, extra = divmod(count, tables)
    return extra * pairs(base + 1) + (tables - extra) * pairs(base)


def build_result(
    inst: Instance,
    seat: Sequence[int],
    status: Status,
    bound: int | None,
    message: str = "",
    moved: tuple[str, ...] = (),
) -> Result:
    """Score and check `seat`; a plan breaking any rule gets status "invalid"."""
    checks = check_plan(inst, seat)
    parts = score_plan(inst, seat)
    if bound is not None:
        bound = min(bound, parts.total)
    broken = [c for c in checks if not c.ok]
    if broken:
        status = "invalid"
        message = message or "This plan breaks a rule: " + " | ".join(c.message for c in broken)
    else:
        if status != "optimal" and bound is not None and bound == parts.total:
            status = "optimal"
        message = message or _quality(status, parts.total, bound)
    members = table_members(inst, seat)
    tables = tuple(
        TableResult(t.id, t.theme, tuple(inst.people[i].id for i in people))
        for t, people in zip(inst.tables, members, strict=True)
    )
    metrics = metrics_of(inst, seat, parts, checks, bound)
    assignment = {inst.people[i].id: inst.tables[t].id for i, t in enumerate(seat) if t >= 0}
    return Result(
        status=status,
        assignment=assignment,
        tables=tables,
        score=parts.total,
        bound=bound,
        gap=metrics.gap,
        rules=checks,
        metrics=metrics,
        parts=parts,
        message=message,
        moved=moved,
    )


def _quality(status: Status, score: int, bound: int | None) -> str:
    if status == "optimal":
        return f"Optimal plan (score {score}): no plan that meets every rule scores lower."
    if bound is None:
        return f"Plan meets every rule (score {score})."
    return (
        f"Plan meets every rule (score {score}); no plan can score below {bound}, "
        "but the optimum was not proven within the time limit."
    )


def infeasible_result(inst: Instance, problems: Sequence[Violation]) -> Result:
    """No plan: every rule named in `problems` is marked broken with its fix."""
    by_rule: dict[RuleId, list[Violation]] = {}
    for problem in problems:
        by_rule.setdefault(problem.rule, []).append(problem)
    checks = tuple(
        RuleCheck(rule, False, "; ".join(v.text for v in found), violations=tuple(found))
        for rule, found in by_rule.items()
    )
    message = "No plan can meet every rule: " + "; ".join(v.text for v in problems)
    return Result(
        status="infeasible",
        assignment={},
        tables=tuple(TableResult(t.id, t.theme, ()) for t in inst.tables),
        score=None,
        bound=None,
        gap=None,
        rules=checks,
        metrics=metrics_of(inst, [-1] * len(inst.people), ScoreParts(), checks, None),
        parts=ScoreParts(),
        message=message,
    )
