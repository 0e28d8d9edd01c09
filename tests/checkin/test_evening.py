"""The evening at the door and the tables, in every state the app allows: no 500, one
headcount, table numbers at the door, scanning an invitation, walk-ins, regrouping and the
big screen."""

from __future__ import annotations

import re

import pytest

from eventkit.checkin import services as door
from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services as grouping
from eventkit.models import Participant
from tests.factories import ParticipantFactory


@pytest.fixture
def evening(make_event):
    event = make_event()
    add_demo_people(event)
    db.session.commit()
    return event


def _yes_parents(event) -> list[Participant]:
    return [
        p
        for h in event.households
        if h.response and h.response.answer == "yes"
        for p in h.carers
        if p.role == "parent"
    ]


def _stayed_home(event) -> Participant:
    """A parent whose household said yes (so they got a seat) and who never came."""
    return _yes_parents(event)[-1]


def test_tables_page_survives_checkins_while_an_absent_parent_is_pinned(
    signed_in, english, evening
) -> None:
    """The crash of issue 8, step by step: groups made, a parent who will stay home pinned,
    two people checked in at the door; the Tables page answered 500."""
    base = f"/events/{evening.id}"
    assert signed_in.post(f"{base}/tables/make").status_code == 302
    home = _stayed_home(evening)
    assert signed_in.post(f"{base}/tables/pin", data={"participant_id": home.id, "pinned": "1"})
    arrivals = [p for p in evening.participants if p.role == "staff"][:1] + _yes_parents(evening)[
        :1
    ]
    for person in arrivals:
        assert signed_in.post(f"{base}/door/{person.id}", data={"present": "1"}).status_code == 302
    page = signed_in.get(f"{base}/tables")
    assert page.status_code == 200
    assert home.name in page.text and "they are left out" in page.text
    # The page's own ways out work too: unpin, a walk-in, make again, clear.
    assert signed_in.post(f"{base}/tables/pin", data={"participant_id": home.id, "pinned": "0"})
    walk = {"w-first_name": "Late", "w-role": "parent", "w-language": "nl"}
    assert signed_in.post(f"{base}/tables/walk-in", data=walk).status_code == 302
    assert signed_in.post(f"{base}/tables/make").status_code == 302
    assert signed_in.get(f"{base}/tables").status_code == 200
    assert signed_in.post(f"{base}/tables/clear").status_code == 302


def test_one_headcount_on_every_page(signed_in, evening) -> None:
    count = door.count_of(evening)
    assert count.expected == count.adults + count.pupils + count.staff > 0
    base = f"/events/{evening.id}"
    overview = signed_in.get(base).text
    assert re.search(rf'data-figure="expected">{count.expected}\b', overview)
    responses = signed_in.get(f"{base}/responses").text
    assert re.search(rf'data-testid="expected">{count.expected}<', responses)
    for page in (f"{base}/door", f"{base}/tables"):
        assert f'<span data-count="expected">{count.expected}</span>' in signed_in.get(page).text


def test_the_door_shows_each_persons_table_and_theme(signed_in, english, evening) -> None:
    grouping.make_groups(evening)
    person = _yes_parents(evening)[0]
    seat = grouping.seat_of(evening, person.id)
    assert seat is not None
    page = signed_in.get(f"/events/{evening.id}/door", query_string={"q": person.last_name}).text
    row = page[page.index(f'id="p{person.id}"') :]
    row = row[: row.index("</tr>")]
    assert f"Table {seat.table.number}" in row
    assert seat.table.theme.title in row
    # On a phone the search comes first: before the page's navigation.
    assert page.index('role="search"') < page.index('class="tabs"')


def test_checking_in_twice_does_not_toggle_back(signed_in, evening) -> None:
    person = _yes_parents(evening)[0]
    url = f"/events/{evening.id}/door/{person.id}"
    signed_in.post(url, data={"present": "1"})
    first = person.checked_in_at
    assert person.present and first is not None
    signed_in.post(url, data={"present": "1"})  # a double tap, or a retried request
    assert person.present and person.checked_in_at == first


def test_staff_scanning_an_invitation_land_on_its_check_in(
    client, signed_in, english, evening
) -> None:
    household = next(h for h in evening.households if h.response and h.response.pupil_comes)
    scanned = signed_in.get(f"/i/{household.token}")
    assert scanned.status_code == 302
    assert scanned.location.endswith(f"/events/{evening.id}/door/household/{household.token}")
    page = signed_in.get(scanned.location).text
    for carer in household.carers:
        assert carer.name in page
    assert page.count('name="present" value="1"') >= len(household.carers)
    child = household.pupils[0].first_name
    assert child in page
    student = next(p for p in household.carers if p.role == "student")
    signed_in.post(
        f"/events/{evening.id}/door/{student.id}", data={"present": "1", "back": household.token}
    )
    assert student.present
    # The parent's own page is one click away, and a parent (not signed in) sees the form.
    assert signed_in.get(f"/i/{household.token}?parent=1").status_code == 200


def test_a_parent_opening_the_link_still_sees_the_answer_form(client, evening) -> None:
    household = evening.households[0]
    page = client.get(f"/i/{household.token}")
    assert page.status_code == 200 and "<form" in page.text


def test_another_schools_staff_get_the_parent_page_not_the_check_in(
    login, make_user, school, evening
) -> None:
    from eventkit.models import School

    other = School(name="Andere school")
    db.session.add(other)
    db.session.commit()
    stranger = login(make_user("coordinator", school_=other))
    household = evening.households[0]
    assert stranger.get(f"/i/{household.token}").status_code == 200
    assert stranger.get(f"/events/{evening.id}/door/household/{household.token}").status_code == 404


