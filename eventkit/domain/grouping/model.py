"""Value objects of the table-grouping engine.

Everything here is an immutable value: people and tables go in, a `Result` comes out.
Ids are strings chosen by the caller (database ids or CSV ids); the engine never
invents them. A plan is a mapping person id -> table id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Role(StrEnum):
    """Roles at the tables; rule 6 keeps their shares proportional."""

    PARENT = "parent"
    STAFF = "staff"
    STUDENT = "student"


ROLES: tuple[Role, ...] = tuple(Role)
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
    role: Role = Role.PARENT
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


#: English sentences of the violations (for logs, the command line and the result file);
#: a user interface words a violation itself from its code, ids and numbers.
VIOLATION_TEXTS: Mapping[str, str] = {
    # broken in a plan
    "unseated": "not seated: {people}",
    "size": "table {table} has {size} people (allowed {min}-{max})",
    "no_facilitator": "table {table} has no facilitator",
    "split": "household {household} is split over {count} tables",
    "together": "household {household} has members at one table",
    "sit_together": "{person} and {other} sit together at table {table}",
    "pin_moved": "{person} is pinned to table {table}",
    "share": "table {table} has {count} {role}(s), fair share {share:.1f} (off by {off:.1f})",
    # why no plan can exist, with what would fix it
    "no_tables": "there are no tables: add a table",
    "too_few_people": "the {tables} tables need at least {low} people but {people} are "
    "present: remove a table or lower the minimum sizes by {short} in total",
    "too_many_people": "the {tables} tables seat at most {high} people but {people} are "
    "present: add a table or raise the maximum sizes by {short} in total",
    "few_facilitators": "{have} facilitator(s) for {tables} tables: add {short} "
    "facilitator(s) or remove {short} table(s)",
    "household_too_big": "household {household} has {size} members but the largest table "
    "seats {largest}: raise a maximum or seat households apart",
    "household_share": "household {household} brings {count} {role}s to one table but a "
    "fair share is at most {high}: seat households apart or use larger tables",
    "household_apart": "household {household} has {size} members to seat apart but there "
    "are only {tables} tables: add tables or seat households together",
    "pins_differ": "household of {people} is pinned to different tables ({table_list}): "
    "pin them to one table or seat households apart",
    "pins_full": "{count} people are pinned to table {table}, which seats {max}: "
    "unpin someone or raise its maximum",
    "link_household": "{person} and {other} must sit apart but are one household: "
    "drop the pair or seat households apart",
    "link_pinned": "{person} and {other} must sit apart but are pinned to one table: "
    "unpin one of them",
    "unsolvable": "the solver proved that no plan meets every rule together, although each "
    "check on its own passed (table sizes in total, facilitators per table, household "
    "sizes, fair shares per household, pins). Usual causes: facilitators that cannot be "
    "spread one per table while every role keeps its fair share (e.g. small tables with "
    "only staff facilitators), cannot-link or mentor-apart pairs, households kept "
    "together. Try facilitators from another role, fewer cannot-link pairs, mentor-apart "
    "off, households apart, or wider table sizes",
    "not_found": "no plan meeting every rule was found within the time limit (none was "
    "proven impossible either): allow more time or relax a rule",
}


@dataclass(frozen=True)
class Violation:
    """One broken rule, or one reason no plan can exist: a `code` with the ids of the tables
    and people involved and the numbers that tell how, but no words, so that the web
    layer can name people and tables and say it in the user's language (`text` is the
    English sentence, for logs and the command line)."""

    rule: RuleId
    code: str
    tables: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    #: not part of the hash, so a violation (and its `RuleCheck`) stays hashable
    numbers: Mapping[str, int | float] = field(default_factory=dict, hash=False)
    role: Role | None = None
    household: str = ""

    @property
    def text(self) -> str:
        people, tables = self.people, self.tables
        words: dict[str, object] = {
            "people": ", ".join(people),
            "person": people[0] if people else "",
            "other": people[1] if len(people) > 1 else "",
            "table": tables[0] if tables else "",
            "table_list": ", ".join(tables),
            "role": self.role or "",
            "household": self.household,
        }
        return VIOLATION_TEXTS[self.code].format(**(words | dict(self.numbers)))


@dataclass(frozen=True)
class RuleCheck:
    """The status of one hard rule for one plan."""

    rule: RuleId
    ok: bool
    message: str = ""
    #: for `proportional`: the largest deviation from a fair share, in persons
    deviation: float = 0.0
    #: what exactly is broken (empty when the rule is met)
    violations: tuple[Violation, ...] = ()


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
