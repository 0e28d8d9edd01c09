"""Sessions end for real: on sign-out, on a new password; remember-me is short."""

from __future__ import annotations

from datetime import timedelta

from flask import g

from eventkit.extensions import db
from tests.conftest import PASSWORD


def _family_page(client, event) -> int:
    """A page with families' data; as a fresh request: the tests hold one app context, in
    which Flask-Login would otherwise reuse the user it loaded for an earlier request."""
    g.pop("_login_user", None)
    return client.get(f"/events/{event.id}/participants/").status_code


def test_a_copied_cookie_is_dead_after_sign_out(app, client, login, coordinator, make_event):
    event = make_event()
    login(coordinator)
    assert _family_page(client, event) == 200
    copied = client.get_cookie("session").value
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", copied)
    g.pop("_login_user", None)
    page = thief.get(f"/events/{event.id}/participants/")
    assert page.status_code == 302 and "/login" in page.headers["Location"]


def test_signing_out_ends_the_sessions_on_other_devices(app, login, coordinator, make_event):
    event = make_event()
    phone, laptop = app.test_client(), app.test_client()
    for device in (phone, laptop):
        device.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert _family_page(phone, event) == _family_page(laptop, event) == 200
    phone.post("/logout")
    assert _family_page(laptop, event) == 302


def test_a_new_password_ends_every_session(app, client, login, coordinator, make_event):
    event = make_event()
    login(coordinator)
    coordinator.set_password("a brand new passphrase")
    db.session.commit()
    assert _family_page(client, event) == 302


def test_remember_me_lasts_two_weeks_and_is_revoked_too(app, make_event, coordinator):
    event = make_event()
    device = app.test_client()
    answer = device.post(
        "/login",
        data={"email": coordinator.email, "password": PASSWORD, "remember": "y"},
    )
    header = next(h for h in answer.headers.getlist("Set-Cookie") if h.startswith("remember_"))
    assert "HttpOnly" in header
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(days=14)
    remember = device.get_cookie("remember_token").value
    # The browser closed: only the remember cookie is left, and it signs in again.
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember)
    assert _family_page(fresh, event) == 200
    device.post("/logout")
    stolen = app.test_client()
    stolen.set_cookie("remember_token", remember)
    assert _family_page(stolen, event) == 302


def test_old_and_forged_ids_sign_nobody_in(app, coordinator) -> None:
    from eventkit.auth.views import load_user

    assert load_user(coordinator.get_id()) == coordinator
    for bad in (str(coordinator.id), f"{coordinator.id}:99", "x:1", ":", f"{coordinator.id}:-1"):
        assert load_user(bad) is None
