"""The evening's evaluation, summarised: counts only, and nothing below a minimum.

With few answers a breakdown can point at a person ("the only Arabic answer said ..."),
so below MIN_ANSWERS nothing but the number of answers is shown (Indico warns about
this; survey tools use the same defence).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MIN_ANSWERS = 5
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
