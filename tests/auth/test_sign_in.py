"""Signing in and out, and who may see what."""

from __future__ import annotations

import pytest

from eventkit.extensions import db
from eventkit.models import AgendaBlock, Event, School
from tests.conftest import PASSWORD

WRONG = "Het e-mailadres of het wachtwoord klopt niet."


def test_pages_need_a_signed_in_user(client, make_event) -> None:
    event = make_event()
    for path in ("/events/", f"/events/{event.id}", f"/events/{event.id}/agenda", "/templates"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
        assert event.title not in response.text
    page = client.get(f"/events/{event.id}", follow_redirects=True)
    assert page.request.path == "/login"
    assert "Inloggen" in page.text
    assert event.title not in page.text


def test_sign_in_and_out(client, coordinator, make_event) -> None:
    event = make_event(title="Ouderavond groep 8")
    page = client.get("/login")
    assert "Inloggen" in page.text
    response = client.post(
        "/login", data={"email": coordinator.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/events/"
    assert "Ouderavond groep 8" in client.get("/events/").text  # the school's meetings
    out = client.post("/logout", follow_redirects=True)
    assert out.request.path == "/login"
    assert "Je bent uitgelogd." in out.text
    again = client.get(f"/events/{event.id}")
    assert again.status_code == 302
    assert again.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("email", "password"),
    [("nobody@school.test", PASSWORD), ("coordinator1@school.test", "wrong password!")],
)
def test_wrong_credentials_get_one_message(client, coordinator, email, password) -> None:
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 200
    assert response.text.count(WRONG) == 1  # one message: it does not tell which was wrong
    assert client.get("/events/").status_code == 302  # and nobody is signed in


def test_the_password_is_stored_hashed(coordinator) -> None:
    assert PASSWORD not in coordinator.password_hash
    assert coordinator.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_inactive_users_cannot_sign_in(client, coordinator) -> None:
    coordinator.active = False
    db.session.commit()
    response = client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert response.status_code == 200
    assert WRONG in response.text  # the same answer as a wrong password: nothing to learn
    assert client.get("/events/").status_code == 302


def test_next_only_goes_to_this_site(client, coordinator) -> None:
    data = {"email": coordinator.email, "password": PASSWORD}
    evil = client.post("/login?next=https://evil.example/x", data=data)
    assert evil.headers["Location"] == "/events/"
    client.post("/logout")
    fine = client.post("/login?next=/templates", data=data, follow_redirects=True)
    assert fine.request.path == "/templates"
    assert fine.status_code == 200


def test_another_schools_meeting_is_not_found(login, make_user, make_event) -> None:
    other = School(name="Andere school")
    db.session.add(other)
    db.session.commit()
    theirs = make_event(school_=other)
    client = login(make_user("coordinator"))
    for path in (f"/events/{theirs.id}", f"/events/{theirs.id}/agenda",
                 f"/events/{theirs.id}/edit", f"/events/{theirs.id}/tasks"):  # fmt: skip
        assert client.get(path).status_code == 404
    assert client.post(f"/events/{theirs.id}/delete").status_code == 404
    assert theirs.title not in client.get("/events/").text
    db.session.expire_all()
    assert db.session.get(Event, theirs.id) is not None  # the refused delete left it alone


def _order(event_id: int) -> list[tuple[int, int]]:
    db.session.expire_all()
    blocks = db.session.query(AgendaBlock).filter_by(event_id=event_id)
    return sorted((b.position, b.id) for b in blocks)


def test_facilitators_read_but_do_not_change(login, make_user, make_event) -> None:
    event = make_event()
    block = event.blocks[0]
    before = _order(event.id)
    client = login(make_user("facilitator"))
    agenda = client.get(f"/events/{event.id}/agenda")
    assert agenda.status_code == 200
    assert block.title in agenda.text
    assert client.get(f"/events/{event.id}/edit").status_code == 403
    assert client.get("/events/new").status_code == 403
    response = client.post(f"/events/{event.id}/agenda/{block.id}/move", data={"action": "down"})
    assert response.status_code == 403
    assert client.post(f"/events/{event.id}/delete").status_code == 403
    assert _order(event.id) == before  # nothing moved
    assert db.session.get(Event, event.id) is not None  # nothing deleted


def test_only_the_coordinator_deletes(login, make_user, make_event) -> None:
    event = make_event()
    client = login(make_user("team"))
    assert client.post(f"/events/{event.id}/delete").status_code == 403
    db.session.expire_all()
    assert db.session.get(Event, event.id) is not None


def test_language_switch(client, coordinator) -> None:
    switched = client.get("/language/en?next=/login")
    assert switched.headers["Location"] == "/login"
    assert "Sign in" in client.get("/login").text
    client.get("/language/nl")
    assert 'lang="nl"' in client.get("/login").text
    response = client.get("/language/en?next=//evil.example")
    assert response.headers["Location"] == "/"


def test_csrf_is_enforced(app, coordinator) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert response.status_code == 400  # refused, with a page that says to reload and retry
    assert "opnieuw" in response.text
    assert client.get("/events/").status_code == 302
