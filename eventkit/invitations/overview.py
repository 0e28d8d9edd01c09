"""The response overview of the action team, counted from the households and their answers.

A household with children in two classes counts in both classes (and years), once in
the total. Needs count for households that come or may come; the questions parents
bring in count from every answer, also from those who cannot come.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..models import Answer, Event, Household, Response, Theme
from .data import HouseholdRow, ResponseRow, household_rows, with_carers

#: a household as an ORM object (the exports) or as plain columns (the pages)
AnyHousehold = Household | HouseholdRow

COMING = (Answer.YES.value, Answer.MAYBE.value)
RANK_POINTS = (3, 2, 1)  # a first choice weighs three, a third one


@dataclass
class Tally:
    invited: int = 0
    answered: int = 0
    yes: int = 0
    no: int = 0
    maybe: int = 0
    adults_yes: int = 0
    adults_maybe: int = 0
    pupils_yes: int = 0

    @property
    def open(self) -> int:
        return self.invited - self.answered

    def add(self, response: Response | ResponseRow | None) -> None:
        self.invited += 1
        if response is None:
            return
        self.answered += 1
        if response.answer == Answer.YES.value:
            self.yes += 1
            self.adults_yes += response.adults
            self.pupils_yes += int(response.pupil_comes)
        elif response.answer == Answer.MAYBE.value:
            self.maybe += 1
            self.adults_maybe += response.adults
        else:
            self.no += 1


@dataclass(frozen=True)
class Need:
    who: str
    classes: str
    answer: str
    text: str


@dataclass(frozen=True)
class Question:
    """A parent's question with who asked (to follow up) and the language it is in (the
    language the parent answered in)."""

    text: str
    who: str
    classes: str
    language: str


@dataclass(frozen=True)
class ThemeVotes:
    title: str
    first: int
    points: int


@dataclass
class Overview:
    total: Tally = field(default_factory=Tally)
    by_class: list[tuple[str, Tally]] = field(default_factory=list)
    by_year: list[tuple[str, Tally]] = field(default_factory=list)
    interpreters: list[tuple[str, int, int]] = field(default_factory=list)  # code, yes, maybe
    childcare: int = 0
    accessibility: list[Need] = field(default_factory=list)
    questions: list[tuple[Theme | None, list[Question]]] = field(default_factory=list)
    themes: list[ThemeVotes] = field(default_factory=list)


def household_name(household: AnyHousehold) -> str:
    """The carers' names, or the children's when no carer is known."""
    carers = [c.name for c in household.carers if c.name]
    if carers:
        return ", ".join(carers)
    return pupil_names(household) or "—"


def pupil_names(household: AnyHousehold) -> str:
    return ", ".join(f"{p.first_name} {p.last_name}".strip() for p in household.pupils)


def classes_of(household: AnyHousehold) -> str:
    return ", ".join(sorted({p.class_name for p in household.pupils if p.class_name}))


def build(households: Sequence[AnyHousehold], themes: Sequence[Theme]) -> Overview:
    overview = Overview()
    by_class: dict[str, Tally] = defaultdict(Tally)
    by_year: dict[str, Tally] = defaultdict(Tally)
    for household in households:
        overview.total.add(household.response)
        for name in {p.class_name for p in household.pupils} or {""}:
            by_class[name].add(household.response)
        for year in {p.year for p in household.pupils} or {""}:
            by_year[year].add(household.response)
    overview.by_class = sorted(by_class.items(), key=lambda kv: _natural(kv[0]))
    overview.by_year = sorted(by_year.items(), key=lambda kv: _natural(kv[0]))
    answered = [h for h in households if h.response is not None]
    _needs(overview, answered)
    overview.questions = _questions(answered, themes)
    overview.themes = _theme_votes([h.response for h in answered if h.response], themes)
    return overview


def of_event(event: Event) -> Overview:
    """The overview of a meeting from plain rows; only the households whose needs or
    questions are listed by name are asked for their carers."""
    households = household_rows(event, carers=False)
    named = {h.id: h for h in with_carers([h for h in households if _listed(h)])}
    return build([named.get(h.id, h) for h in households], event.themes)


def _listed(household: HouseholdRow) -> bool:
    response = household.response
    return response is not None and bool(
        response.question.strip() or response.accessibility.strip()
    )


def _natural(name: str) -> tuple[int, int, str]:
    """'2A' before '10B'; the class-less last."""
    digits = "".join(c for c in name if c.isdigit())
    return (not name, int(digits) if digits else 0, name)


def _needs(overview: Overview, households: Iterable[AnyHousehold]) -> None:
    yes: Counter[str] = Counter()
    maybe: Counter[str] = Counter()
    for household in households:
        response = household.response
        assert response is not None
        if response.answer not in COMING:
            continue
        if response.interpreter:
            counter = yes if response.answer == Answer.YES.value else maybe
            counter[response.interpreter_language or "?"] += 1
        overview.childcare += int(response.childcare)
        if response.accessibility.strip():
            classes = classes_of(household)
            need = Need(household_name(household), classes, response.answer, response.accessibility)
            overview.accessibility.append(need)
    codes = sorted(set(yes) | set(maybe), key=lambda c: (-(yes[c] + maybe[c]), c))
    overview.interpreters = [(code, yes[code], maybe[code]) for code in codes]


def _questions(
    households: Iterable[AnyHousehold], themes: Sequence[Theme]
) -> list[tuple[Theme | None, list[Question]]]:
    """Questions grouped by the theme the household put first (no preference last)."""
    known: Mapping[int, Theme] = {t.id: t for t in themes}
    groups: dict[int | None, list[Question]] = defaultdict(list)
    for household in households:
        response = household.response
        assert response is not None
        if not response.question.strip():
            continue
        first = next((t for t in response.themes or [] if t in known), None)
        who, classes = household_name(household), classes_of(household)
        groups[first].append(Question(response.question.strip(), who, classes, response.language))
    ordered: list[tuple[Theme | None, list[Question]]] = [
        (theme, groups[theme.id]) for theme in themes if groups.get(theme.id)
    ]
    if groups.get(None):
        ordered.append((None, groups[None]))
    return ordered


def _theme_votes(
    responses: Iterable[Response | ResponseRow], themes: Sequence[Theme]
) -> list[ThemeVotes]:
    first: Counter[int] = Counter()
    points: Counter[int] = Counter()
    for response in responses:
        for rank, theme_id in enumerate((response.themes or [])[: len(RANK_POINTS)]):
            points[theme_id] += RANK_POINTS[rank]
            first[theme_id] += int(rank == 0)
    return [ThemeVotes(t.title, first[t.id], points[t.id]) for t in themes]
