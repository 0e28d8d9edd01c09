"""The small fields views read posted ids and yes/no buttons with (eventkit/forms.py)."""

from __future__ import annotations

from flask import Flask
from flask_wtf import FlaskForm

from eventkit.forms import FlagField, IdField, IdListField


class Posted(FlaskForm):  # type: ignore[misc]
    class Meta:
        csrf = False

    person = IdField()
    households = IdListField()
    present = FlagField()


def _posted(app: Flask, data: dict[str, object]) -> Posted:
    with app.test_request_context(method="POST", data=data):
        return Posted()


def test_ids_as_posted(app: Flask) -> None:
    form = _posted(app, {"person": "42", "households": ["3", "x", "", "7", "9" * 40]})
    assert form.person.data == 42
    assert form.households.data == [3, 7]


def test_no_plausible_id_is_zero(app: Flask) -> None:
    for value in ("", "abc", "-1", "١٢", str(2**31), "9" * 400):
        assert _posted(app, {"person": value}).person.data == 0, value
    assert _posted(app, {}).person.data == 0
    assert _posted(app, {}).households.data == []


def test_a_flag_is_yes_only_for_one(app: Flask) -> None:
    assert _posted(app, {"present": "1"}).present.data is True
    for value in ("0", "", "true", "yes", "11"):
        assert _posted(app, {"present": value}).present.data is False, value
    assert _posted(app, {}).present.data is False
