"""The evaluation charts of the report are drawn once per content (issue 13)."""

from __future__ import annotations

from eventkit.exports import charts


def test_the_same_chart_is_drawn_once_and_a_different_one_anew() -> None:
    first = charts.bar_chart(["Ja", "Misschien", "Nee"], [3, 1, 0], "Nog eens?", "Aantal")
    before = charts._drawn.cache_info()
    again = charts.bar_chart(("Ja", "Misschien", "Nee"), (3, 1, 0), "Nog eens?", "Aantal")
    other = charts.bar_chart(["Ja", "Misschien", "Nee"], [3, 2, 0], "Nog eens?", "Aantal")
    after = charts._drawn.cache_info()
    assert first.startswith(b"\x89PNG") and again == first and other != first
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 1)
