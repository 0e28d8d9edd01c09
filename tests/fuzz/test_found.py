"""What the form fuzzing found, each as a plain test: odd or missing input gives the form
back with a message (or a redirect), never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.models import Action, Event, Theme


def test_an_empty_theme_form_changes_nothing_and_is_no_500(
    signed_in: FlaskClient, make_event: Callable[..., Any]
) -> None:
    event: Event = make_event()
    theme = Theme(title="Huiswerk", position=0, questions=["Hoeveel?", "Wanneer?"])
    event.themes.append(theme)
    db.session.commit()
    # nothing posted: the form keeps the theme's own values (its questions are a list)
    answer = signed_in.post(f"/events/{event.id}/themes/{theme.id}", data={})
    assert answer.status_code == 302
    db.session.refresh(theme)
    assert (theme.title, theme.questions) == ("Huiswerk", ["Hoeveel?", "Wanneer?"])


def test_an_empty_action_form_changes_nothing_and_is_no_500(
    signed_in: FlaskClient, make_event: Callable[..., Any]
) -> None:
    event: Event = make_event()
    action = Action(event_id=event.id, title="Huiswerkklas")
    db.session.add(action)
    db.session.commit()
    # nothing posted: no note boxes either, so the notes it answers stay as they are
    answer = signed_in.post(f"/events/{event.id}/aftercare/actions/{action.id}", data={})
    assert answer.status_code == 302
    db.session.refresh(action)
    assert action.title == "Huiswerkklas"


def test_a_block_title_of_digits_in_another_script_is_no_500(
    signed_in: FlaskClient, make_event: Callable[..., Any]
) -> None:
    event: Event = make_event()
    block = event.blocks[0]
    data = {"who": "", "kind": "walk_in", "duration": "15", "title": "\u0663\u0664",
            "remark": "", "talking_points": "\r\nInloop met koffie"}  # fmt: skip
    for _ in range(2):
        answer = signed_in.post(f"/events/{event.id}/agenda/{block.id}", data=data)
        assert answer.status_code in (200, 302)


def test_a_400_digit_number_is_out_of_range_not_a_500(
    signed_in: FlaskClient, make_event: Callable[..., Any]
) -> None:
    event: Event = make_event()
    data = {"title": "Welkom", "kind": "plenary", "duration": "9" * 400}
    answer = signed_in.post(f"/events/{event.id}/agenda/new", data=data)
    assert answer.status_code == 200
    assert len(event.blocks) == len(db.session.get(Event, event.id).blocks)


def test_huge_numbers_get_the_fields_own_message() -> None:
    from flask import Flask
    from wtforms import Form, IntegerField

    from eventkit.forms import NumberRange

    class Numbers(Form):
        bounded = IntegerField(validators=[NumberRange(1, 60, message="Van 1 tot 60.")])
        at_least = IntegerField(validators=[NumberRange(min=0)])

    with Flask(__name__).test_request_context():
        for typed in ("9" * 400, "-" + "9" * 400):
            form = Numbers(data={"bounded": int(typed), "at_least": int(typed)})
            assert not form.validate()
            assert form.bounded.errors == ["Van 1 tot 60."]
            assert form.at_least.errors
        assert Numbers(data={"bounded": 5, "at_least": 7}).validate()
