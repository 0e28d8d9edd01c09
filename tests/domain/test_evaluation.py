from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from eventkit.domain.evaluation import Answer, Window, bars, can_change, summarize, window


def answers(n: int) -> list[Answer]:
    return [
        Answer(rating=1 + i % 5, come_again=("yes", "no")[i % 2], good=f"g{n - i}")
        for i in range(n)
    ]


@pytest.mark.parametrize("count", [0, 1, 4])
def test_nothing_is_shown_below_five_answers(count: int) -> None:
    assert summarize(answers(count)) is None


def test_five_answers_give_counts_and_an_average() -> None:
    summary = summarize(answers(5))
    assert summary is not None
    assert summary.count == 5
    assert summary.ratings == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}
    assert summary.average == 3.0
    assert summary.come_again == {"yes": 3, "maybe": 0, "no": 2}


def test_texts_are_sorted_so_order_reveals_nothing() -> None:
    summary = summarize(answers(6))
    assert summary is not None
    assert summary.good == sorted(summary.good)
    assert summary.better == []


def test_the_form_opens_on_the_meeting_day_and_closes_with_the_meeting() -> None:
    day = date(2027, 3, 11)
    assert window(day, day - timedelta(days=1), ended=False) is Window.NOT_YET
    assert window(day, day, ended=False) is Window.OPEN
    assert window(day, day + timedelta(days=10), ended=False) is Window.OPEN
    assert window(day, day, ended=True) is Window.CLOSED
    assert window(day, day - timedelta(days=1), ended=True) is Window.CLOSED


@pytest.mark.parametrize(
    ("minutes", "allowed"), [(0, True), (59, True), (60, False), (61, False), (-5, True)]
)
def test_an_answer_can_be_changed_for_an_hour(minutes: int, allowed: bool) -> None:
    given = datetime(2027, 3, 11, 21, 0)
    assert can_change(given, given + timedelta(minutes=minutes)) is allowed


def test_bars_are_shares_of_the_longest() -> None:
    found = bars({1: 0, 2: 2, 3: 4})
    assert [(b.key, b.count, b.share) for b in found] == [(1, 0, 0.0), (2, 2, 0.5), (3, 4, 1.0)]
    assert [b.share for b in bars({"yes": 0, "no": 0})] == [0.0, 0.0]
    assert bars({}) == []
