"""Realistic generated evenings, for demos, tests and the benchmark.

An evening has 30-60 parents in households of one or two (two parents of one child share
year, class and language), 8-15 staff of whom a few more than the tables facilitate,
some students, 4-8 tables over 3-6 themes, eight school years with classes A and B and
several home languages. The same seed gives the same evening.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .model import Person, Role, Table

YEARS = tuple(str(y) for y in range(1, 9))
CLASSES = tuple(y + c for y in YEARS for c in "AB")
LANGUAGES = ("nl",) * 12 + ("tr",) * 3 + ("ar",) * 3 + ("pl",) * 2 + ("uk", "en", "so", "ti")
THEMES = ("attendance", "homework", "contact", "wellbeing", "bullying", "screen-time")


@dataclass(frozen=True)
class Evening:
    people: tuple[Person, ...]
    tables: tuple[Table, ...]


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # nosec B311 # made-up examples, repeatable by seed
        self.themes = THEMES[: self.rng.randint(3, 6)]
        self.popular = [self.rng.uniform(0.5, 2.0) for _ in self.themes]

    def ranking(self) -> tuple[str, ...]:
        if self.rng.random() < 0.15:
            return ()
        wanted = min(self.rng.choice([1, 2, 3, 3, 3]), len(self.themes))
        ranked: list[str] = []
        while len(ranked) < wanted:
            theme = self.rng.choices(self.themes, self.popular)[0]
            if theme not in ranked:
                ranked.append(theme)
        return tuple(ranked)

    def parents(self, count: int) -> list[Person]:
        people: list[Person] = []
        family = 0
        while len(people) < count:
            family += 1
            year = self.rng.choice(YEARS)
            klass, language = year + self.rng.choice("AB"), self.rng.choice(LANGUAGES)
            size = 2 if self.rng.random() < 0.35 and count - len(people) >= 2 else 1
            people += [
                Person(
                    id=f"p{family}-{member}",
                    name=f"Parent {family}.{member}",
                    role=Role.PARENT,
                    household=f"h{family}" if size > 1 else "",
                    year=year,
                    klass=klass,
                    language=language,
                    themes=self.ranking(),
                )
                for member in range(size)
            ]
        return people

    def staff(self, count: int, leaders: int) -> list[Person]:
        return [
            Person(
                id=f"s{i}",
                name=f"Staff {i}",
                role=Role.STAFF,
                language="nl",
                themes=self.ranking(),
                facilitator=i < leaders,
                mentor_of=(self.rng.choice(CLASSES),) if self.rng.random() < 0.6 else (),
            )
            for i in range(count)
        ]

    def students(self, count: int) -> list[Person]:
        people = []
        for i in range(count):
            year = self.rng.choice(YEARS[4:])
            people.append(
                Person(
                    id=f"l{i}",
                    name=f"Student {i}",
                    role=Role.STUDENT,
                    year=year,
                    klass=year + self.rng.choice("AB"),
                    language=self.rng.choice(LANGUAGES),
                    themes=self.ranking(),
                )
            )
        return people

    def tables(self, count: int, everyone: int) -> list[Table]:
        mean = everyone / count
        low, high = max(2, int(mean) - 3), int(mean) + 4
        return [
            Table(f"t{i + 1}", self.themes[i % len(self.themes)], low, high) for i in range(count)
        ]


def evening(seed: int, scale: float = 1.0, tables: int | None = None) -> Evening:
    """A realistic evening; `scale` multiplies the head counts (and, unless given, tables)."""
    maker = _Maker(seed)
    rng = maker.rng
    n_tables = tables or max(1, round(rng.randint(4, 8) * scale))
    parents = round(rng.randint(30, 60) * scale)
    staff = max(n_tables + 1, round(rng.randint(8, 15) * scale))
    leaders = min(staff, n_tables + rng.randint(0, 2))
    people = maker.parents(parents) + maker.staff(staff, leaders)
    people += maker.students(round(rng.randint(0, 8) * scale))
    return Evening(tuple(people), tuple(maker.tables(n_tables, len(people))))


def sized_evening(seed: int, people: int, tables: int) -> Evening:
    """An evening of about `people` people (never more) at `tables` tables."""
    ev = evening(seed, scale=people / 60, tables=tables)
    return Evening(ev.people[:people], ev.tables)
