"""Regressions found while wiring the engine into the app."""

from __future__ import annotations

import pytest

from eventkit.domain.grouping import Person, Settings, Table, solve

pytestmark = pytest.mark.slow  # the grouping solver


def test_a_pinned_person_of_a_unique_shape_does_not_break_the_search() -> None:
    # The one student is the only unit of its shape; pinning it used to crash the
    # annealer, which looked up a same-shape swap partner for every unit.
    people = [Person(f"p{i}", role="parent", year=str(i % 3)) for i in range(8)]
    people += [Person(f"s{i}", role="staff", facilitator=True) for i in range(2)]
    people += [Person("kid", role="student")]
    tables = [Table("a", "x", 3, 7), Table("b", "y", 3, 7)]
    result = solve(people, tables, Settings(pins={"kid": "b"}, time_limit=1.0))
    assert result.status in ("optimal", "feasible")
    assert result.assignment["kid"] == "b"
