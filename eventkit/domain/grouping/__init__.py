"""Balanced table grouping for the dialogue evening (pure domain core, no web imports).

Public API::

    solve(people, tables, settings) -> Result
    evaluate(people, tables, assignment, settings) -> Result
    add_walk_ins(people, tables, assignment, walk_ins, settings, tidy=False) -> Result

See `solve.py` for the approach (pre-check, local search, CP-SAT) and `model.py` for
the value objects.
"""

from .model import (
    ROLES,
    RULE_IDS,
    GroupingInputError,
    HouseholdMode,
    Metrics,
    Person,
    Result,
    Role,
    RuleCheck,
    RuleId,
    ScoreParts,
    Settings,
    Status,
    Table,
    TableResult,
    Violation,
    Weights,
)
from .solve import evaluate, solve
from .walkin import add_walk_ins

__all__ = [
    "ROLES",
    "RULE_IDS",
    "GroupingInputError",
    "HouseholdMode",
    "Metrics",
    "Person",
    "Result",
    "Role",
    "RuleCheck",
    "RuleId",
    "ScoreParts",
    "Settings",
    "Status",
    "Table",
    "TableResult",
    "Violation",
    "Weights",
    "add_walk_ins",
    "evaluate",
    "solve",
]
