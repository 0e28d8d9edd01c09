"""Engine settings for the embedded SQLite mode, and write transactions that wait their turn.

SQLite allows one writer at a time. A transaction that starts as a reader and later
writes must upgrade its lock; if another connection wrote in between, SQLite refuses at
once with "database is locked", without waiting for the busy timeout. Transactions inside
`writing()` (the outbox worker's claims and results) therefore start with
`BEGIN IMMEDIATE`: they take the write lock first and queue behind other writers for up to
the busy timeout. SQLAlchemy's "begin" event sends it; the driver (pysqlite) then sees the
transaction open and adds no BEGIN of its own.

All other transactions are left to the driver: reads outside a transaction see the newest
data, and a transaction begins at its first INSERT/UPDATE/DELETE, so it starts by taking
the write lock and waits its turn as well (the answers-under-load test in
tests/rsvp/test_load.py shows it). Not every POST request begins IMMEDIATE: a request
that parses an upload first would hold the write lock all that time, and inline work
with a second session in the same request (jobs) would wait for its own request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from .extensions import db

BUSY_TIMEOUT_MS = 5000

_writing: ContextVar[bool] = ContextVar("eventkit_writing", default=False)


def configure_engine(app: Flask) -> None:
    """Foreign keys on, WAL journal and a busy timeout for every SQLite connection, and
    transactions that will write taking the write lock first."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # WAL lets the outbox worker write while pages read; in-memory databases ignore it.
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is durable against application crashes (only a power cut can
    # lose the last commits) and spares an fsync per commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    if will_write():
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def will_write() -> bool:
    """Whether a transaction starting now is declared to write (inside `writing()`)."""
    return _writing.get()


@contextmanager
def writing() -> Iterator[None]:
    """Transactions that begin inside this block take SQLite's write lock at once (no-op
    on PostgreSQL, which locks rows instead). End the current transaction before entering
    (commit or rollback): one already open keeps the mode it began with."""
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def sqlite_pragmas(engine: Engine) -> dict[str, Any]:
    """The pragmas in force on a fresh connection (for tests and `eventkit doctor`)."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        values = {
            name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("foreign_keys", "journal_mode", "busy_timeout", "synchronous")
        }
        cursor.close()
    return values


@contextmanager
def statement_by_statement() -> Iterator[None]:
    """On PostgreSQL, run the statements of this block each as its own transaction
    (autocommit). For a parent's page (one read) and answer (one read, then one atomic
    upsert) that is the same work in fewer round trips: no BEGIN, COMMIT or ROLLBACK of
    their own (issue 13). The block ends the session's transaction, so what follows (a
    test's own statements in the same app context) starts an ordinary one again; the pool
    gives the connection its usual isolation level back. Does nothing on SQLite, or when
    the session's transaction has begun already."""
    session = db.session()
    if session.in_transaction() or db.engine.dialect.name != "postgresql":
        yield
        return
    session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    try:
        yield
    finally:
        session.rollback()  # nothing left to undo: every statement committed on its own