def test_a_walk_in_at_the_door_is_seated_without_moving_anyone(signed_in, english, evening) -> None:
    grouping.make_groups(evening)
    for person in [p for p in evening.participants if p.role == "staff"] + _yes_parents(evening):
        person.present = True
    db.session.commit()
    before = grouping.assignment_of(evening)
    classes = door.classes_of(evening)
    data = {"w-first_name": "Rosa", "w-last_name": "Lopez", "w-role": "parent",
            "w-language": "es" if False else "nl", "w-class_name": classes[0][0]}  # fmt: skip
    answer = signed_in.post(f"/events/{evening.id}/door/walk-in", data=data, follow_redirects=True)
    assert answer.status_code == 200
    rosa = next(p for p in evening.participants if p.first_name == "Rosa")
    assert rosa.present and rosa.walk_in
    seat = grouping.seat_of(evening, rosa.id)
    assert seat is not None
    assert f"sits at table {seat.table.number}" in answer.text
    after = grouping.assignment_of(evening)
    assert {k: v for k, v in after.items() if k in before} == before
    assert rosa.household.pupils[0].class_name == classes[0][0]


def test_a_walk_in_without_a_name_gets_a_message_not_a_500(signed_in, english, evening) -> None:
    answer = signed_in.post(f"/events/{evening.id}/door/walk-in", data={"w-role": "parent"})
    assert answer.status_code == 200
    assert "First name" in answer.text and 'aria-invalid="true"' in answer.text


def test_counts_follow_the_door(signed_in, evening) -> None:
    grouping.make_groups(evening)
    url = f"/events/{evening.id}/door/counts.json"
    before = signed_in.get(url).get_json()
    person = _yes_parents(evening)[0]
    signed_in.post(f"/events/{evening.id}/door/{person.id}", data={"present": "1"})
    after = signed_in.get(url).get_json()
    assert after["present"] == before["present"] + 1 == 1
    assert after["expected"] == door.count_of(evening).expected
    number = grouping.seat_of(evening, person.id).table.number
    table = next(t for t in after["tables"] if t["number"] == number)
    assert table["present"] == 1


def test_regroup_at_the_break_keeps_the_present_in_place(signed_in, english, evening) -> None:
    grouping.make_groups(evening)
    staff = [p for p in evening.participants if p.role == "staff"]
    parents = _yes_parents(evening)
    came = staff + parents[:-3]
    for person in came:
        person.present = True
    absent = parents[-3:]
    late = ParticipantFactory(event=evening, first_name="Kim", walk_in=True, present=True)
    before = grouping.assignment_of(evening)
    page = signed_in.post(f"/events/{evening.id}/tables/regroup")
    assert page.status_code == 200
    after = grouping.assignment_of(evening)
    assert all(str(p.id) not in after for p in absent)
    assert str(late.id) in after
    outcome_rows = page.text
    for person in absent:
        assert person.name in outcome_rows
    assert "Kim" in outcome_rows
    kept = sum(1 for p in came if after.get(str(p.id)) == before.get(str(p.id)))
    assert kept >= len(came) - 2  # at most the tidy-up's move, unless a rule forced more


def test_the_big_screen_shows_first_names_and_initials_only(signed_in, evening) -> None:
    grouping.make_groups(evening)
    page = signed_in.get(f"/events/{evening.id}/tables/screen")
    assert page.status_code == 200
    seated = [s.participant for t in evening.tables for s in t.seats]
    firsts = [p.first_name.casefold() for p in seated]
    for person in seated:
        assert person.first_name in page.text
        if person.email:
            assert person.email not in page.text
        if firsts.count(person.first_name.casefold()) == 1 and len(person.last_name) > 3:
            assert person.name not in page.text


EVENING_PAGES = [
    "",
    "/door",
    "/door?all=1",
    "/door?q=a",
    "/door/counts.json",
    "/tables",
    "/tables/screen",
    "/responses",
]


def _state(event, name: str) -> None:
    people = event.participants
    if name in ("groups", "some", "pins_absent", "walk_ins", "everyone"):
        grouping.make_groups(event)
    if name == "pins_absent":
        for table in event.tables:
            for seat in table.seats:
                seat.pinned = True
    if name in ("some", "pins_absent", "walk_ins"):
        for person in people[:5]:
            person.present = True
    if name == "everyone":
        for person in people:
            person.present = True
    if name == "walk_ins":
        ParticipantFactory(event=event, first_name="Lou", walk_in=True, present=True)
    if name == "no_tables":
        for table in list(event.tables):
            event.tables.remove(table)
    db.session.commit()


@pytest.mark.slow  # seven states, each with groups made and every evening page rendered
@pytest.mark.parametrize(
    "state", ["nobody", "groups", "some", "pins_absent", "walk_ins", "everyone", "no_tables"]
)
def test_every_evening_page_in_every_state(signed_in, evening, state: str) -> None:
    _state(evening, state)
    for page in EVENING_PAGES:
        answer = signed_in.get(f"/events/{evening.id}{page}")
        assert answer.status_code == 200, (state, page)
    for action in ("/tables/regroup", "/tables/make"):
        assert signed_in.post(f"/events/{evening.id}{action}").status_code in (200, 302)
        assert signed_in.get(f"/events/{evening.id}/tables").status_code == 200
