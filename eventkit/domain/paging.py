"""Long lists in pages and by initial, so a page of a school of 2000 families stays small
and fast (issue 13) and works without JavaScript: every page and letter is a plain link."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

PER_PAGE = 100
OTHER = "#"  # the initial of a name that starts with no letter A-Z


@dataclass(frozen=True)
class Page:
    """Which slice of a list is shown: `number` (from 1) of `pages`, rows `first`-`last`."""

    number: int
    pages: int
    total: int
    per_page: int

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def first(self) -> int:
        """The position (from 1) of the first row shown, 0 when there is none."""
        return self.start + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.start + self.per_page, self.total)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None

    def numbers(self, around: int = 2) -> list[int | None]:
        """The page numbers to link: the first, the last and those near this one; None
        where numbers are left out (shown as an ellipsis)."""
        wanted = {1, self.pages, *range(self.number - around, self.number + around + 1)}
        shown = sorted(n for n in wanted if 1 <= n <= self.pages)
        result: list[int | None] = []
        for index, number in enumerate(shown):
            if index and number - shown[index - 1] > 1:
                result.append(None)
            result.append(number)
        return result

    def of(self, items: Sequence[T]) -> list[T]:
        """This page's rows of the whole (sorted) list."""
        return list(items[self.start : self.last])


def page(total: int, asked: object, per_page: int = PER_PAGE) -> Page:
    """The page asked for (a query-string value, perhaps junk), kept within the list."""
    pages = max(1, -(-total // per_page))
    try:
        number = int(str(asked))
    except ValueError:
        number = 1
    return Page(min(max(number, 1), pages), pages, total, per_page)


def initial(name: str) -> str:
    """The letter a name is filed under: its first letter without accents (Özil under O),
    or OTHER for a name that starts with anything but A-Z."""
    plain = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode()
    letter = plain[:1].upper()
    return letter if "A" <= letter <= "Z" else OTHER


def initials(names: Iterable[str]) -> list[tuple[str, int]]:
    """Each initial that occurs, in order, with how many names it has."""
    counts: dict[str, int] = {}
    for name in names:
        letter = initial(name)
        counts[letter] = counts.get(letter, 0) + 1
    return sorted(counts.items(), key=lambda item: (item[0] == OTHER, item[0]))
