"""Aftercare rules without a database: progress per status, names in notes, reminders.

Decidim's accountability gives each status a default progress; a note that names a person
must not reach the public page unedited (NHS "you said, we did" removes anything that
identifies staff or patients); owners and coordinators are reminded on fixed days.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property


class ActionState(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_ADOPTED = "not_adopted"


DEFAULT_PROGRESS = {
    ActionState.PLANNED: 0,
    ActionState.IN_PROGRESS: 50,
    ActionState.DONE: 100,
    ActionState.NOT_ADOPTED: 0,
}
# Actions in these states need no more work, so their owners get no reminders.
FINISHED = (ActionState.DONE, ActionState.NOT_ADOPTED)
OWNER_NOTICE = timedelta(days=7)
COORDINATOR_REMINDER_DAYS = (7, 14)
UPDATE_MAIL_INTERVAL = timedelta(days=7)
REMINDER_WINDOW = timedelta(days=7)
SHORTEST_NAME = 2  # one-letter "names" (initials) would match everywhere


class AftercareError(ValueError):
    """A change that breaks an aftercare rule; `code` says which (for the form)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def default_progress(status: str) -> int:
    return DEFAULT_PROGRESS[ActionState(status)]


def check_status(status: str, reason: str) -> None:
    """A known status, and "not adopted" only with the reason parents will read."""
    try:
        state = ActionState(status)
    except ValueError as error:
        raise AftercareError("status", f"unknown status {status!r}") from error
    if state is ActionState.NOT_ADOPTED and not reason.strip():
        raise AftercareError("reason", "a reason is needed when an action is not adopted")


def clamp_progress(value: int) -> int:
    return max(0, min(100, value))


# --- names in notes ------------------------------------------------------------------------


def name_parts(full_names: Iterable[tuple[str, str]]) -> Names:
    """The first and last names to look for, each once, longest first (so "de Vries" is
    found as a whole before anything shorter). Particles alone ("de", "van") are not names."""
    found: set[str] = set()
    for first, last in full_names:
        for part in (first, last):
            clean = " ".join(part.split())
            if len(clean) >= SHORTEST_NAME:
                found.add(clean.casefold())
    return Names(sorted(found, key=lambda n: (-len(n), n)))


WORD = re.compile(r"\w+")


class Names(tuple[str, ...]):
    """Names to look for (lower case), in order, with an index by first word: a note is
    then checked against the few names whose first word it contains, not against all of
    them (issue 13: 5000 names of a big meeting for each of its 100 notes)."""

    @cached_property
    def _index(self) -> tuple[dict[str, list[int]], list[int]]:
        """Positions of names by their first word; names with other characters than
        letters and digits (O'Brien, Jean-Luc) are checked for every text."""
        by_word: dict[str, list[int]] = {}
        others: list[int] = []
        for position, name in enumerate(self):
            words = name.split()
            if words and all(WORD.fullmatch(word) for word in words):
                by_word.setdefault(words[0], []).append(position)
            else:
                others.append(position)
        return by_word, others

    def candidates(self, haystack: str) -> list[str]:
        """The names that may occur in `haystack` (lower case), in order. A name of whole
        words can only match where its first word is a whole word of the text."""
        by_word, others = self._index
        found = set(others)
        for word in set(WORD.findall(haystack)):
            found.update(by_word.get(word, ()))
        return [self[position] for position in sorted(found)]


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """The names (lower case) that occur in `text` as whole words, case-insensitively."""
    haystack = text.casefold()
    hits = []
    for name in names.candidates(haystack) if isinstance(names, Names) else names:
        # Every word of the name must be in the text for the pattern to match: checking
        # that first spares compiling thousands of patterns (issue 13: 5000 names a note).
        if not all(word in haystack for word in name.split()):
            continue
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
        if re.search(pattern, haystack):
            hits.append(name)
    return hits


# --- reminders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionFacts:
    status: str
    target_date: date | None
    last_update: date | None
    reminded_before: bool
    reminded_overdue: bool


def owner_reminder(action: ActionFacts, today: date) -> str | None:
    """Which mail the owner gets today: "before" (a week before the target date),
    "overdue" (the target date passed and nothing was reported in the week before it),
    or None. Each at most once per target date."""
    if action.target_date is None or ActionState(action.status) in FINISHED:
        return None
    target = action.target_date
    if today > target:
        quiet = action.last_update is None or action.last_update < target - OWNER_NOTICE
        return "overdue" if quiet and not action.reminded_overdue else None
    if today >= target - OWNER_NOTICE and not action.reminded_before:
        return "before"
    return None


def coordinator_reminder(
    evening: date, today: date, published: bool, reminders_sent: int
) -> int | None:
    """The number (1, 2) of the "nothing published yet" reminder due today, or None.

    A reminder is only sent in the week after its day: a meeting held long before this
    feature existed gets no late reminders, and one found on day 15 gets the second only.
    """
    if published:
        return None
    days = [d for d in COORDINATOR_REMINDER_DAYS if evening + timedelta(days=d) <= today]
    if len(days) <= reminders_sent:
        return None
    if today >= evening + timedelta(days=days[-1]) + REMINDER_WINDOW:
        return None
    return len(days)


def update_mail_allowed(last_mail: datetime | None, now: datetime) -> bool:
    """Parents get at most one update mail a week."""
    return last_mail is None or now - last_mail >= UPDATE_MAIL_INTERVAL


# --- closing the meeting -------------------------------------------------------------------


@dataclass(frozen=True)
class ClosingFacts:
    held: bool
    present: int
    notes: int
    unreviewed: int
    flagged_public: int
    actions: int
    published: bool
    status: str


@dataclass(frozen=True)
class Step:
    key: str
    done: bool


def closing_steps(facts: ClosingFacts) -> list[Step]:
    """The coordinator's checklist after the evening, in order."""
    return [
        Step("held", facts.held),
        Step("attendance", facts.present > 0),
        Step("notes", facts.notes > 0 and facts.unreviewed == 0 and facts.flagged_public == 0),
        Step("actions", facts.actions > 0),
        Step("published", facts.published),
        Step("closed", facts.status == "closed"),
    ]


def next_step(steps: list[Step]) -> str | None:
    return next((step.key for step in steps if not step.done), None)
