"""Table groups of a meeting through the service and the board pages."""

from __future__ import annotations

import csv
import io

import pytest

from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services
from eventkit.models import Participant


@pytest.fixture
def evening(make_event):
    event = make_event()
    add_demo_people(event)
    db.session.commit()
    return event


def seats(event) -> dict[int, int]:
    return {s.participant_id: t.number for t in event.tables for s in t.seats}


def test_people_of_the_evening(evening) -> None:
    people = services.people_of(evening)
    staff = [p for p in people if p.role == "staff"]
    assert len(staff) == 11
    parents = [p for p in people if p.role == "parent"]
    for parent in parents:
        assert parent.household.response.answer == "yes"
    no = [h for h in evening.households if h.response and h.response.answer == "no"]
    assert no and not any(c in people for h in no for c in h.carers)


@pytest.mark.slow  # the solver, with a 3 s limit
def test_make_groups_seats_everyone_and_meets_every_rule(evening) -> None:
    result = services.make_groups(evening, time_limit=3)
    assert result.status in ("optimal", "feasible")
    assert all(rule.ok for rule in result.rules)
    people = services.people_of(evening)
    assert set(seats(evening)) == {p.id for p in people}
    students = [p for p in people if p.role == "student"]
    assert students, "pupils who come along are seated too"
    assert evening.grouping_bound is not None


def test_pinned_people_stay_when_groups_are_made_again(evening) -> None:
    services.make_groups(evening)
    person = next(p for p in services.people_of(evening) if p.role == "parent")
    other = next(t for t in evening.tables if t.id != services.seat_of(evening, person.id).table_id)
    services.move(evening, person.id, other.id)
    services.set_pinned(evening, person.id, True)
    services.make_groups(evening)
    assert services.seat_of(evening, person.id).table_id == other.id


def test_manual_move_updates_rules_and_score(evening) -> None:
    services.make_groups(evening)
    before = services.board(evening).result
    full = max(evening.tables, key=lambda t: len(t.seats))
    empty = min(evening.tables, key=lambda t: len(t.seats))
    for seat in list(full.seats)[:4]:
        services.move(evening, seat.participant_id, empty.id)
    after = services.board(evening).result
    assert after.score != before.score or not all(r.ok for r in after.rules)
    broken = [r.rule for r in after.rules if not r.ok]
    assert broken, "moving four people to one table breaks a rule and says so"


def test_walk_in_moves_nobody(evening) -> None:
    services.make_groups(evening)
    before = seats(evening)
    late = Participant(
        event=evening, first_name="Laat", last_name="Binnen", role="parent", language="tr"
    )
    services.add_walk_in(evening, late)
    after = seats(evening)
    assert {k: v for k, v in after.items() if k in before} == before
    assert late.id in after and late.walk_in
    assert evening.grouping_bound is None


def test_no_tables_or_no_people(make_event) -> None:
    event = make_event()
    with pytest.raises(services.GroupingError, match="no_tables"):
        services.make_groups(event)
    services.add_tables(event, 2, 2, 8)
    with pytest.raises(services.GroupingError, match="no_people"):
        services.make_groups(event)


def test_too_few_facilitators_is_explained(signed_in, english, evening) -> None:
    for person in evening.participants:
        person.can_facilitate = False
    db.session.commit()
    response = signed_in.post(f"/events/{evening.id}/tables/make", follow_redirects=True)
    assert "No grouping meets every rule" in response.text
    assert "0 facilitators for 6 tables: add 6 facilitators" in response.text
    assert not any(t.seats for t in evening.tables)


def test_the_board_page(signed_in, english, evening) -> None:
    page = signed_in.get(f"/events/{evening.id}/tables").text
    assert "Make groups" in page and "Table 6" in page
    response = signed_in.post(f"/events/{evening.id}/tables/make", follow_redirects=True)
    assert "The groups are made" in response.text
    assert 'data-rule="facilitator"' in response.text and "best possible" in response.text
    assert 'data-figure="first"' in response.text


def test_move_pin_and_walk_in_through_the_pages(signed_in, english, evening) -> None:
    services.make_groups(evening)
    person = next(p for p in services.people_of(evening) if p.role == "parent")
    target = next(
        t for t in evening.tables if t.id != services.seat_of(evening, person.id).table_id
    )
    url = f"/events/{evening.id}/tables"
    signed_in.post(f"{url}/move", data={"participant_id": person.id, "table_id": target.id})
    assert services.seat_of(evening, person.id).table_id == target.id
    signed_in.post(f"{url}/pin", data={"participant_id": person.id, "pinned": "1"})
    assert services.seat_of(evening, person.id).pinned
    response = signed_in.post(
        f"{url}/walk-in",
        data={
            "w-first_name": "Nieuw",
            "w-last_name": "Ouder",
            "w-role": "parent",
            "w-language": "pl",
        },
        follow_redirects=True,
    )
    assert "Nieuw Ouder sits at table" in response.text
    response = signed_in.post(
        f"{url}/walk-in",
        data={"w-first_name": "", "w-role": "parent", "w-language": "pl"},
        follow_redirects=True,
    )
    assert "First name" in response.text


