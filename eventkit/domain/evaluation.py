"""The evening's evaluation, summarised: counts only, and nothing below a minimum.

With few answers a breakdown can point at a person ("the only Arabic answer said ..."),
so below MIN_ANSWERS nothing but the number of answers is shown (Indico warns about
this; survey tools use the same defence).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

MIN_ANSWERS = 5
# How long a parent may still change an answer given on this device.
CHANGE_WINDOW = timedelta(hours=1)
RATINGS = (1, 2, 3, 4, 5)
COME_AGAIN = ("yes", "maybe", "no")


@dataclass(frozen=True)
class Answer:
    rating: int
    come_again: str = ""
    good: str = ""
    better: str = ""
    free_answer: str = ""
    language: str = "nl"


@dataclass(frozen=True)
class Summary:
    count: int
    ratings: dict[int, int]  # 1..5 -> how many
    average: float
    come_again: dict[str, int]  # yes / maybe / no -> how many
    languages: dict[str, int]
    good: list[str]
    better: list[str]
    free_answers: list[str]


def summarize(answers: Iterable[Answer], minimum: int = MIN_ANSWERS) -> Summary | None:
    """The results, or None while fewer than `minimum` people answered."""
    rows = list(answers)
    if len(rows) < minimum:
        return None
    ratings = Counter(a.rating for a in rows if a.rating in RATINGS)
    again = Counter(a.come_again for a in rows if a.come_again in COME_AGAIN)
    rated = sum(ratings.values())
    average = sum(k * v for k, v in ratings.items()) / rated if rated else 0.0
    return Summary(
        count=len(rows),
        ratings={r: ratings.get(r, 0) for r in RATINGS},
        average=round(average, 1),
        come_again={c: again.get(c, 0) for c in COME_AGAIN},
        languages=dict(Counter(a.language for a in rows).most_common()),
        good=_texts(a.good for a in rows),
        better=_texts(a.better for a in rows),
        free_answers=_texts(a.free_answer for a in rows),
    )


def _texts(values: Iterable[str]) -> list[str]:
    # Sorted, so the order of the list says nothing about who answered when.
    return sorted(v.strip() for v in values if v and v.strip())


class Window(enum.StrEnum):
    """Whether parents can answer: not before the evening, not after the meeting ended."""

    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"


def window(meeting_day: date, today: date, ended: bool) -> Window:
    """Open from the meeting day on (the QR code is shown at the closing) until the meeting
    is closed or cancelled; a cancelled or closed meeting never opens."""
    if ended:
        return Window.CLOSED
    return Window.OPEN if today >= meeting_day else Window.NOT_YET


def can_change(given_at: datetime, now: datetime) -> bool:
    """A parent may change their answer for CHANGE_WINDOW after giving it (a clock that went
    back counts as within the window)."""
    return now - given_at < CHANGE_WINDOW


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Bar(Generic[K]):
    key: K
    count: int
    share: float  # of the longest bar, 0..1, so the longest bar fills the chart


def bars(counts: Mapping[K, int]) -> list[Bar[K]]:
    """Bars for a chart, in the order of `counts`; all empty when nothing was counted."""
    longest = max(counts.values(), default=0)
    return [Bar(k, n, n / longest if longest else 0.0) for k, n in counts.items()]
