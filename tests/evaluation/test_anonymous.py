"""The evaluation table can hold nothing that points at a household, a person, a device or a
moment: only the meeting, the day and what was answered."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import inspect

from eventkit.extensions import db

ALLOWED = {
    "id",
    "event_id",
    "day",
    "language",
    "rating",
    "good",
    "better",
    "come_again",
    "free_answer",
}


def test_the_table_has_exactly_the_allowed_columns(app: Flask) -> None:
    columns = {c["name"]: c for c in inspect(db.engine).get_columns("evaluation_answers")}
    assert set(columns) == ALLOWED
    # The day is a date: no time of day hides in it.
    assert columns["day"]["type"].python_type.__name__ == "date"


def test_the_only_link_is_to_the_meeting(app: Flask) -> None:
    keys = inspect(db.engine).get_foreign_keys("evaluation_answers")
    assert [(k["referred_table"], k["constrained_columns"]) for k in keys] == [
        ("events", ["event_id"])
    ]
