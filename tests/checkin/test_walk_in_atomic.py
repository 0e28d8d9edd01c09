"""A walk-in at the door is one transaction: the person, their household and their seat
are stored together, with one commit, or not at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event as orm_event
from sqlalchemy import func, select

from eventkit.checkin import services as door
from eventkit.demo import add_demo_people
from eventkit.extensions import db
from eventkit.grouping import services as grouping
from eventkit.models import Event, Household, Participant


@pytest.fixture
def evening(make_event) -> Event:
    event = make_event()
    add_demo_people(event)
    db.session.commit()
    grouping.add_tables(event, 3, 1, 20)
    return event


@pytest.fixture
def commits(app) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_session: object) -> None:
        seen.append("commit")

    orm_event.listen(db.session(), "after_commit", note)
    yield seen
    orm_event.remove(db.session(), "after_commit", note)


def _count(model: type, event: Event) -> int:
    query = select(func.count()).select_from(model).where(model.event_id == event.id)  # type: ignore[attr-defined]
    return db.session.scalar(query) or 0


def _class_of(event: Event) -> str:
    return door.classes_of(event)[0][0]


def test_walk_in_is_one_commit(evening: Event, commits: list[str]) -> None:
    draft = door.WalkIn("Noor", "Bakker", "parent", "nl", class_name=_class_of(evening))
    person, table, _why = door.walk_in(evening, draft)
    assert commits == ["commit"]
    assert person.present and person.household is not None and table is not None


def test_walk_in_failing_to_seat_stores_nothing(
    evening: Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    people, households = _count(Participant, evening), _count(Household, evening)

    def broken(event: Event, participant: Participant, tidy: bool = False) -> None:
        db.session.flush()  # the person and their household are written ...
        raise RuntimeError("the engine broke")  # ... and the seating fails

    monkeypatch.setattr(grouping, "add_walk_in", broken)
    draft = door.WalkIn("Noor", "Bakker", "parent", "nl", class_name=_class_of(evening))
    with pytest.raises(RuntimeError):
        door.walk_in(evening, draft)
    assert (_count(Participant, evening), _count(Household, evening)) == (people, households)


def test_door_walk_in_page_commits_once(
    signed_in: FlaskClient, evening: Event, commits: list[str]
) -> None:
    data = {"w-first_name": "Semmy", "w-last_name": "Visser", "w-role": "parent",
            "w-language": "nl", "w-class_name": _class_of(evening)}  # fmt: skip
    response = signed_in.post(f"/events/{evening.id}/door/walk-in", data=data)
    assert response.status_code == 302
    assert commits == ["commit"]
    sem = db.session.scalar(select(Participant).where(Participant.first_name == "Semmy"))
    assert sem is not None and sem.present and sem.walk_in and sem.seat is not None


def test_board_walk_in_goes_through_one_service(signed_in: FlaskClient, evening: Event) -> None:
    data = {"w-first_name": "Xandra", "w-last_name": "", "w-role": "staff", "w-language": "nl",
            "w-can_facilitate": "y"}  # fmt: skip
    response = signed_in.post(f"/events/{evening.id}/tables/walk-in", data=data)
    assert response.status_code == 302
    xandra = db.session.scalar(select(Participant).where(Participant.first_name == "Xandra"))
    assert xandra is not None and xandra.walk_in and xandra.can_facilitate
