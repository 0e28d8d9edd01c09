"""Moving one person without JavaScript: a "Move…" link per person, the tables on a page
of their own (issue 13: a list of every table beside every person made 5 MB of HTML)."""

from __future__ import annotations

from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services


def test_the_board_has_a_move_link_per_person_and_no_list_of_tables(signed_in, grouped) -> None:
    page = signed_in.get(f"/events/{grouped.id}/tables").text
    person = next(p for p in services.people_of(grouped) if p.role == "parent")
    assert f'href="/events/{grouped.id}/tables/person/{person.id}/move"' in page
    assert page.count('name="table_id"') == 1  # the hidden drop form of drag and drop


def test_the_move_page_lists_each_table_with_its_count_and_moves(
    signed_in, english, grouped
) -> None:
    person = next(p for p in services.people_of(grouped) if p.role == "parent")
    here = services.seat_of(grouped, person.id).table
    target = next(t for t in grouped.tables if t.id != here.id)
    url = f"/events/{grouped.id}/tables/person/{person.id}/move"
    page = signed_in.get(url).text
    assert f"Move {person.name}" in page and "sits here now" in page
    assert page.count('name="table_id"') == len(grouped.tables) - 1
    assert f"{len(target.seats)} / {target.max_size}" in page
    response = signed_in.post(url, data={"table_id": target.id})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/tables#person-{person.id}")
    db.session.expire_all()
    assert services.seat_of(grouped, person.id).table_id == target.id


def test_a_table_of_another_meeting_is_refused_at_the_field(
    signed_in, english, grouped, make_event
) -> None:
    other = make_event()
    foreign = services.add_tables(other, 1, 2, 6)[0]
    person = next(p for p in services.people_of(grouped) if p.role == "parent")
    url = f"/events/{grouped.id}/tables/person/{person.id}/move"
    response = signed_in.post(url, data={"table_id": foreign.id})
    assert response.status_code == 200 and "Not a valid choice" in response.text
    response = signed_in.post(url, data={"table_id": "x"})
    assert response.status_code == 200


def test_a_person_of_another_meeting_is_not_found(signed_in, grouped, make_event) -> None:
    other = make_event()
    add_demo_people(other)
    db.session.commit()
    stranger = other.participants[0]
    assert (
        signed_in.get(f"/events/{grouped.id}/tables/person/{stranger.id}/move").status_code == 404
    )
