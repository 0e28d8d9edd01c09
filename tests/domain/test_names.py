from __future__ import annotations

import pytest

from eventkit.domain.names import initial, short_names


@pytest.mark.parametrize(
    ("last", "expected"),
    [("Bakker", "B."), ("de Vries", "de V."), ("van der Berg", "van der B."), ("", ""),
     ("El Amrani", "El A."), ("yılmaz", "Y.")],
)  # fmt: skip
def test_initial_keeps_name_particles(last: str, expected: str) -> None:
    assert initial(last) == expected


def test_initials_only_where_first_names_repeat() -> None:
    people = [("Marieke", "Bakker"), ("Daan", "Smit"), ("marieke", "de Vries"), ("Ayşe", "")]
    assert short_names(people) == ["Marieke B.", "Daan", "marieke de V.", "Ayşe"]
