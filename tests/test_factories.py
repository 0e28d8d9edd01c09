"""The factories make valid rows, each in the app's session and database."""

from __future__ import annotations

from sqlalchemy import func, select

from eventkit.extensions import db
from eventkit.models import Household, Participant, Pupil, Response
from tests import factories as f


def test_every_factory_makes_a_stored_row(app) -> None:
    event = f.EventFactory()
    table = f.EventTableFactory(event=event)
    made = [
        f.SchoolFactory(),
        f.UserFactory(school=event.school),
        f.ThemeFactory(event=event),
        f.AgendaBlockFactory(event=event),
        f.TaskFactory(event=event),
        f.StaffFactory(event=event),
        f.SeatFactory(table=table),
        f.NoteEntryFactory(event_id=event.id, table=table),
        f.EvaluationAnswerFactory(event_id=event.id),
        f.ActionFactory(event_id=event.id),
    ]
    db.session.expire_all()
    for row in made:
        assert db.session.get(type(row), row.id) is not None, type(row).__name__
    assert [t.number for t in event.tables] == [1]
    assert table.seats[0].participant.event is event


def test_a_household_with_children_carers_and_an_answer(app) -> None:
    event = f.EventFactory()
    household = f.household_with(event, children=2, carers=2, answer="yes", language="tr")
    db.session.expire_all()
    stored = db.session.get(Household, household.id)
    assert stored is not None
    assert stored.language == "tr"
    assert len(stored.pupils) == 2
    assert {c.event_id for c in stored.carers} == {event.id}
    assert stored.response is not None and stored.response.answer == "yes"
    counts = [db.session.scalar(select(func.count(m.id))) for m in (Pupil, Participant, Response)]
    assert counts == [2, 2, 1]


def test_factory_users_sign_in(client, app) -> None:
    user = f.UserFactory(role="team")
    response = client.post("/login", data={"email": user.email, "password": f.PASSWORD})
    assert response.headers["Location"] == "/events/"
