"""Engine settings for the embedded SQLite mode."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db


def configure_engine(app: Flask) -> None:
    """Foreign keys on, WAL journal and a busy timeout for every SQLite connection."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # WAL lets the outbox worker write while pages read; in-memory databases ignore it.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def sqlite_pragmas(engine: Engine) -> dict[str, Any]:
    """The pragmas in force on a fresh connection (for tests and `eventkit doctor`)."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        values = {
            name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "journal_mode", "busy_timeout")
        }
        cursor.close()
    return values
