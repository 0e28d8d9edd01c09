"""Health, heartbeats, backup and restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404 # pg_dump/pg_restore with an argument list, no shell
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select, text
from sqlalchemy.engine import URL

from ..extensions import db
from ..models import Heartbeat

WORKER = "outbox"
# The worker beats whenever its queue is empty (every few seconds); a long batch of mail
# keeps it busy, so "seen recently" allows a quarter of an hour.
WORKER_LATE = timedelta(minutes=15)


class BackupError(RuntimeError):
    pass


# --- heartbeats and health ------------------------------------------------------------------


def beat(name: str, now: datetime) -> None:
    """Record that the process `name` is alive now."""
    row = db.session.get(Heartbeat, name)
    if row is None:
        db.session.add(Heartbeat(name=name, seen_at=now))
    else:
        row.seen_at = now
    db.session.commit()


@dataclass
class Health:
    checks: dict[str, str]

    @property
    def ok(self) -> bool:
        return all(value in ("ok", "not configured") for value in self.checks.values())


def _migrations() -> str:
    # Alembic is imported here only: the `eventkit` command starts without it.
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", current_app.extensions["migrate"].directory)
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return "ok" if current == heads else "behind"


def _worker(now: datetime) -> str:
    seen = db.session.scalar(select(Heartbeat.seen_at).where(Heartbeat.name == WORKER))
    if seen is None:
        # A school without mail settings runs no worker: nothing to miss.
        return "never seen" if current_app.config.get("EVENTKIT_SMTP_HOST") else "not configured"
    return "ok" if now - seen <= WORKER_LATE else "late"


def health(now: datetime) -> Health:
    """Database reachable, schema at the newest migration, the mail worker alive."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database is "down", never a 500
        db.session.rollback()
        return Health({"database": "down"})
    checks = {"database": "ok", "migrations": _migrations(), "worker": _worker(now)}
    return Health(checks)


# --- backup and restore ---------------------------------------------------------------------


def _sqlite_path() -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up")
    return Path(database)


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """The connection as pg_* arguments; the password goes in the environment, not argv."""
    url: URL = db.engine.url
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed")
    args = [program, "--no-owner", f"--dbname={url.database}"]
    if url.host:
        args.append(f"--host={url.host}")
    if url.port:
        args.append(f"--port={url.port}")
    if url.username:
        args.append(f"--username={url.username}")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def backup(target: Path) -> None:
    """A consistent copy of the database while the app keeps running.

    SQLite: the online backup API (pages copied under a read lock, writers wait only
    briefly). PostgreSQL: pg_dump in its custom format (pg_restore reads it)."""
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file")
    dialect = db.engine.dialect.name
    if dialect == "sqlite":
        try:
            _sqlite_copy(_sqlite_path(), target)
        except sqlite3.Error as error:
            target.unlink(missing_ok=True)
            raise BackupError(f"no backup written to {target}: {error}") from error
    elif dialect == "postgresql":
        args, env = _pg_command("pg_dump")
        args += ["--format=custom", f"--file={target}"]
        _run(args, env)
    else:
        raise BackupError(f"no backup for {dialect}")


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent snapshot even while others write."""
    origin = sqlite3.connect(source)
    try:
        copy = sqlite3.connect(target)
        try:
            origin.backup(copy)
        finally:
            copy.close()
    finally:
        origin.close()


def _check_sqlite_backup(source: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not an eventkit backup: {error}") from error
    if result is None or result[0] != "ok" or "alembic_version" not in tables:
        raise BackupError(f"{source} is not an eventkit backup")


def restore(source: Path) -> None:
    """Bring a backup back over the current database (everything in it is replaced)."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist")
    dialect = db.engine.dialect.name
    db.session.remove()
    if dialect == "sqlite":
        _check_sqlite_backup(source)
        db.engine.dispose()
        backup_copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(_sqlite_path())
        try:
            backup_copy.backup(live)
        finally:
            live.close()
            backup_copy.close()
    elif dialect == "postgresql":
        args, env = _pg_command("pg_restore")
        args += ["--clean", "--if-exists", "--single-transaction", str(source)]
        _run(args, env)
    else:
        raise BackupError(f"no restore for {dialect}")


def _run(args: list[str], env: dict[str, Any]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{args[0]} failed")