def test_tables_setup(signed_in, english, make_event) -> None:
    event = make_event()
    url = f"/events/{event.id}/tables"
    signed_in.post(f"{url}/add", data={"count": "3", "min_size": "4", "max_size": "8"})
    assert [t.number for t in event.tables] == [1, 2, 3]
    assert [t.theme.title for t in event.tables][:2] == [th.title for th in event.themes]
    bad = signed_in.post(
        f"{url}/add", data={"count": "2", "min_size": "9", "max_size": "3"}, follow_redirects=True
    )
    assert "At most cannot be less than at least" in bad.text
    assert len(event.tables) == 3
    table = event.tables[0]
    signed_in.post(
        f"{url}/{table.id}",
        data={
            f"t{table.id}-theme_id": "0",
            f"t{table.id}-min_size": "2",
            f"t{table.id}-max_size": "5",
        },
    )
    assert table.theme_id is None and table.max_size == 5
    signed_in.post(f"{url}/{table.id}/delete")
    assert len(event.tables) == 2


def test_table_lists_csv_escapes_formulas(signed_in, evening) -> None:
    evening.participants[0].first_name = '=HYPERLINK("x")'
    db.session.commit()
    services.make_groups(evening)
    response = signed_in.get(f"/events/{evening.id}/tables/lists.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == 5
    assert len(rows) - 1 == len(seats(evening))
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_groups_feed_the_printed_pack(evening) -> None:
    from eventkit.exports.data import table_groups_of

    # Before grouping the tables are there already (their cards carry the notes' QR code),
    # with nobody at them yet.
    before = table_groups_of(evening, "http://x")
    assert [g.number for g in before] == [1, 2, 3, 4, 5, 6]
    assert all(not g.members and not g.facilitator for g in before)
    services.make_groups(evening)
    groups = table_groups_of(evening, "http://x")
    assert [g.number for g in groups] == [1, 2, 3, 4, 5, 6]
    assert all(g.facilitator for g in groups)
    assert sum(len(g.members) + 1 for g in groups) == len(seats(evening))


def test_facilitators_only_look(login, make_user, evening) -> None:
    client = login(make_user("facilitator"))
    assert client.get(f"/events/{evening.id}/tables").status_code == 200
    assert client.post(f"/events/{evening.id}/tables/make").status_code == 403


def test_cli_groups_a_meeting(app, evening) -> None:
    import json

    result = app.test_cli_runner().invoke(args=["group", str(evening.id), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] in ("optimal", "feasible")
    assert sum(len(t["members"]) for t in data["tables"]) == len(seats(evening))


def test_broken_rules_are_said_with_names(signed_in, english, evening) -> None:
    services.make_groups(evening)
    household = next(h for h in evening.households if len(h.carers) == 2 and h.response
                     and h.response.answer == "yes")  # fmt: skip
    first, second = household.carers
    table = services.seat_of(evening, first.id).table
    other = next(t for t in evening.tables if t.id != table.id)
    services.move(evening, second.id, other.id)
    page = signed_in.get(f"/events/{evening.id}/tables").text
    assert f"{first.first_name} &amp; {second.first_name} (one household) sit at tables" in page
    assert "household " + str(household.id) not in page


@pytest.mark.slow  # the solver, with a 3 s limit
def test_the_board_speaks_plain_words_and_language_names(signed_in, evening) -> None:
    """No bare "score 504" and no "ti": what the number means, and languages by name."""
    services.make_groups(evening, time_limit=3)
    codes = {p.language for p in services.people_of(evening)} - {"nl"}
    assert codes, "the demo evening has parents with other home languages"
    page = signed_in.get(f"/events/{evening.id}/tables").text
    assert "lager is beter" in page
    assert "score" not in page.lower().replace('data-figure="score"', "")
    for code in codes:
        assert f'<span class="badge lang">{code}</span>' not in page
    from babel import Locale

    names = Locale("nl").languages
    assert any(f'<span class="badge lang">{names[code]}</span>' in page for code in codes)
    assert "Nederlands" in page


def test_people_kept_apart_are_named_with_their_table(signed_in, english, evening) -> None:
    """Mentor-apart switched on after the groups were made: the board names the mentor and
    the parent who sit together, and their table number (no ids)."""
    services.make_groups(evening)
    mentor = next(p for p in evening.participants if p.mentor_of)
    table = services.seat_of(evening, mentor.id).table
    parent = next(p for p in services.people_of(evening) if p.role == "parent"
                  and p.household.pupils and p.household.pupils[0].class_name in mentor.mentor_of
                  and services.seat_of(evening, p.id).table_id != table.id)  # fmt: skip
    services.move(evening, parent.id, table.id)
    evening.mentor_apart = True
    db.session.commit()
    apart = services.board(evening).problems["cannot_link"]
    wanted = {"table": table.number, "names": f"{mentor.first_name} & {parent.first_name}"}
    assert any(p.code == "sit_together" and p.params == wanted for p in apart)
    page = signed_in.get(f"/events/{evening.id}/tables").text
    assert "sit together at table" in page
