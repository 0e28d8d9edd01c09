"""Meeting pages and forms, including wrong input."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from eventkit.agenda.services import planned_end_of, start_of
from eventkit.extensions import db
from eventkit.models import Event, Task

FUTURE = (date.today() + timedelta(days=40)).isoformat()


def form(**changes: str) -> dict[str, str]:
    data = {
        "title": "Ouderavond verzuim",
        "goal": "Samen met ouders",
        "date": FUTURE,
        "start_time": "19:00",
        "planned_end": "21:15",
        "location": "De Linde",
        "room": "Aula",
        "target_group": "Ouders van groep 7 en 8",
        "rsvp_deadline": "",
        "status": "concept",
        "language": "nl",
        "template": "builtin:default",
    }
    data.update(changes)
    return data


def events() -> list[Event]:
    return list(db.session.scalars(db.select(Event)))


def test_create_from_the_default_template(signed_in) -> None:
    page = signed_in.get("/events/new")
    assert page.status_code == 200
    assert "Draaiboek ouderdialoog" in page.text
    response = signed_in.post("/events/new", data=form())
    assert response.status_code == 302
    [event] = events()
    assert response.headers["Location"] == f"/events/{event.id}/agenda"
    assert len(event.blocks) == 10
    assert len(event.tasks) == 10
    assert [t.title for t in event.themes] == ["Aanwezigheid en verzuim",
                                               "Samenwerking tussen ouders en school"]  # fmt: skip
    agenda = signed_in.get(response.headers["Location"]).text
    for clock in ("19:00–19:15", "19:15–20:15", "19:25–20:10", "21:05–21:15"):
        assert clock in agenda


@pytest.mark.parametrize(
    ("template", "blocks", "minutes"),
    [("builtin:short", 7, 75), ("builtin:empty", 0, 0)],
)
def test_other_templates(signed_in, template: str, blocks: int, minutes: int) -> None:
    signed_in.post("/events/new", data=form(template=template))
    [event] = events()
    assert len(event.blocks) == blocks
    assert (
        sum(b.duration for b in event.blocks if not any(c.parent_id == b.id for c in event.blocks))
        == minutes
    )


def test_english_meeting_gets_the_english_template(signed_in) -> None:
    signed_in.post("/events/new", data=form(language="en"))
    [event] = events()
    assert event.blocks[0].title == "Walk-in"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", ""),
        ({"date": (date.today() - timedelta(days=1)).isoformat()}, "date", "date"),
        ({"date": "31-02-2026"}, "date", ""),
        ({"start_time": "seven"}, "start_time", ""),
        ({"start_time": "25:00"}, "start_time", ""),
        ({"planned_end": "19:00"}, "planned_end", ""),
        ({"planned_end": "18:00"}, "planned_end", ""),  # before the start: ask, never guess
        ({"planned_end": "21:00", "ends_after_midnight": "y"}, "planned_end", ""),
        ({"rsvp_deadline": (date.today() + timedelta(days=60)).isoformat()}, "rsvp_deadline", ""),
        ({"template": "builtin:nonsense"}, "template", ""),
        ({"title": "x" * 201}, "title", ""),
    ],
)
def test_wrong_input_is_named_at_the_field_and_nothing_is_saved(
    signed_in, changes: dict[str, str], field: str, message: str
) -> None:
    response = signed_in.post("/events/new", data=form(**changes))
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text
    assert f'href="#{field}"' in response.text  # the summary links to the field
    assert events() == []


def test_an_end_after_midnight_only_when_ticked(signed_in) -> None:
    """19:00 typed for a 19:30 start is a slip, not an evening of 23½ hours: the field says
    so; with the box ticked the end is the next morning, and the edit form shows it ticked."""
    response = signed_in.post("/events/new", data=form(start_time="19:30", planned_end="19:00"))
    assert 'id="planned_end-error"' in response.text and "na middernacht" in response.text
    assert events() == []
    ticked = form(start_time="22:00", planned_end="00:30", ends_after_midnight="y")
    assert signed_in.post("/events/new", data=ticked).status_code == 302
    [event] = events()
    assert (planned_end_of(event) - start_of(event)).total_seconds() == 150 * 60
    page = signed_in.get(f"/events/{event.id}/edit").text
    checkbox = re.search(r'<input[^>]*id="ends_after_midnight"[^>]*>', page)
    assert checkbox and "checked" in checkbox.group(0)


def test_a_held_meeting_may_lie_in_the_past(signed_in, make_event) -> None:
    event = make_event()
    past = (date.today() - timedelta(days=3)).isoformat()
    response = signed_in.post(f"/events/{event.id}/edit", data=form(date=past, status="held"))
    assert response.status_code == 302
    assert event.date.isoformat() == past


def test_overview_shows_times_factors_and_overdue_tasks(signed_in, make_event) -> None:
    event = make_event(date=date.today() + timedelta(days=10))
    page = signed_in.get(f"/events/{event.id}").text
    assert "19:00–21:15" in page
    assert "Te laat" in page
    overdue = [t for t in event.tasks if t.days_before > 10]
    assert len(overdue) == 7
    assert "7" in page
    assert "Lusse" in page


def test_edit(signed_in, make_event) -> None:
    event = make_event()
    assert signed_in.get(f"/events/{event.id}/edit").status_code == 200
    response = signed_in.post(
        f"/events/{event.id}/edit", data=form(title="Nieuwe titel", start_time="18:30")
    )
    assert response.status_code == 302
    assert event.title == "Nieuwe titel"
    # One end time: the planned end the school announced (the agenda now ends at 20:45).
    assert "18:30–21:15" in signed_in.get(f"/events/{event.id}").text


def test_copy_uses_last_years_evening_again(signed_in, make_event) -> None:
    event = make_event(rsvp_deadline=date.today() + timedelta(days=23))
    event.tasks[0].done = True
    db.session.commit()
    page = signed_in.get(f"/events/{event.id}/copy").text
    suggested = (event.date + timedelta(weeks=52)).isoformat()
    assert suggested in page
    response = signed_in.post(
        f"/events/{event.id}/copy", data={"title": "Volgend jaar", "date": suggested}
    )
    assert response.status_code == 302
    copy = db.session.scalars(db.select(Event).where(Event.title == "Volgend jaar")).one()
    assert copy.date.weekday() == event.date.weekday()
    assert copy.rsvp_deadline == copy.date - timedelta(days=7)
    assert [b.title for b in copy.blocks] == [b.title for b in event.blocks]
    assert not any(t.done for t in copy.tasks)
    assert copy.status == "concept"


def test_copy_refuses_a_past_date(signed_in, make_event) -> None:
    event = make_event()
    response = signed_in.post(f"/events/{event.id}/copy", data={"title": "x", "date": "2001-01-01"})
    assert 'id="date-error"' in response.text
    assert len(events()) == 1


def test_delete_asks_first(signed_in, make_event) -> None:
    event = make_event()
    assert (
        "cannot be undone" in signed_in.get(f"/events/{event.id}/delete").text
        or "ongedaan" in signed_in.get(f"/events/{event.id}/delete").text
    )
    assert signed_in.post(f"/events/{event.id}/delete").status_code == 302
    assert events() == []
    assert db.session.scalars(db.select(Task)).all() == []


def test_themes(signed_in, make_event) -> None:
    event = make_event()
    url = f"/events/{event.id}/themes"
    response = signed_in.post(
        url,
        data={"title": "Huiswerk", "description": "", "questions": "Wat helpt?\n\n Wie helpt? "},
    )
    assert response.status_code == 302
    theme = event.themes[-1]
    assert theme.questions == ["Wat helpt?", "Wie helpt?"]
    assert signed_in.post(url, data={"title": "", "questions": ""}).status_code == 200
    assert len(event.themes) == 3
    signed_in.post(f"{url}/{theme.id}", data={"title": "Huiswerk en planning", "questions": "A"})
    assert theme.title == "Huiswerk en planning"
    signed_in.post(f"{url}/{theme.id}/delete")
    assert [t.position for t in event.themes] == [0, 1]


def test_tasks(signed_in, make_event, coordinator) -> None:
    event = make_event()
    url = f"/events/{event.id}/tasks"
    assert signed_in.get(url).status_code == 200
    due = (event.date - timedelta(days=5)).isoformat()
    response = signed_in.post(
        url, data={"title": "Tolken regelen", "due_date": due, "owner_id": coordinator.id}
    )
    assert response.status_code == 302
    task = event.tasks[-1]
    assert task.days_before == 5 and task.owner_id == coordinator.id
    assert signed_in.post(url, data={"title": "", "due_date": "nope"}).status_code == 200
    signed_in.post(f"{url}/{task.id}/done", data={"done": "1"})
    assert task.done and task.done_at is not None
    signed_in.post(f"{url}/{task.id}/done", data={"done": "0"})
    assert not task.done
    signed_in.post(f"{url}/{task.id}", data={"title": "Tolken", "due_date": due, "owner_id": 0})
    assert task.owner_id is None
    signed_in.post(f"{url}/{task.id}/delete")
    assert task not in event.tasks


def test_due_dates_follow_the_meeting_date(signed_in, make_event) -> None:
    event = make_event()
    invite = next(t for t in event.tasks if t.days_before == 21)
    later = (event.date + timedelta(days=7)).isoformat()
    signed_in.post(f"/events/{event.id}/edit", data=form(date=later))
    page = signed_in.get(f"/events/{event.id}/tasks").text
    from flask_babel import format_date

    assert format_date(date.fromisoformat(later) - timedelta(days=21), "medium") in page
    assert invite.days_before == 21


def test_list_of_meetings(signed_in, make_event) -> None:
    make_event(title="Avond één")
    make_event(title="Avond twee")
    page = signed_in.get("/events/").text
    assert "Avond één" in page and "Avond twee" in page


def test_erase_personal_data_keeps_the_meeting(signed_in, make_event) -> None:
    from eventkit.demo import add_demo_people
    from eventkit.grouping import services as grouping
    from eventkit.models import Household, OutboxMessage, Participant, Pupil, Response, Seat

    event = make_event()
    add_demo_people(event)
    db.session.commit()
    grouping.make_groups(event)
    db.session.add(OutboxMessage(event_id=event.id, kind="x", dedupe_key="x", to_address="a@b",
                                 subject="s", text="t"))  # fmt: skip
    db.session.commit()
    page = signed_in.get(f"/events/{event.id}/erase").text
    assert f"/events/{event.id}/responses/overview.xlsx" in page  # what the page promises
    assert "36" in page
    signed_in.post(f"/events/{event.id}/erase")
    for model in (Household, Pupil, Participant, Response, Seat, OutboxMessage):
        assert db.session.query(model).count() == 0, model
    db.session.expire_all()
    assert len(event.blocks) == 10 and len(event.tables) == 6


def test_only_the_coordinator_erases(login, make_user, make_event) -> None:
    event = make_event()
    client = login(make_user("team"))
    assert client.post(f"/events/{event.id}/erase").status_code == 403


def test_one_end_time_with_the_team_s_warning(signed_in, make_event) -> None:
    from datetime import time

    event = make_event(planned_end=time(21, 0))  # the default agenda runs until 21:15
    page = signed_in.get(f"/events/{event.id}").text
    assert "19:00–21:00" in page and "het programma loopt tot 21:15" in page
