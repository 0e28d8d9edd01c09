"""A parent's link and answer cost a fixed, small number of SQL statements (issue 13: 600
parents answer in the same minutes). Opening the link: one statement (household, answer,
children, meeting and school together; the page itself is kept per meeting version,
language and whether children are named). Answering: that one and the upsert. With the
rate limits off nothing is counted; with them on, two counters more."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from eventkit import demo_big
from eventkit.extensions import db
from eventkit.models import Household, RateCounter, School
from tests.perf.test_statements import statements  # noqa: F401

ANSWER = {"answer": "yes", "adults": "2", "theme_1": "", "theme_2": "", "theme_3": ""}


@pytest.fixture
def tokens(school: School) -> list[str]:
    event = demo_big.build(school, demo_big.Size.scaled(40), date(2027, 3, 9))
    for household in event.households:
        household.response = None
    db.session.commit()
    return [h.token for h in db.session.query(Household).filter_by(event_id=event.id)]


def opened(client: FlaskClient, tokens: list[str]) -> None:
    """Open links until the kept pages exist (the first page of each kind is rendered)."""
    for token in tokens:
        assert client.get(f"/i/{token}").status_code == 200


def answered(client: FlaskClient, token: str, read: Callable[[], int]) -> tuple[int, int]:
    """(statements of the GET, statements of the POST), each from an empty session."""
    db.session.remove()
    read()
    page = client.get(f"/i/{token}")
    assert page.status_code == 200
    opened = read()
    db.session.remove()
    answer = client.post(f"/i/{token}", data=ANSWER)
    assert answer.status_code == 302, answer.text[:500]
    return opened, read()


def test_a_parent_opens_the_link_in_one_statement_and_answers_in_two(
    client: FlaskClient,
    tokens: list[str],
    statements: Callable[[], int],  # noqa: F811 - the fixture imported above
) -> None:
    opened(client, tokens)
    for token in tokens[:4]:
        assert answered(client, token, statements) == (1, 2)
    assert db.session.query(RateCounter).count() == 0


def test_with_rate_limits_on_an_answer_costs_two_counters_more(
    app: Flask,
    client: FlaskClient,
    tokens: list[str],
    statements: Callable[[], int],  # noqa: F811 - the fixture imported above
) -> None:
    app.config["EVENTKIT_RATE_LIMITS"] = True
    opened(client, tokens)
    answered(client, tokens[0], statements)  # opens the windows (and clears ended ones)
    assert answered(client, tokens[1], statements) == (1, 4)
    assert re.fullmatch(r"[0-9a-f]{64}", db.session.query(RateCounter.key).first()[0])
