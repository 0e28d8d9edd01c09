"""Checking people in at the door; groups then follow who is present."""

from __future__ import annotations

import pytest

from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services as grouping


@pytest.fixture
def evening(make_event):
    event = make_event()
    add_demo_people(event)
    db.session.commit()
    return event


def test_the_door_lists_who_is_expected(signed_in, english, evening) -> None:
    page = signed_in.get(f"/events/{evening.id}/door").text
    no = next(h for h in evening.households if h.response and h.response.answer == "no")
    assert no.carers[0].name not in page
    assert '<strong data-count="present">0</strong>' in page
    everyone = signed_in.get(f"/events/{evening.id}/door?all=1").text
    assert no.carers[0].name in everyone


def test_search_finds_a_parent_by_the_childs_name(signed_in, evening) -> None:
    household = next(h for h in evening.households if h.response and h.response.answer == "yes")
    child = household.pupils[0].first_name
    page = signed_in.get(f"/events/{evening.id}/door", query_string={"q": child.lower()}).text
    assert household.carers[0].name in page


def test_check_in_and_undo(signed_in, evening) -> None:
    person = next(p for p in evening.participants if p.role == "parent")
    url = f"/events/{evening.id}/door/{person.id}"
    assert signed_in.post(url, data={"present": "1"}).status_code == 302
    assert person.present
    signed_in.post(url, data={"present": "0"})
    assert not person.present
    assert (
        signed_in.post(f"/events/{evening.id}/door/999999", data={"present": "1"}).status_code
        == 404
    )


def test_facilitators_can_work_the_door(login, make_user, evening) -> None:
    client = login(make_user("facilitator"))
    person = evening.participants[0]
    client.post(f"/events/{evening.id}/door/{person.id}", data={"present": "1"})
    assert person.present


def test_once_the_door_is_open_groups_follow_who_is_present(evening) -> None:
    present = [p for p in evening.participants if p.role == "staff"][:6]
    present += [p for p in evening.participants if p.role == "parent"][:20]
    for person in present:
        person.present = True
    db.session.commit()
    assert grouping.mode_of(evening) == "present"
    assert set(grouping.people_of(evening)) == set(present)
