"""Fuzz every form: for each POST route of the app (from `app.url_map`, so new routes join
by themselves), Hypothesis posts odd values in the fields of the route's form, as the
school's coordinator: control characters, bidi controls, NUL, huge numbers, empty, 10 000
characters, unicode, several values for one field. No answer may be a 500.

The fields are found the way a browser finds them: every page of the school is fetched and
its <form>s are read; a form belongs to the route its `action` points to."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventkit.extensions import db
from eventkit.models import User
from tests.conftest import PASSWORD
from tests.html_forms import Form, forms
from tests.trust.test_every_route import Looked, _fill

EXAMPLES = 6
# FUZZ_ONLY=agenda.edit_block,events.theme: only these endpoints (to look at one closely).
ONLY = {name for name in os.environ.get("FUZZ_ONLY", "").split(",") if name}
# Not posted: they end the walk (signing out, deleting the meeting every route works on).
SKIP = {"auth.logout", "auth.login", "events.delete", "events.erase"}
# Field names tried where no page shows the route's form (buttons posted by script).
GENERIC = ("title", "name", "text", "position", "ids", "order", "value", "answer", "minutes")

ODD = (
    "", " ", "\x00", "a\x00b", "\x07\x1b[31m", "\u202eevil\u202c", "\u2066x\u2069", "\ufeff",
    "-1", "0", "1e309", "NaN", "inf", "99999999999999999999999", "9" * 400, "-0", "3.5",
    "9999-12-31", "0001-01-01", "2026-02-30", "25:99", "99:99", "x" * 10_000,
    "\u0663\u0664", "\U0001f600", "\r\n\r\n", "<b>", "=HYPERLINK(\"x\")", "on", "true",
    "\ud7ff", "\U0010ffff", "a" * 201,
)  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
ONE = st.one_of(st.sampled_from(ODD), TEXT)
VALUE = st.one_of(ONE, st.lists(ONE, min_size=0, max_size=3))


def form_values(form: Form | None) -> st.SearchStrategy[dict[str, Any]]:
    """Per field: what a browser would send, or something odd; sometimes left out."""
    if form is None:
        return st.dictionaries(st.sampled_from(GENERIC), VALUE, max_size=len(GENERIC))
    fields = {}
    for name, values in form.fields.items():
        plain = values if len(values) != 1 else values[0]
        fields[name] = st.one_of(st.just(plain), VALUE, st.just(None))
    return st.fixed_dictionaries(fields).map(
        lambda data: {k: v for k, v in data.items() if v is not None}
    )


@pytest.fixture
def looked(app: Flask, make_event: Callable[..., Any]) -> Looked:
    app.config["PROPAGATE_EXCEPTIONS"] = True  # a 500 shows its traceback
    app.config["EVENTKIT_GROUPING_SECONDS"] = 0.05
    return Looked(app, make_event)


@pytest.fixture
def coordinator_of(app: Flask, looked: Looked, make_user: Callable[..., User]) -> User:
    return make_user("coordinator", school_=looked.school)


def sign_in(client: FlaskClient, user: User) -> None:
    answer = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert answer.status_code == 302


def routes(app: Flask, looked: Looked, method: str) -> Iterator[tuple[str, str]]:
    """(endpoint, URL) of every route taking `method`, with the school's objects filled in."""
    with app.test_request_context():
        from flask import url_for

        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if method in (rule.methods or ()) and rule.endpoint not in SKIP:
                yield rule.endpoint, url_for(rule.endpoint, **_fill(rule, looked))


def discover(app: Flask, client: FlaskClient, looked: Looked) -> dict[str, Form]:
    """The forms on every page of the school, by the path they post to."""
    found: dict[str, Form] = {}
    for endpoint, url in list(routes(app, looked, "GET")):
        if endpoint == "static" or url.startswith("/language/"):
            continue
        g.pop("_login_user", None)
        page = client.get(url)
        if page.status_code != 200 or not page.mimetype.startswith("text/html"):
            page.close()
            continue
        for form in forms(page.get_data(as_text=True)):
            if form.method == "post":
                path = urlsplit(form.action).path or urlsplit(url).path
                found.setdefault(path, form)
        page.close()
    return found


def post_fuzz(client: FlaskClient, url: str, form: Form | None) -> None:
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(data=form_values(form))
    @example(data={})  # an empty form: what a stale page or a bot posts
    def one(data: dict[str, Any]) -> None:
        g.pop("_login_user", None)
        answer = client.post(url, data=data)
        answer.close()
        assert answer.status_code < 500, (url, data)

    one()


@pytest.mark.slow
def test_no_form_answers_500_to_odd_input(app: Flask, looked: Looked, coordinator_of: User) -> None:
    client = app.test_client()
    sign_in(client, coordinator_of)
    found = discover(app, client, looked)
    problems = []
    for endpoint, url in list(routes(app, looked, "POST")):
        if ONLY and endpoint not in ONLY:
            continue
        try:
            post_fuzz(client, url, found.get(urlsplit(url).path))
        except Exception as error:  # noqa: BLE001 - listed, and the walk goes on
            if ONLY:
                raise
            db.session.rollback()
            problems.append(f"{endpoint} {url}: {type(error).__name__}: {str(error)[:300]}")
        g.pop("_login_user", None)
        if client.get("/").status_code == 302 and "/login" in client.get("/").location:
            sign_in(client, coordinator_of)
    assert not problems, "\n".join(problems)
