"""Shared fixtures: an app on a fresh SQLite file per test, factories, sign-in."""

from __future__ import annotations

import os
import smtplib
from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from eventkit import create_app
from eventkit.agenda import catalog
from eventkit.auth.services import create_user
from eventkit.events.services import EventData, create_event
from eventkit.extensions import db
from eventkit.models import Event, School, User

PASSWORD = "correct horse battery"

# Browser fixtures (one Chromium for the whole run) for every test folder.
pytest_plugins = ["tests.browser.fixtures"]


# EVENTKIT_TEST_DATABASE_URL runs the suite on another database (e.g. PostgreSQL); each
# test then starts from freshly created tables. By default: a new SQLite file per test.


def _per_worker(url: str | None) -> str | None:
    """Under pytest-xdist every worker gets a schema of its own in the test database (through
    libpq's search_path option), so two workers never empty each other's tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{worker}"'))
    engine.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{worker}"


TEST_DATABASE_URL = _per_worker(os.environ.get("EVENTKIT_TEST_DATABASE_URL"))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL
            or f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "EVENTKIT_BASE_URL": "http://eventkit.test",
            "EVENTKIT_JOBS_INLINE": True,
            "EVENTKIT_GROUPING_SECONDS": 1.0,
            # Rate limits would stop tests that post many times; tests/trust switches them on.
            "EVENTKIT_RATE_LIMITS": False,
        }
    )
    with app.app_context():
        if TEST_DATABASE_URL:
            _empty_database()
        else:
            db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


_schema_made: list[bool] = []


def _empty_database() -> None:
    """On a shared server (PostgreSQL): the tables are made once per run, then emptied before
    each test (TRUNCATE … RESTART IDENTITY is a few milliseconds; dropping and making every
    table again took most of the pass's time)."""
    if not _schema_made:
        db.drop_all()
        db.create_all()
        _schema_made.append(True)
        return
    names = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.session.commit()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that share the one LibreOffice conversion run on one xdist worker (one call)."""
    for item in items:
        if "converted" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("office-converted"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(autouse=True)
def no_real_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mail in tests goes to a loopback server the test starts itself, never elsewhere."""
    real = smtplib.SMTP.connect

    def guarded(self: smtplib.SMTP, host: str = "localhost", port: int = 0, *a: Any) -> Any:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"a test tried to reach the SMTP server {host}")
        return real(self, host, port, *a)

    monkeypatch.setattr(smtplib.SMTP, "connect", guarded)


@pytest.fixture
def school(app: Flask) -> School:
    school = School(name="OBS De Linde", city="Utrecht")
    db.session.add(school)
    db.session.commit()
    return school


@pytest.fixture
def make_user(school: School) -> Callable[..., User]:
    counter = iter(range(1, 1000))

    def make(role: str = "coordinator", school_: School | None = None, **kw: Any) -> User:
        n = next(counter)
        email = kw.pop("email", f"{role}{n}@school.test")
        name = kw.pop("name", f"{role.title()} {n}")
        return create_user(email, name, role, PASSWORD, school_ or school)

    return make


@pytest.fixture
def make_event(school: School) -> Callable[..., Event]:
    def make(template: str = "default", school_: School | None = None, **fields: Any) -> Event:
        values: dict[str, Any] = {
            "title": "Ouderavond aanwezigheid",
            "date": date.today() + timedelta(days=30),
            "start_time": time(19, 0),
            "planned_end": time(21, 15),
            "location": "Schoolstraat 1",
            "room": "Aula",
            "target_group": "Ouders van leerjaar 2",
            "status": "concept",
            "language": "nl",
        }
        values.update(fields)
        return create_event(
            school_ or school, event_data(**values), catalog.builtin(template, values["language"])
        )

    return make


def event_data(**fields: Any) -> EventData:
    """A meeting's settings from keyword arguments (what make_event(**fields) passes on)."""
    return EventData(**fields)


@pytest.fixture
def login(client: FlaskClient) -> Callable[[User], FlaskClient]:
    def sign_in(user: User) -> FlaskClient:
        response = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.text
        return client

    return sign_in


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user("coordinator", name="Fatima el Amrani")


@pytest.fixture
def signed_in(login: Callable[[User], FlaskClient], coordinator: User) -> FlaskClient:
    return login(coordinator)


@pytest.fixture
def english(client: FlaskClient) -> FlaskClient:
    """The same client with the interface switched to English (for asserting on messages)."""
    client.get("/language/en")
    return client
