"""One household on request: its data exported (JSON and readable), or deleted with
everything that refers to it; the rest of the meeting untouched."""

from __future__ import annotations

import json
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import select

from eventkit.extensions import db
from eventkit.models import ActionQuestion, AuditEntry, Household, OutboxMessage, Participant

from .conftest import Stored, traces


def _yilmaz(stored: Stored) -> Household:
    return next(
        h for h in stored.event.households if h.carers and h.carers[0].last_name == "Yılmaz"
    )


def test_the_household_page_is_linked_from_the_participants(
    stored: Stored, signed_in: FlaskClient
) -> None:
    household = _yilmaz(stored)
    page = signed_in.get(f"/events/{stored.event.id}/participants/").text
    assert f"/events/{stored.event.id}/households/{household.id}" in page


def test_export_as_json_and_as_a_page(stored: Stored, signed_in: FlaskClient) -> None:
    household = _yilmaz(stored)
    base = f"/events/{stored.event.id}/households/{household.id}"
    response = signed_in.get(f"{base}/data.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.text)
    assert data["carers"][0]["email"] == "fatma@example.test"
    assert data["children"][0]["first_name"] == "Ayşe"
    assert data["answer"]["question"] == "Mag Ayşe eerder weg?"
    assert "brouwer" not in response.text.lower()  # nobody else
    page = signed_in.get(f"{base}/data")
    assert "fatma@example.test" in page.text and "Mag Ayşe eerder weg?" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.event_id.is_not(None)))
    assert list(actions).count("household_export") == 2


def test_delete_one_household_everywhere(
    stored: Stored, signed_in: FlaskClient, import_dir: Path
) -> None:
    event = stored.event
    household = _yilmaz(stored)
    needles = {"fatma@example.test", household.token, "Yılmaz", "Fatma"}  # phones are shared
    db.session.add(ActionQuestion(action_id=_action(event), text="Mag Ayşe eerder weg?"))
    db.session.commit()
    response = signed_in.post(f"/events/{event.id}/households/{household.id}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    # The question copied into the aftercare stays (it names no household); the rest goes.
    assert traces(needles, [import_dir]) == []
    assert db.session.query(Household).count() == 1
    assert db.session.scalar(select(ActionQuestion.text)) == "Mag Ayşe eerder weg?"
    others = db.session.scalars(select(OutboxMessage.to_address))
    assert "petra.brouwer@example.test" in list(others)
    assert db.session.scalar(select(Participant).where(Participant.last_name == "Brouwer"))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "household_delete"))
    assert entry is not None and "Yılmaz" not in entry.detail


def _action(event) -> int:
    from eventkit.models import Action

    action = Action(event_id=event.id, title="Eerder weg mag")
    db.session.add(action)
    db.session.commit()
    return action.id


def test_team_reissues_but_only_the_coordinator_exports_or_deletes(
    stored: Stored, login, make_user
) -> None:
    household = _yilmaz(stored)
    base = f"/events/{stored.event.id}/households/{household.id}"
    team = login(make_user("team"))
    assert team.get(base).status_code == 200
    assert team.get(f"{base}/data").status_code == 403
    assert team.get(f"{base}/data.json").status_code == 403
    assert team.post(f"{base}/delete").status_code == 403


def test_another_meetings_household_is_not_found(
    stored: Stored, signed_in: FlaskClient, make_event
) -> None:
    other = make_event()
    household = _yilmaz(stored)
    assert signed_in.get(f"/events/{other.id}/households/{household.id}").status_code == 404
