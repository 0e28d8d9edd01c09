"""The board of a big school (issue 13): people read as plain rows that say the same as the
ORM objects, many tables folded, each table's theme and size on a page of its own."""

from __future__ import annotations

import pytest

from eventkit.domain import grouping as engine
from eventkit.extensions import db
from eventkit.grouping import rows, services


@pytest.fixture
def many(grouped):
    """The grouped evening with 14 tables: more than the board shows unfolded."""
    services.add_tables(grouped, 8, 1, 8)
    return grouped


def _the_orm_way(event) -> tuple[list[engine.Person], engine.Result]:
    theme_ids = {t.id for t in event.themes}
    people = [services.to_person(p, theme_ids) for p in services.people_of(event)]
    known = {p.id for p in people}
    plan = {p: t for p, t in services.assignment_of(event).items() if p in known}
    tables = [services.to_table(t) for t in event.tables]
    return people, engine.evaluate(people, tables, plan, services.settings_of(event, people))


def test_rows_say_who_comes_as_the_orm_objects_do(grouped) -> None:
    theme_ids = {t.id for t in grouped.themes}
    people, _result = _the_orm_way(grouped)
    from_rows = rows.expected(rows.meeting(grouped.id))
    assert [services.engine_person(p, theme_ids) for p in from_rows] == people
    assert any(p.role == "student" for p in from_rows), "pupils who come along are there"


def test_rows_say_who_is_present_once_the_door_is_open(grouped) -> None:
    present = [p for p in grouped.participants if p.role != "staff"][:5]
    for person in present:
        person.present = True
    db.session.commit()
    assert [p.id for p in rows.expected(rows.meeting(grouped.id))] == [
        p.id for p in services.people_of(grouped)
    ]
    assert services.board(grouped).mode == "present"


def test_the_board_scores_the_plan_as_the_engine_does_from_orm_objects(grouped) -> None:
    person = next(p for p in services.people_of(grouped) if p.role == "parent")
    other = next(t for t in grouped.tables if t.id != services.seat_of(grouped, person.id).table_id)
    services.move(grouped, person.id, other.id)
    services.set_pinned(grouped, person.id, True)
    _people, expected = _the_orm_way(grouped)
    board = services.board(grouped)
    assert board.result is not None
    assert board.result.score == expected.score
    assert board.result.metrics == expected.metrics
    assert [(r.rule, r.ok) for r in board.result.rules] == [(r.rule, r.ok) for r in expected.rules]
    seated = {m.person.id: m for view in board.tables for m in view.members}
    assert seated[person.id].pinned
    assert sum(len(v.members) for v in board.tables) == len(services.assignment_of(grouped))


def test_a_few_tables_are_changed_in_the_list_on_the_board(signed_in, grouped) -> None:
    page = signed_in.get(f"/events/{grouped.id}/tables").text
    table = grouped.tables[0]
    assert f'name="t{table.id}-min_size"' in page
    assert f'href="/events/{grouped.id}/tables/{table.id}"' not in page
    assert "<details>" not in page


def test_many_tables_fold_and_each_links_to_its_own_page(signed_in, english, many) -> None:
    page = signed_in.get(f"/events/{many.id}/tables").text
    for table in many.tables:
        assert f'href="/events/{many.id}/tables/{table.id}"' in page
        assert f'name="t{table.id}-min_size"' not in page
    assert "<details>" in page
    assert 'Theme and size<span class="visually-hidden"> (Table 14)' in page
    assert page.count('name="table_id"') == 1  # the hidden drop form of drag and drop


def test_the_page_of_a_table_saves_it(signed_in, english, many) -> None:
    table = many.tables[-1]
    url = f"/events/{many.id}/tables/{table.id}"
    page = signed_in.get(url).text
    assert f"Table {table.number}" in page and f'name="t{table.id}-max_size"' in page
    data = {f"t{table.id}-theme_id": "0", f"t{table.id}-min_size": "3",
            f"t{table.id}-max_size": "7"}  # fmt: skip
    response = signed_in.post(url, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{many.id}/tables#table-{table.id}")
    assert (table.theme_id, table.min_size, table.max_size) == (None, 3, 7)


def test_a_wrong_size_is_said_at_the_field(signed_in, english, many) -> None:
    table = many.tables[-1]
    url = f"/events/{many.id}/tables/{table.id}"
    data = {f"t{table.id}-theme_id": "0", f"t{table.id}-min_size": "9",
            f"t{table.id}-max_size": "3"}  # fmt: skip
    response = signed_in.post(url, data=data)
    assert response.status_code == 200
    assert "At most cannot be less than at least" in response.text
    assert 'aria-invalid="true"' in response.text
    assert table.max_size == 8


def test_facilitators_see_the_board_but_change_no_table(login, make_user, many) -> None:
    client = login(make_user("facilitator"))
    page = client.get(f"/events/{many.id}/tables").text
    assert "draggable" not in page and "/move" not in page
    assert f'href="/events/{many.id}/tables/{many.tables[0].id}"' not in page
    assert client.get(f"/events/{many.id}/tables/{many.tables[0].id}").status_code == 403
