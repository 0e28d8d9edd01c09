from __future__ import annotations

import pytest

from eventkit.domain.headcount import Reply, headcount


@pytest.mark.parametrize(
    ("replies", "staff", "expected", "maybe_people"),
    [
        ([], 0, 0, 0),
        ([Reply(None)], 3, 3, 0),
        ([Reply("yes", adults=2)], 0, 2, 0),
        ([Reply("yes", adults=1, pupils=2)], 1, 4, 0),
        ([Reply("maybe", adults=2, pupils=1)], 0, 0, 3),
        ([Reply("no", adults=2)], 0, 0, 0),
        ([Reply("yes", adults=2), Reply("maybe"), Reply("no"), Reply(None)], 5, 7, 1),
    ],
)
def test_expected_is_yes_adults_plus_their_pupils_plus_staff(
    replies: list[Reply], staff: int, expected: int, maybe_people: int
) -> None:
    count = headcount(replies, staff)
    assert count.expected == expected
    assert count.maybe_people == maybe_people


def test_answers_are_counted_by_kind() -> None:
    count = headcount([Reply("yes"), Reply("maybe"), Reply("no"), Reply(None)], 0, present=2)
    assert (count.invited, count.answered, count.open) == (4, 3, 1)
    assert (count.yes, count.maybe, count.no, count.present) == (1, 1, 1, 2)
