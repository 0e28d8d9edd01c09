"""The `eventkit` command, through Flask's CLI runner and as an installed console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from flask import Flask

from eventkit import create_app
from eventkit.cli import PACKAGE_COMMANDS, main, package_command
from eventkit.extensions import db
from eventkit.models import Event, User


@pytest.fixture
def fresh(tmp_path: Path) -> Flask:
    """An app on an empty database file that only `eventkit init` will create tables in."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/cli.db",
        }
    )


def run(app: Flask, *args: str, input: str | None = None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_init_demo_and_events(fresh: Flask) -> None:
    assert run(fresh, "init").exit_code == 0
    result = run(fresh, "demo")
    assert result.exit_code == 0, result.output
    assert "coordinator@hetbaken.example" in result.output
    assert "demo-ouderavond" in result.output
    assert "/n/" in result.output  # the held meeting's aftercare page
    listing = json.loads(run(fresh, "events", "list", "--json").output)
    assert [(e["title"], e["status"]) for e in listing] == [
        ("Ouderavond: hoe houden we contact?", "aftercare"),
        ("Ouderavond: samen werken aan aanwezigheid", "concept"),
    ]
    upcoming = listing[1]
    assert (upcoming["start"], upcoming["end"]) == ("19:00", "21:15")
    shown = json.loads(run(fresh, "events", "show", str(upcoming["id"]), "--json").output)
    assert shown["location"].startswith("Het Baken College")
    assert [(a["start"], a["minutes"], a["depth"]) for a in shown["agenda"][:3]] == [
        ("19:00", 15, 0),
        ("19:15", 60, 0),
        ("19:15", 5, 1),
    ]
    assert shown["agenda"][-1]["title"] == "Afsluiting"
    assert shown["agenda"][-1]["end"] == "21:15"
    assert len(shown["themes"]) == 2


def test_demo_refuses_a_database_with_data(fresh: Flask) -> None:
    run(fresh, "init")
    run(fresh, "demo")
    result = run(fresh, "demo")
    assert result.exit_code != 0
    assert "not empty" in result.output
    with fresh.app_context():
        assert db.session.query(Event).count() == 2  # the upcoming and the held meeting


def test_init_twice_is_an_upgrade(fresh: Flask) -> None:
    assert run(fresh, "init").exit_code == 0
    assert run(fresh, "init").exit_code == 0


def test_create_user(fresh: Flask) -> None:
    run(fresh, "init")
    ok = run(fresh, "create-user", "Mentor@School.test", "--name", "Jan", "--role", "team",
             "--password", "lang genoeg wachtwoord")  # fmt: skip
    assert ok.exit_code == 0, ok.output
    with fresh.app_context():
        user = db.session.query(User).one()
        assert (user.email, user.role) == ("mentor@school.test", "team")
    again = run(fresh, "create-user", "mentor@school.test", "--name", "Jan", "--password", "x" * 12)
    assert again.exit_code != 0 and "exists already" in again.output
    short = run(fresh, "create-user", "b@school.test", "--name", "B", "--password", "kort")
    assert short.exit_code != 0 and "at least 10" in short.output
    bad_role = run(fresh, "create-user", "c@school.test", "--name", "C", "--role", "boss",
                   "--password", "x" * 12)  # fmt: skip
    assert bad_role.exit_code != 0


def test_create_user_asks_for_the_password(fresh: Flask) -> None:
    run(fresh, "init")
    secret = "gevraagd wachtwoord"
    result = run(
        fresh, "create-user", "d@school.test", "--name", "D", input=f"{secret}\n{secret}\n"
    )
    assert result.exit_code == 0, result.output
    assert secret not in result.output


def test_events_show_unknown(fresh: Flask) -> None:
    run(fresh, "init")
    result = run(fresh, "events", "show", "99", "--json")
    assert result.exit_code != 0 and "no meeting" in result.output


def test_console_script(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/script.db"}
    script = Path(sys.executable).with_name("eventkit")
    for args in (["init"], ["demo"], ["events", "list", "--json"]):
        done = subprocess.run([str(script), *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    # The demo: an upcoming meeting, and one held weeks ago in its aftercare.
    assert sorted(e["status"] for e in json.loads(done.stdout)) == ["aftercare", "concept"]
    flask = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "eventkit", "events", "list", "--json"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert flask.returncode == 0 and sorted(e["id"] for e in json.loads(flask.stdout)) == [1, 2]


HEAVY = ("ortools", "docx", "matplotlib", "alembic", "openpyxl", "pandas")
# Runs the command in a fresh interpreter, then prints the heavy libraries it imported.
LOADED = """
import sys
from eventkit.cli import main
if sys.argv[1:]:
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print("loaded:", *sorted({name.split(".")[0] for name in sys.modules} & HEAVY))
"""


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["group", "--help"], ["group", "solve", "--help"], ["import", "--help"]],
)
def test_the_command_starts_without_heavy_libraries(args: list[str]) -> None:
    """`import eventkit.cli` and `eventkit --help` import no solver, Alembic or document
    library: those are imported where they are used."""
    code = f"HEAVY = {set(HEAVY)!r}\n{LOADED}"
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "loaded:"


@pytest.mark.parametrize("name", sorted(PACKAGE_COMMANDS))
def test_the_listed_help_is_the_commands_own(name: str) -> None:
    """`eventkit --help` shows a package command's help without importing it: the same text."""
    command = package_command(name)
    assert command.get_short_help_str(500) == PACKAGE_COMMANDS[name][1]


def test_every_command_is_on_the_app_too(fresh: Flask) -> None:
    """`flask --app eventkit …` offers what `eventkit …` offers."""
    assert set(main.list_commands(click.Context(main))) <= set(fresh.cli.list_commands(None))
