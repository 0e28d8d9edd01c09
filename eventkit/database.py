"""Engine settings for the embedded SQLite mode, and write transactions that wait their turn.

SQLite allows one writer at a time. A transaction that starts as a reader (`BEGIN`, the
default) and later writes must upgrade its lock; if another connection wrote in between,
SQLite refuses at once with "database is locked", without waiting for the busy timeout.
So transactions that will write start with `BEGIN IMMEDIATE`: they take the write lock
first and queue behind other writers for up to the busy timeout. Which ones: every
transaction of a request that may change something (POST and the like), and every one
inside `writing()` (the outbox worker's claims and results). Reading pages keep plain
`BEGIN`, so they never wait for writers (WAL).

How: SQLAlchemy's "begin" event sends `BEGIN IMMEDIATE` itself for those transactions;
the driver (pysqlite) sees the transaction open and adds no BEGIN of its own. All other
transactions are left to the driver as before: reads outside a transaction see the newest
data, and the first INSERT/UPDATE/DELETE opens a transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from .extensions import db

BUSY_TIMEOUT_MS = 5000
# Requests with these methods only read; all others start their transactions IMMEDIATE.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

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
    """Whether a transaction starting now is expected to write."""
    if _writing.get():
        return True
    return has_request_context() and request.method not in READING_METHODS


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
