from __future__ import annotations

import pytest

from eventkit.domain.evaluation import Answer, summarize


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
