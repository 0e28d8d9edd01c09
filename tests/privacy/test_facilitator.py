"""Facilitators (possibly hired from outside) see first names, tables and notes: no
parent's e-mail, phone or personal link on any page they can open."""

from __future__ import annotations

import pytest
from flask import Flask, g

from eventkit.extensions import db
from eventkit.models import Action
from tests.trust.test_every_route import (
    Looked,
    _public_by_token,
    _request,
    _signed_in,
    _walk,
)


class Facilitated(Looked):
    def id_for(self, name: str) -> int:
        """`action_id` by its own table (the mappers' order could pick action_notes)."""
        if name == "action_id":
            return int(db.session.scalar(db.select(Action.id).limit(1)) or 0)
        return super().id_for(name)


@pytest.fixture
def looked(app: Flask, make_event) -> Looked:
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return Facilitated(app, make_event)


def test_a_facilitators_pages_hold_no_contact_data_or_links(app, looked, make_user) -> None:
    client = _signed_in(app, make_user("facilitator", school_=looked.school))
    carer = looked.household.carers[0]
    contact = {"e-mail": carer.email, "phone": carer.phone, "link": f"/i/{looked.household.token}"}
    problems = []
    for method, url, rule in _walk(app, looked, signed_in=True):
        if method != "GET" or _public_by_token(rule) or rule.endpoint == "static":
            continue
        status, text = _request(client, method, url)
        found = [what for what, value in contact.items() if value in text]
        if status == 200 and found:
            problems.append(f"{url} ({rule.endpoint}): {', '.join(found)}")
    assert not problems, "\n".join(problems)


def test_a_facilitators_search_does_not_find_by_address(login, make_user, make_event) -> None:
    from tests.invitations.conftest import add_household

    event = make_event()
    add_household(event, carers=(("Olga Zwanenbeek", "olga@a.test"),))
    url = f"/events/{event.id}/participants/"
    team = login(make_user("team"))
    assert "Zwanenbeek" in team.get(url, query_string={"q": "olga@a.test"}).text
    team.post("/logout")
    facilitator = login(make_user("facilitator", email="f@school.test"))
    g.pop("_login_user", None)
    found = facilitator.get(url, query_string={"q": "olga@a.test"}).text
    assert "Olga" not in found
    g.pop("_login_user", None)
    # By name a facilitator finds her, shown by first name only.
    by_name = facilitator.get(url, query_string={"q": "Olga"}).text
    assert "Olga" in by_name and "Zwanenbeek" not in by_name


def test_the_participants_page_shows_a_facilitator_first_names(
    app, looked, make_user, login
) -> None:
    client = login(make_user("facilitator", school_=looked.school))
    carer = looked.household.carers[0]
    page = client.get(f"/events/{looked.event.id}/participants/").text
    assert carer.first_name in page
    assert carer.last_name not in page
    assert looked.household.pupils[0].last_name not in page
