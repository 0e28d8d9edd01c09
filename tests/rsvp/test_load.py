"""Answers under load: 200 parents of different households answer at the same moment, and
50 race on one household, against a real threaded server with CSRF on (each fetches the
form, then posts). Every answer is stored once; no "database is locked", no 500.

Runs on the test database: a SQLite file (WAL, busy timeout, BEGIN IMMEDIATE for writing
requests: eventkit/database.py), or EVENTKIT_TEST_DATABASE_URL (PostgreSQL)."""

from __future__ import annotations

import http.client
import logging
import threading
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask

from eventkit.extensions import db
from eventkit.models import Event, Household, Response
from tests.html_forms import forms

PARENTS = 200
RACERS = 50


def fetch_then_post(base: str, path: str, fill: Callable[[dict[str, object]], None],
                    start: threading.Barrier) -> tuple[int, str]:  # fmt: skip
    """GET the form like a browser (cookie, CSRF token), wait for the others, then POST."""
    netloc = urlsplit(base).netloc
    page = http.client.HTTPConnection(netloc, timeout=120)
    page.request("GET", path)
    got = page.getresponse()
    body = got.read().decode()
    assert got.status == 200, body[:500]
    cookie = SimpleCookie()
    for header in got.headers.get_all("Set-Cookie") or []:
        cookie.load(header)
    page.close()
    (form,) = [f for f in forms(body) if f.method == "post"]
    data = form.data()
    assert data.get("csrf_token"), "the form carries a CSRF token"
    fill(data)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v.value}" for k, v in cookie.items()),
    }
    start.wait()
    post = http.client.HTTPConnection(netloc, timeout=120)
    post.request("POST", path, body=urlencode(data, doseq=True), headers=headers)
    answered = post.getresponse()
    text = answered.read().decode(errors="replace")
    post.close()
    return answered.status, answered.getheader("Location") or text[:300]


def crowd(base: str, jobs: list[tuple[str, Callable[[dict[str, object]], None]]]) -> list:
    start = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def one(n: int, path: str, fill: Callable[[dict[str, object]], None]) -> None:
        try:
            results[n] = fetch_then_post(base, path, fill, start)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            start.abort()
            results[n] = error

    threads = [threading.Thread(target=one, args=(n, *job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


def answer(adults: int, question: str) -> Callable[[dict[str, object]], None]:
    def fill(data: dict[str, object]) -> None:
        data.update(answer="yes", adults=str(adults), question=question)

    return fill


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.mark.slow
def test_200_parents_at_once_and_50_on_one_household(
    csrf_app: Flask,
    meeting: Event,
    make_household: Callable[..., Household],
    live_server: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    households = [make_household(meeting) for _ in range(PARENTS + 1)]
    shared = households.pop()
    ids = {h.token: h.id for h in [*households, shared]}
    jobs = [(f"/i/{h.token}", answer(1 + n % 4, f"vraag {n}")) for n, h in enumerate(households)]
    jobs += [(f"/i/{shared.token}", answer(1 + n % 6, f"samen {n}")) for n in range(RACERS)]
    db.session.commit()  # the test's own transaction must not hold the database

    with caplog.at_level(logging.ERROR):
        results = crowd(live_server, jobs)

    problems = [r for r in results if not (isinstance(r, tuple) and r[0] == 302)]
    assert problems == [], problems[:5]
    assert all("/done" in location for _status, location in results)  # type: ignore[misc]
    assert "database is locked" not in caplog.text
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []

    db.session.expire_all()
    stored = db.session.scalars(db.select(Response)).all()
    per_household = {r.household_id: r for r in stored}
    assert len(stored) == len(per_household) == PARENTS + 1  # each answer stored once
    for n, household in enumerate(households):
        response = per_household[ids[household.token]]
        assert (response.answer, response.adults, response.question) == (
            "yes", 1 + n % 4, f"vraag {n}"
        )  # fmt: skip
    winner = per_household[ids[shared.token]]
    assert winner.question.startswith("samen ")
    assert winner.adults == 1 + int(winner.question.split()[1]) % 6
