"""Signing in and out, and who may see what."""

from __future__ import annotations

import pytest

from eventkit.extensions import db
from eventkit.models import School
from tests.conftest import PASSWORD


def test_pages_need_a_signed_in_user(client, make_event) -> None:
    event = make_event()
    for path in ("/events/", f"/events/{event.id}", f"/events/{event.id}/agenda", "/templates"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]


def test_sign_in_and_out(client, coordinator) -> None:
    page = client.get("/login")
    assert "Inloggen" in page.text
    response = client.post(
        "/login", data={"email": coordinator.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/events/").status_code == 200
    client.post("/logout")
    assert client.get("/events/").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [("nobody@school.test", PASSWORD), ("coordinator1@school.test", "wrong password!")],
)
def test_wrong_credentials_get_one_message(client, coordinator, email, password) -> None:
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text


def test_the_password_is_stored_hashed(coordinator) -> None:
    assert PASSWORD not in coordinator.password_hash
    assert coordinator.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_inactive_users_cannot_sign_in(client, coordinator) -> None:
    coordinator.active = False
    db.session.commit()
    response = client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert response.status_code == 200


def test_next_only_goes_to_this_site(client, coordinator) -> None:
    data = {"email": coordinator.email, "password": PASSWORD}
    evil = client.post("/login?next=https://evil.example/x", data=data)
    assert evil.headers["Location"] == "/events/"
    client.post("/logout")
    fine = client.post("/login?next=/templates", data=data)
    assert fine.headers["Location"] == "/templates"


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


def test_facilitators_read_but_do_not_change(login, make_user, make_event) -> None:
    event = make_event()
    client = login(make_user("facilitator"))
    assert client.get(f"/events/{event.id}/agenda").status_code == 200
    assert client.get(f"/events/{event.id}/edit").status_code == 403
    assert client.get("/events/new").status_code == 403
    block = event.blocks[0]
    response = client.post(f"/events/{event.id}/agenda/{block.id}/move", data={"action": "down"})
    assert response.status_code == 403
    assert client.post(f"/events/{event.id}/delete").status_code == 403


def test_only_the_coordinator_deletes(login, make_user, make_event) -> None:
    event = make_event()
    client = login(make_user("team"))
    assert client.post(f"/events/{event.id}/delete").status_code == 403


def test_language_switch(client, coordinator) -> None:
    client.get("/language/en?next=/login")
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
