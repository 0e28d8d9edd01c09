"""Public forms: limits per token and per address, shared by every worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from flask import Flask

from eventkit import throttle
from eventkit.extensions import db
from eventkit.invitations import links
from eventkit.models import Household
from tests.rsvp.test_walk_in import SIGN_UP

SOON = (datetime.now(UTC) + timedelta(days=1)).replace(hour=18, minute=0, second=0)


def _walk_in(client, code: str, address: str = "192.0.2.20", **kw):
    return client.post(f"/e/{code}", data=SIGN_UP, environ_base={"REMOTE_ADDR": address}, **kw)


def _households() -> int:
    return len(db.session.scalars(db.select(Household)).all())


def test_without_limits_one_walk_in_code_takes_any_number(app, client, meeting) -> None:
    """The found case: sign-up after sign-up from one code, as fast as they come."""
    code = links.walkin_code(meeting, app.config["SECRET_KEY"])
    codes = {_walk_in(client, code).status_code for _ in range(35)}
    assert codes == {302} and _households() == 35


def test_a_walk_in_code_takes_thirty_a_minute(limited, client, meeting) -> None:
    code = links.walkin_code(meeting, limited.config["SECRET_KEY"])
    with time_machine.travel(SOON, tick=False):
        codes = [_walk_in(client, code, address=f"192.0.2.{n}").status_code for n in range(32)]
        assert codes == [302] * 30 + [429] * 2
        refused = _walk_in(client, code, headers={"Accept-Language": "tr"})
    assert _households() == 30
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["Cache-Control"] == "no-store"
    assert 'lang="tr"' in refused.text and "Bir dakika bekleyin" in refused.text
    with time_machine.travel(SOON + timedelta(minutes=1), tick=False):
        assert _walk_in(client, code).status_code == 302


def test_the_limit_page_speaks_the_chosen_language(limited, client, meeting, monkeypatch):
    monkeypatch.setattr(throttle, "PUBLIC_PER_TOKEN", throttle.Limit(1, 60))
    code = links.walkin_code(meeting, limited.config["SECRET_KEY"])
    with time_machine.travel(SOON, tick=False):
        _walk_in(client, code)
        page = client.post(f"/e/{code}?lang=ar", data=SIGN_UP)
    assert page.status_code == 429 and 'dir="rtl"' in page.text
    assert "?lang=nl" in page.text  # the language switch is there


def test_a_class_behind_one_address_passes(limited, client, meeting, make_household) -> None:
    """A whole class answering from the school's Wi-Fi at once: different links, one address."""
    tokens = [make_household(meeting).token for _ in range(30)]
    answer = {"answer": "yes", "adults": "1"}
    with time_machine.travel(SOON, tick=False):
        codes = {client.post(f"/i/{token}", data=answer).status_code for token in tokens}
    assert 429 not in codes


def test_one_address_is_limited_over_many_links(
    limited, client, meeting, make_household, monkeypatch
) -> None:
    monkeypatch.setattr(throttle, "PUBLIC_PER_ADDRESS", throttle.Limit(5, 60))
    tokens = [make_household(meeting).token for _ in range(7)]
    with time_machine.travel(SOON, tick=False):
        codes = [client.post(f"/i/{t}", data={"answer": "no"}).status_code for t in tokens]
        other = client.post(
            f"/i/{tokens[0]}", data={"answer": "no"}, environ_base={"REMOTE_ADDR": "192.0.2.99"}
        )
    assert codes.count(429) == 2 and 429 not in codes[:5]
    assert other.status_code != 429


def test_pages_are_not_counted_only_posts(limited, client, meeting, monkeypatch) -> None:
    monkeypatch.setattr(throttle, "PUBLIC_PER_TOKEN", throttle.Limit(1, 60))
    code = links.walkin_code(meeting, limited.config["SECRET_KEY"])
    assert {client.get(f"/e/{code}").status_code for _ in range(5)} == {200}


def test_new_public_routes_are_limited_without_a_line_of_code(limited: Flask, monkeypatch):
    """/t/, /a/, /f/, /n/ followed by a token are limited by their path alone; any other
    view opts in with @throttle.public."""
    monkeypatch.setattr(throttle, "PUBLIC_PER_TOKEN", throttle.Limit(2, 60))
    # A path of its own below a public prefix (the real /n/<token> is the aftercare page).
    limited.add_url_rule("/n/<token>/probe", "probe", lambda token: "ok", methods=["POST"])
    limited.add_url_rule(
        "/elsewhere/<key>", "elsewhere", throttle.public(lambda key: "ok"), methods=["POST"]
    )
    limited.add_url_rule("/staff/<key>", "staff", lambda key: "ok", methods=["POST"])
    client = limited.test_client()
    with time_machine.travel(SOON, tick=False):
        for path in ("/n/abc/probe", "/elsewhere/abc"):
            assert [client.post(path).status_code for _ in range(3)] == [200, 200, 429]
        assert {client.post("/staff/abc").status_code for _ in range(3)} == {200}


def test_two_workers_count_together(limited, meeting, monkeypatch) -> None:
    from eventkit import create_app

    monkeypatch.setattr(throttle, "PUBLIC_PER_TOKEN", throttle.Limit(3, 60))
    code = links.walkin_code(meeting, limited.config["SECRET_KEY"])
    second = create_app(dict(limited.config))
    with time_machine.travel(SOON, tick=False):
        assert _walk_in(limited.test_client(), code).status_code == 302
        with second.app_context():
            assert _walk_in(second.test_client(), code).status_code == 302
            assert _walk_in(second.test_client(), code).status_code == 302
            db.session.remove()
        assert _walk_in(limited.test_client(), code).status_code == 429


def test_a_link_for_the_whole_room_takes_more(limited: Flask, monkeypatch) -> None:
    """Every parent scans the evaluation's one QR code (/f/) at the end of the evening; a
    view can also bring its own limit."""
    monkeypatch.setattr(throttle, "PUBLIC_PER_TOKEN", throttle.Limit(2, 60))
    limited.add_url_rule("/f/<token>/probe", "probe", lambda token: "ok", methods=["POST"])
    limited.add_url_rule(
        "/room/<key>",
        "room",
        throttle.public(per_token=throttle.Limit(4, 60))(lambda key: "ok"),
        methods=["POST"],
    )
    client = limited.test_client()
    with time_machine.travel(SOON, tick=False):
        assert {client.post("/f/abc/probe").status_code for _ in range(40)} == {200}
        assert [client.post("/room/abc").status_code for _ in range(5)] == [200] * 4 + [429]
