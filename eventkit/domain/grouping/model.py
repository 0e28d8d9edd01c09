"""Value objects of the table-grouping engine.

Everything here is an immutable value: people and tables go in, a `Result` comes out.
Ids are strings chosen by the caller (database ids or CSV ids); the engine never
invents them. A plan is a mapping person id -> table id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["parent", "staff", "student"]
ROLES: tuple[Role, ...] = ("parent", "staff", "student")
HouseholdMode = Literal["together", "apart"]
Status = Literal["optimal", "feasible", "infeasible", "invalid"]
RuleId = Literal[
    "everyone_seated",
    "table_size",
    "facilitator",
    "households",
    "cannot_link",
    "proportional",
    "pins",
]
RULE_IDS: tuple[RuleId, ...] = (
    "everyone_seated",
    "table_size",
    "facilitator",
    "households",
    "cannot_link",
    "proportional",
    "pins",
)


class GroupingInputError(ValueError):
    """The input itself is malformed (duplicate ids, unknown role, min > max, ...)."""


@dataclass(frozen=True)
class Person:
    """Someone present. A parent's `year` and `klass` are those of their child."""

    id: str
    name: str = ""
    role: Role = "parent"
    household: str = ""
    year: str = ""
    klass: str = ""
    language: str = ""
    themes: tuple[str, ...] = ()
    facilitator: bool = False
    mentor_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    id: str
    theme: str
    min: int
    max: int


@dataclass(frozen=True)
class Weights:
    """Weights of the soft score F (all whole numbers)."""

    preference: int = 10
    same_year: int = 3
    same_class: int = 3
    isolated_language: int = 15
    #: cost of sitting at a theme ranked 1st, 2nd, 3rd, ...
    rank_costs: tuple[int, ...] = (0, 1, 2)
    #: cost of a theme that is ranked lower than `rank_costs` covers, or not ranked at all
    unranked_cost: int = 5


@dataclass(frozen=True)
class Settings:
    households: HouseholdMode = "together"
    mentor_apart: bool = False
    #: pairs of person ids that must never share a table
    cannot_link: tuple[tuple[str, str], ...] = ()
    #: person id -> table id; pinned people are never moved by the engine
    pins: Mapping[str, str] = field(default_factory=dict)
    #: wall-clock budget of `solve` in seconds
    time_limit: float = 3.0
    weights: Weights = Weights()
    workers: int = 2
    seed: int = 0
    #: CP-SAT is used when units x tables is at most this; above it, local search only
    cpsat_max_vars: int = 6000


@dataclass(frozen=True)
class RuleCheck:
    """The status of one hard rule for one plan."""

    rule: RuleId
    ok: bool
    message: str = ""
    #: for `proportional`: the largest deviation from a fair share, in persons
    deviation: float = 0.0


@dataclass(frozen=True)
class ScoreParts:
    """The soft score F split into its terms (unweighted counts)."""

    preference: int = 0
    same_year_pairs: int = 0
    same_class_pairs: int = 0
    isolated: int = 0
    total: int = 0


@dataclass(frozen=True)
class Metrics:
    max_fair_share_deviation: float = 0.0
    first_choice_pct: float = 0.0
    top_two_pct: float = 0.0
    off_choice: int = 0
    min_year_mix: int = 0
    isolated_speakers: int = 0
    score: int | None = None
    bound: int | None = None
    gap: float | None = None


@dataclass(frozen=True)
class TableResult:
    id: str
    theme: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """A plan (possibly empty when infeasible) with its score and rule statuses.

    `status`: "optimal" (proven), "feasible" (all rules met, not proven optimal),
    "infeasible" (no plan meets every rule; `message` says why and what would fix it),
    "invalid" (a given plan breaks a rule: after a manual move or walk-ins).
    """

    status: Status
    assignment: Mapping[str, str]
    tables: tuple[TableResult, ...]
    score: int | None
    bound: int | None
    gap: float | None
    rules: tuple[RuleCheck, ...]
    metrics: Metrics
    parts: ScoreParts
    message: str = ""
    #: people moved by a walk-in "tidy up" (at most one per batch)
    moved: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(check.message for check in self.rules if not check.ok)
