"""Sign-in: throttled per account and per address; the same work for unknown addresses."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eventkit.auth import services
from tests.conftest import PASSWORD

WRONG = "not the password"
# Tomorrow, on a quarter hour: ahead of the real clock, since a session cookie signed
# "later" than the pinned time would not be accepted.
NOON = (datetime.now(UTC) + timedelta(days=1)).replace(hour=11, minute=0, second=0)
# The 15-minute window of failures ends a quarter later, on the school's clock.
UNTIL = (NOON + timedelta(minutes=15)).astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%H:%M")


def _try(client, email: str, password: str = WRONG, address: str = "192.0.2.10"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.slow  # a hundred password checks
def test_without_limits_a_hundred_wrong_passwords_all_go_through(app, client, coordinator) -> None:
    """The found case: nothing stopped guessing (rate limits switched off, as before)."""
    answers = {_try(client, coordinator.email).status_code for _ in range(30)}
    assert answers == {200}


def test_the_sixth_wrong_password_for_an_account_is_refused(limited, english, coordinator):
    with time_machine.travel(NOON, tick=False):
        for _ in range(5):
            page = _try(english, coordinator.email)
            assert page.status_code == 200
            assert "E-mail address or password is not correct." in page.text
        page = _try(english, coordinator.email, address="198.51.100.7")
        assert page.status_code == 429
        assert "Too many failed sign-ins" in page.text and f"after {UNTIL}" in page.text
        # Even the right password waits: guessing must not go on.
        assert _try(english, coordinator.email, PASSWORD).status_code == 429
    with time_machine.travel(NOON + timedelta(minutes=15), tick=False):
        assert _try(english, coordinator.email, PASSWORD).status_code == 302


def test_the_message_is_dutch_by_default(limited, client, coordinator) -> None:
    with time_machine.travel(NOON, tick=False):
        for _ in range(6):
            page = _try(client, coordinator.email)
    assert page.status_code == 429
    assert "Te veel mislukte pogingen" in page.text and UNTIL in page.text


def test_a_right_password_clears_the_account_failures(limited, client, coordinator) -> None:
    with time_machine.travel(NOON, tick=False):
        for _ in range(4):
            _try(client, coordinator.email)
        assert _try(client, coordinator.email, PASSWORD).status_code == 302
        client.post("/logout")
        for _ in range(4):
            assert _try(client, coordinator.email).status_code == 200


@pytest.mark.slow  # dozens of password checks
def test_one_address_is_generous_but_limited(limited, client, make_user) -> None:
    """A staff room behind NAT: many colleagues mistyping pass, a sweep over accounts not."""
    users = [make_user("team") for _ in range(6)]
    with time_machine.travel(NOON, tick=False):
        for n in range(20):
            assert _try(client, users[n % 6].email).status_code == 200
        assert _try(client, users[0].email, PASSWORD).status_code == 429
        assert _try(client, users[0].email, PASSWORD, address="203.0.113.5").status_code == 302


def test_throttling_counts_across_workers(limited, app, coordinator) -> None:
    """Two gunicorn workers are two processes; the counter lives in the database, so a
    second app (another worker) on the same database sees the first one's failures."""
    from eventkit import create_app
    from eventkit.extensions import db

    other = create_app(dict(app.config))
    with time_machine.travel(NOON, tick=False):
        for _ in range(3):
            _try(app.test_client(), coordinator.email)
        with other.app_context():
            for _ in range(2):
                _try(other.test_client(), coordinator.email)
            db.session.remove()
        assert _try(app.test_client(), coordinator.email, PASSWORD).status_code == 429


def test_unknown_addresses_are_throttled_alike(limited, client) -> None:
    with time_machine.travel(NOON, tick=False):
        codes = [_try(client, "nobody@school.test").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_the_counters_hold_no_address_or_email(limited, client, coordinator) -> None:
    from eventkit.extensions import db
    from eventkit.models import RateCounter

    _try(client, coordinator.email, address="192.0.2.44")
    stored = " ".join(row.key for row in db.session.scalars(db.select(RateCounter)))
    assert stored and coordinator.email not in stored and "192.0.2.44" not in stored


def test_an_unknown_address_costs_a_hash_too(app, client, coordinator, monkeypatch) -> None:
    """The found case: 75 ms for a known address, 3 ms for an unknown one."""
    calls: list[str] = []
    real = services.check_password_hash

    def counted(stored: str, password: str) -> bool:
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(services, "check_password_hash", counted)
    _try(client, "nobody@school.test")
    assert len(calls) == 1


def _median_seconds(client, email: str) -> float:
    times = []
    for _ in range(9):
        start = time.perf_counter()
        _try(client, email)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@pytest.mark.slow  # times password checks
def test_known_and_unknown_addresses_take_as_long(app, client, coordinator) -> None:
    _try(client, "warm@school.test")  # the dummy hash is made once, on first use
    known = _median_seconds(client, coordinator.email)
    unknown = _median_seconds(client, "nobody@school.test")
    assert 1 / 3 < known / unknown < 3, (known, unknown)
