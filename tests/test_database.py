"""The schema comes from the migrations, and SQLite runs with the settings we rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from eventkit import create_app
from eventkit.database import sqlite_pragmas
from eventkit.extensions import db


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/m.db"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert diff == []


def test_sqlite_pragmas(app) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the pragmas are SQLite's (this pass runs on another database)")
    pragmas = sqlite_pragmas(db.engine)
    assert pragmas == {
        "foreign_keys": 1, "journal_mode": "wal", "busy_timeout": 5000, "synchronous": 1
    }  # fmt: skip


def test_database_url_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.db"


def test_production_mode_needs_real_settings(monkeypatch) -> None:
    import pytest

    from eventkit.config import ConfigError

    monkeypatch.setenv("EVENTKIT_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_writing_transactions_take_the_write_lock_at_once(app) -> None:
    """Inside writing() a SQLite transaction begins IMMEDIATE: it holds the write lock from
    its first statement (a read), so it never has to upgrade later and fail at once."""
    import sqlite3

    from sqlalchemy import text

    from eventkit.database import writing

    if db.engine.dialect.name != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's")
    db.session.commit()
    other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
    try:
        with writing():
            db.session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            db.session.commit()
        db.session.execute(text("SELECT 1"))  # outside writing(): no lock taken
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        db.session.commit()
    finally:
        other.close()


def test_typed_states_store_the_plain_words(make_event) -> None:
    """Roles, answers and statuses are enums in Python but the same words in the database
    (a VARCHAR, no database enum type), so no stored row changes and both databases agree."""
    from sqlalchemy import select, text

    from eventkit.models import (
        Answer,
        GroupingStatus,
        Household,
        Participant,
        PersonRole,
        Response,
        Status,
    )

    event = make_event()
    household = Household(event=event)
    household.response = Response(answer=Answer.MAYBE)
    staff = Participant(event=event, first_name="Lotte", role=PersonRole.STAFF, can_facilitate=True)
    parent = Participant(event=event, household=household, first_name="Ayse", role="parent")
    db.session.add_all([household, staff, parent])
    event.grouping_status = GroupingStatus.CHANGED
    db.session.commit()
    rows = db.session.execute(
        text("SELECT role FROM participants WHERE event_id = :e"), {"e": event.id}
    )
    assert sorted(row[0] for row in rows) == ["parent", "staff"]
    assert db.session.execute(text("SELECT answer FROM responses")).scalar() == "maybe"
    status = text("SELECT status, grouping_status FROM events WHERE id = :e")
    assert tuple(db.session.execute(status, {"e": event.id}).one()) == ("concept", "changed")
    db.session.expire_all()
    query = select(Participant.role).where(Participant.event_id == event.id)
    roles = list(db.session.scalars(query))
    assert set(roles) == {PersonRole.STAFF, PersonRole.PARENT}
    assert all(type(role) is PersonRole for role in roles)
    assert db.session.get(type(event), event.id).status is Status.CONCEPT
    assert staff.leads_table and not parent.leads_table
    parent.can_facilitate = True
    assert not parent.leads_table, "only staff lead a table"
