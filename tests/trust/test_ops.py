"""Operations: /healthz, request ids in pages and logs, backup and restore."""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from eventkit import create_app
from eventkit.extensions import db
from eventkit.mail import cli as mail_cli
from eventkit.models import Event, Heartbeat, utcnow
from eventkit.ops import services


@pytest.fixture
def migrated(tmp_path: Path) -> Flask:
    """An app whose database was made by the migrations (as `eventkit init` does)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/ops.db",
            "EVENTKIT_SMTP_HOST": "",
        }
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


def test_healthz_is_ok_on_a_migrated_database(migrated: Flask) -> None:
    answer = migrated.test_client().get("/healthz")
    assert answer.status_code == 200
    assert answer.json == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "worker": "not configured",
    }


def test_healthz_fails_when_the_schema_is_behind(migrated: Flask) -> None:
    with migrated.app_context():
        older = "UPDATE alembic_version SET version_num='0006_evening_aftercare'"
        db.session.execute(db.text(older))
        db.session.commit()
    answer = migrated.test_client().get("/healthz")
    assert answer.status_code == 503 and answer.json["migrations"] == "behind"


def test_healthz_watches_the_worker(migrated: Flask) -> None:
    migrated.config["EVENTKIT_SMTP_HOST"] = "127.0.0.1"
    client = migrated.test_client()
    assert client.get("/healthz").json["worker"] == "never seen"
    with migrated.app_context():
        services.beat(services.WORKER, utcnow())
    assert client.get("/healthz").status_code == 200
    with migrated.app_context():
        row = db.session.get(Heartbeat, services.WORKER)
        row.seen_at = utcnow() - timedelta(minutes=16)
        db.session.commit()
    answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json["worker"] == "late"


def test_the_worker_beats_when_idle(app: Flask) -> None:
    idle = mail_cli._idle(lambda today: False)
    idle()
    idle()  # the second within HEARTBEAT_EVERY writes nothing new
    # (the daily retention purge keeps its own row beside the worker's)
    (row,) = db.session.scalars(db.select(Heartbeat).where(Heartbeat.name == "outbox")).all()
    assert utcnow() - row.seen_at < timedelta(minutes=1)


def test_healthz_says_when_the_database_is_down(app: Flask, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(db.session, "execute", broken)
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 503 and answer.json == {"status": "failing", "database": "down"}


# --- request ids ---------------------------------------------------------------------------


@pytest.fixture
def failing(app: Flask) -> Flask:
    def boom() -> str:
        raise RuntimeError("something broke")

    app.add_url_rule("/boom", "boom", boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_an_error_page_shows_the_id_that_is_in_the_log(failing: Flask, caplog) -> None:
    with caplog.at_level(logging.ERROR):
        page = failing.test_client().get("/boom")
    assert page.status_code == 500
    request_id = page.headers["X-Request-ID"]
    assert len(request_id) == 32 and request_id in page.text
    logged = [r for r in caplog.records if r.getMessage().startswith("Exception on /boom")]
    assert logged and logged[0].request_id == request_id


def test_a_sane_request_id_from_the_proxy_is_kept(app: Flask) -> None:
    client = app.test_client()
    kept = client.get("/login", headers={"X-Request-ID": "proxy-4711-abcdef"})
    assert kept.headers["X-Request-ID"] == "proxy-4711-abcdef"
    for insane in ("<script>", "x" * 200, "a b c d e f g h", "short"):
        replaced = client.get("/login", headers={"X-Request-ID": insane})
        assert replaced.headers["X-Request-ID"] != insane


def test_the_log_format_names_the_request() -> None:
    from flask.logging import default_handler

    from eventkit.ops.requests import LOG_FORMAT

    assert "%(request_id)s" in LOG_FORMAT
    assert default_handler.formatter is not None
    assert default_handler.formatter._fmt == LOG_FORMAT


def test_forwarded_addresses_only_with_a_configured_proxy(tmp_path: Path) -> None:
    from flask import request

    seen: list[str] = []
    for proxies in (0, 1):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p{proxies}.db",
                "EVENTKIT_TRUSTED_PROXIES": proxies,
            }
        )
        app.add_url_rule("/who", "who", lambda: seen.append(request.remote_addr or "") or "ok")
        app.test_client().get(
            "/who",
            headers={"X-Forwarded-For": "203.0.113.9"},
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
    assert seen == ["10.0.0.2", "203.0.113.9"]


# --- backup and restore ---------------------------------------------------------------------


def test_backup_and_restore_round_trip(migrated: Flask, tmp_path: Path) -> None:
    runner = migrated.test_cli_runner()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["schools", "create", "OBS De Linde"]).exit_code == 0
    with migrated.app_context():
        before = sorted(e.title for e in db.session.scalars(db.select(Event)))
    target = tmp_path / "backup.sqlite3"
    made = runner.invoke(args=["backup", str(target)])
    assert made.exit_code == 0, made.output
    again = runner.invoke(args=["backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output
    with migrated.app_context():  # the data changes after the backup
        db.session.execute(db.delete(Event))
        db.session.commit()
        assert db.session.scalars(db.select(Event)).all() == []
    restored = runner.invoke(args=["restore", str(target), "--yes"])
    assert restored.exit_code == 0, restored.output
    with migrated.app_context():
        after = sorted(e.title for e in db.session.scalars(db.select(Event)))
    assert after == before and before
    assert migrated.test_client().get("/healthz").status_code == 200


def test_backup_while_a_writer_holds_the_database(migrated: Flask, tmp_path: Path) -> None:
    """The copy is consistent while the app runs: a transaction in flight is not in it."""
    with migrated.app_context():
        path = Path(db.engine.url.database or "")
    writer = sqlite3.connect(path)
    writer.execute("BEGIN")
    writer.execute("INSERT INTO schools (name, city, created_at, docx_template_name) "
                   "VALUES ('Half', '', '2026-01-01', '')")  # fmt: skip
    with migrated.app_context():
        services.backup(tmp_path / "copy.sqlite3")
    writer.rollback()
    writer.close()
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("SELECT count(*) FROM schools WHERE name='Half'").fetchone() == (0,)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()


def test_restore_refuses_what_is_not_a_backup(migrated: Flask, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    runner = migrated.test_cli_runner()
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0 and "not an eventkit backup" in result.output
    missing = runner.invoke(args=["restore", str(tmp_path / "nothing"), "--yes"])
    assert missing.exit_code != 0 and "does not exist" in missing.output


def test_a_backup_into_a_missing_folder_says_so(migrated: Flask, tmp_path: Path) -> None:
    result = migrated.test_cli_runner().invoke(args=["backup", str(tmp_path / "no/such/x.db")])
    assert result.exit_code != 0 and "no backup written" in result.output
