"""The unit of work: the outermost unit commits once, inner units flush, an error rolls
everything back; and views leave writing to the services."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import event as orm_event
from sqlalchemy import func, select

from eventkit.extensions import db
from eventkit.models import School
from eventkit.uow import in_unit_of_work, transactional, unit_of_work


@pytest.fixture
def commits(app: Flask) -> Iterator[list[str]]:
    """The commits of the test's session, in order."""
    seen: list[str] = []
    session = db.session()

    def note(_session: object) -> None:
        seen.append("commit")

    orm_event.listen(session, "after_commit", note)
    yield seen
    orm_event.remove(session, "after_commit", note)


def _schools(name: str) -> int:
    query = select(func.count()).select_from(School).where(School.name == name)
    return db.session.scalar(query) or 0


def _committed(name: str) -> int:
    """What another connection sees: only committed rows."""
    with db.engine.connect() as other:
        query = select(func.count()).select_from(School).where(School.name == name)
        return other.scalar(query) or 0


@transactional
def _add_school(name: str) -> School:
    school = School(name=name)
    db.session.add(school)
    return school


@transactional
def _add_two(first: str, second: str) -> None:
    _add_school(first)
    assert _committed(first) == 0  # the inner unit flushed; the outer one decides
    _add_school(second)


def test_outermost_unit_commits_once(app: Flask, commits: list[str]) -> None:
    _add_two("Noord", "Zuid")
    assert commits == ["commit"]
    assert (_committed("Noord"), _committed("Zuid")) == (1, 1)


def test_a_unit_on_its_own_commits(app: Flask, commits: list[str]) -> None:
    school = _add_school("Oost")
    assert school.id is not None and commits == ["commit"]
    assert _committed("Oost") == 1


def test_an_inner_unit_flushes_and_gets_its_id(app: Flask, commits: list[str]) -> None:
    with unit_of_work():
        school = _add_school("West")
        assert school.id is not None  # flushed: the id is there before the commit
        assert in_unit_of_work() and commits == []
    assert not in_unit_of_work()
    assert commits == ["commit"] and _committed("West") == 1


def test_an_error_rolls_the_whole_operation_back(app: Flask, commits: list[str]) -> None:
    with pytest.raises(RuntimeError), unit_of_work():
        _add_school("Eerste")  # an inner unit that succeeded
        raise RuntimeError("the second step fails")
    assert commits == []
    assert _schools("Eerste") == 0 and _committed("Eerste") == 0
    assert not in_unit_of_work()


def test_an_error_in_an_inner_unit_ends_the_outer_one(app: Flask) -> None:
    @transactional
    def failing() -> None:
        db.session.add(School(name="Half"))
        db.session.flush()
        raise ValueError("no")

    with pytest.raises(ValueError), unit_of_work():
        _add_school("Heel")
        failing()
    assert (_schools("Heel"), _schools("Half")) == (0, 0)


def test_a_failing_commit_is_rolled_back(app: Flask) -> None:
    with pytest.raises(Exception), unit_of_work():  # noqa: B017 (the driver's error class)
        db.session.add(School(name=None))  # type: ignore[arg-type]  # NOT NULL
    assert _schools("Na") == 0
    _add_school("Na")  # the session is usable again
    assert _committed("Na") == 1


def test_a_session_of_its_own_has_units_of_its_own(app: Flask) -> None:
    """A job run inline pushes an app context, with a session of its own: its work
    commits there, whatever the request around it has open."""
    with unit_of_work():
        with app.app_context():  # (before the outer unit writes: SQLite has one writer)
            _add_school("Apart")
            assert not in_unit_of_work()
        assert in_unit_of_work() and _committed("Apart") == 1
        _add_school("Buiten")
        assert _committed("Buiten") == 0
    assert _committed("Buiten") == 1


def test_transactional_keeps_name_and_result(app: Flask) -> None:
    assert _add_school.__name__ == "_add_school"
    assert _add_school("Midden").name == "Midden"


VIEWS = sorted((Path(__file__).parents[2] / "eventkit").glob("*/views.py"))
WRITES = re.compile(r"db\.session\.(add|add_all|delete|commit|rollback|flush|execute)\(")


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.parent.name)
def test_views_leave_writes_to_services(path: Path) -> None:
    """Views parse a form and call one service: no session writes, no request.form read
    by hand (a Flask-WTF form parses it)."""
    source = path.read_text(encoding="utf-8")
    assert not WRITES.findall(source), f"{path.parent.name}/views.py writes to the session"
    assert "request.form" not in source, f"{path.parent.name}/views.py parses request.form"
