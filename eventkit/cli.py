"""The `eventkit` command: a Flask CLI group, so `flask --app eventkit ...` works as well."""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

# The commands that live in feature packages: where they are, and their one-line help for
# `eventkit --help` (tests/test_cli.py checks it against the command's own). A command's
# module is imported only when the command runs, so `eventkit --help` is about as fast as
# Flask itself: it pays neither for the app (every blueprint and model) nor for OR-Tools,
# Alembic or the document libraries.
PACKAGE_COMMANDS = {
    "aftercare": (
        "eventkit.aftercare.cli:aftercare_group",
        'The public "you said, we did" page of a meeting, and the aftercare reminders.',
    ),
    "backup": (
        "eventkit.ops.cli:backup_command",
        "Copy the database to FILE while the app keeps running (SQLite online backup; "
        "pg_dump's custom format for PostgreSQL).",
    ),
    "db": ("flask_migrate.cli:db", "Perform database migrations."),
    "export": (
        "eventkit.exports.cli:export_group",
        "Print or save a meeting's files: run-sheet, table sheets, cards, badges, report, …",
    ),
    "group": (
        "eventkit.grouping.cli:group_command",
        "Balanced table groups: `group EVENT_ID` for a meeting, `group solve` for CSV files.",
    ),
    "import": (
        "eventkit.participants.cli:import_group",
        "Import people into a meeting from a CSV or Excel (.xlsx) file.",
    ),
    "outbox": (
        "eventkit.mail.cli:outbox_group",
        "Send the queued mail (invitations, updates, reminders) and see how it goes.",
    ),
    "purge": (
        "eventkit.privacy.cli:purge_command",
        "Delete the people of meetings closed longer ago than the school's retention period "
        "(not those on legal hold); keep the numbers, the evaluation and the aftercare page.",
    ),
    "restore": (
        "eventkit.ops.cli:restore_command",
        "Replace the database by the backup in FILE (stop the worker first).",
    ),
    "schools": (
        "eventkit.ops.cli:schools_group",
        "Several schools in one installation (a school board).",
    ),
    "worker": (
        "eventkit.jobs.cli:worker_command",
        "Run the queued jobs (Word files, groups) and send the queued mail, until stopped.",
    ),
}


def _create_app() -> Flask:
    from . import create_app

    return create_app()


def package_command(name: str) -> click.Command:
    module, _, attribute = PACKAGE_COMMANDS[name][0].partition(":")
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    return command


class _Commands(FlaskGroup):
    """A FlaskGroup that knows its commands without creating the app (Flask's own would
    make one just to list them) and imports a package's command only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *PACKAGE_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in PACKAGE_COMMANDS:
            return package_command(name)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's list of commands, with the package commands' help from PACKAGE_COMMANDS
        (click would import every command to ask it)."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in PACKAGE_COMMANDS:
                command = click.Command(name, help=PACKAGE_COMMANDS[name][1])
            else:
                command = self.commands[name]
            rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=_Commands, create_app=_create_app, add_default_commands=False)
def main() -> None:
    """eventkit: plan a parent dialogue meeting from run-sheet to aftercare."""


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create the database, or upgrade it to the newest schema."""
    from flask import current_app
    from flask_migrate import upgrade

    from .extensions import db

    upgrade(directory=current_app.extensions["migrate"].directory)
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Full name shown to the team.")
@click.option(
    "--role", type=click.Choice(["admin", "coordinator", "team", "facilitator"]),
    default="team", show_default=True,
)  # fmt: skip
@click.option("--school", "school_id", type=int, help="The school's id (eventkit schools list).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_user_command(
    email: str, name: str, role: str, school_id: int | None, password: str
) -> None:
    """Add a user who can sign in (to the first school, unless --school says which)."""
    from .auth.services import AccountError, create_user
    from .extensions import db
    from .models import School

    school = None
    if school_id is not None:
        school = db.session.get(School, school_id)
        if school is None:
            raise click.ClickException(f"no school with id {school_id}")
    try:
        user = create_user(email, name, role, password, school)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"User {user.email} ({user.role}) created.")


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when there is data.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Fill an empty database with a demo school, users and one meeting."""
    from .demo import DEMO_PASSWORD, DemoError, load_demo

    try:
        result = load_demo()
    except DemoError as error:
        if not if_empty:
            raise click.ClickException(str(error)) from error
        click.echo("The database has data already; the demo was not loaded.")
        click.echo(
            f"Demo sign-in, if it was loaded before: coordinator@hetbaken.example / {DEMO_PASSWORD}"
        )
        return
    click.echo(f"Demo school {result.school.name} with the meeting '{result.event.title}'.")
    if result.held is not None:
        from flask import current_app

        from .aftercare.public import public_url

        url = public_url(current_app.config["EVENTKIT_BASE_URL"], result.held)
        click.echo(f"A meeting held weeks ago, '{result.held.title}', with its aftercare: {url}")
    click.echo("Sign in with one of:")
    for email, role, password in result.logins:
        click.echo(f"  {email:36} {role:12} password: {password}")


@click.group("events")
def events_group() -> None:
    """Look at meetings."""


@events_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@with_appcontext
def events_list(as_json: bool) -> None:
    from .events.services import summary
    from .extensions import db
    from .models import Event

    events = db.session.scalars(db.select(Event).order_by(Event.date, Event.id))
    rows = [summary(e) for e in events]
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']:>4}  {row['date']} {row['start']}-{row['end']}  {row['title']}")


@events_group.command("show")
@click.argument("event_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@with_appcontext
def events_show(event_id: int, as_json: bool) -> None:
    from .events.services import summary
    from .extensions import db
    from .models import Event

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    data = summary(event, with_agenda=True)
    if as_json:
        _print_json(data)
        return
    click.echo(f"{data['title']} — {data['date']} {data['start']}-{data['end']}")
    for item in data["agenda"]:
        indent = "    " * item["depth"]
        click.echo(f"  {item['start']}  {item['minutes']:>3}'  {indent}{item['title']}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int)
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the app with gunicorn (a production WSGI server)."""
    from .privacy.logs import LOGGER_CLASS

    args = [
        sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers", str(workers),
        "--access-logfile", "-", "--logger-class", LOGGER_CLASS, "eventkit:create_app()",
    ]  # fmt: skip
    os.execv(sys.executable, args)  # nosec B606 # our own interpreter and fixed arguments


@click.command("run-all")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", envvar="PORT", default=5000, show_default=True, type=int,
              help="Also read from PORT; EVENTKIT_BASE_URL follows it unless set.")  # fmt: skip
@click.option("--workers", default=2, show_default=True, type=int)
def run_all_command(host: str, port: int, workers: int) -> None:
    """Serve the app (gunicorn) and run the worker (jobs and mail) together; Ctrl+C stops both."""
    from .supervise import run_together

    sys.exit(run_together(host, port, workers, os.environ))


COMMANDS = (
    init_command, create_user_command, demo_command, events_group, serve_command, run_all_command,
)  # fmt: skip
for _command in COMMANDS:
    main.add_command(_command)


def register(app: Flask) -> None:
    """Every command on the app's own group too, for `flask --app eventkit ...`."""
    for command in COMMANDS:
        app.cli.add_command(command)
    for name in PACKAGE_COMMANDS:
        if name != "db":  # Flask-Migrate adds `flask db` itself
            app.cli.add_command(package_command(name))
