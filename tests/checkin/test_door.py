"""Checking people in at the door; groups then follow who is present."""

from __future__ import annotations

import re

import pytest

from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services as grouping
from eventkit.models import Participant


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


def _stored(person_id: int) -> Participant:
    """The row as the database has it now (not the object this test holds)."""
    db.session.expire_all()
    found = db.session.get(Participant, person_id)
    assert found is not None
    return found


def _row(page: str, person_id: int) -> str:
    """The door list's row of one person, as the page shows it."""
    match = re.search(rf'<tr id="p{person_id}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, f"no row for participant {person_id}"
    return match.group(0)


def test_check_in_and_undo(signed_in, evening) -> None:
    person = next(p for p in evening.participants if p.role == "parent")
    url = f"/events/{evening.id}/door/{person.id}"
    checked = signed_in.post(url, data={"present": "1", "q": person.first_name})
    assert checked.status_code == 302
    assert checked.headers["Location"].endswith(f"#p{person.id}")  # back to the same row
    assert f"q={person.first_name}" in checked.headers["Location"]
    assert _stored(person.id).present
    assert _stored(person.id).checked_in_at is not None
    page = signed_in.get(f"/events/{evening.id}/door?all=1").text
    row = _row(page, person.id)
    assert 'class="present"' in row
    assert "aanwezig" in row
    assert '<strong data-count="present">1</strong>' in page

    signed_in.post(url, data={"present": "0"})
    assert not _stored(person.id).present
    page = signed_in.get(f"/events/{evening.id}/door?all=1").text
    assert "aanwezig" not in _row(page, person.id)
    assert '<strong data-count="present">0</strong>' in page
    assert (
        signed_in.post(f"/events/{evening.id}/door/999999", data={"present": "1"}).status_code
        == 404
    )


def test_checking_in_twice_stays_checked_in(signed_in, evening) -> None:
    """A retried request (a double tap) never toggles back."""
    person = next(p for p in evening.participants if p.role == "parent")
    url = f"/events/{evening.id}/door/{person.id}"
    signed_in.post(url, data={"present": "1"})
    signed_in.post(url, data={"present": "1"})
    assert _stored(person.id).present
    page = signed_in.get(f"/events/{evening.id}/door?all=1").text
    assert '<strong data-count="present">1</strong>' in page


def test_facilitators_can_work_the_door(login, make_user, evening) -> None:
    client = login(make_user("facilitator"))
    person = evening.participants[0]
    response = client.post(f"/events/{evening.id}/door/{person.id}", data={"present": "1"})
    assert response.status_code == 302
    assert _stored(person.id).present


def test_once_the_door_is_open_groups_follow_who_is_present(evening) -> None:
    present = [p for p in evening.participants if p.role == "staff"][:6]
    present += [p for p in evening.participants if p.role == "parent"][:20]
    for person in present:
        person.present = True
    db.session.commit()
    assert grouping.mode_of(evening) == "present"
    assert set(grouping.people_of(evening)) == set(present)
