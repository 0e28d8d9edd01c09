"""First answers are an upsert: many answers racing on one fresh household never give a 500,
and the household ends with exactly one stored answer (the app on a SQLite file, threads)."""

from __future__ import annotations

import threading

from flask import Flask

from eventkit.extensions import db
from eventkit.models import Household, Response

RACERS = 50
ROUNDS = 3


def race(app: Flask, token: str) -> list[int]:
    """RACERS answers for one household, released at the same moment."""
    start = threading.Barrier(RACERS)
    statuses: list[int] = []

    def answer(n: int) -> None:
        client = app.test_client()
        data = {"answer": "yes", "adults": str(1 + n % 6), "question": f"vraag {n}",
                "theme_1": "", "theme_2": "", "theme_3": ""}  # fmt: skip
        start.wait()
        statuses.append(client.post(f"/i/{token}", data=data).status_code)

    threads = [threading.Thread(target=answer, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_racing_first_answers_are_stored_once_without_a_500(app, meeting, make_household) -> None:
    for _ in range(ROUNDS):
        household = make_household(meeting)
        statuses = race(app, household.token)
        assert statuses == [302] * RACERS
        db.session.expire_all()
        stored = db.session.query(Response).filter_by(household_id=household.id).all()
        assert len(stored) == 1
        assert stored[0].question.startswith("vraag ")
        assert stored[0].adults == 1 + int(stored[0].question.split()[1]) % 6
        assert db.session.get(Household, household.id).response is stored[0]
