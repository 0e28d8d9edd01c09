"""The `eventkit` command: a Flask CLI group, so `flask --app eventkit ...` works as well."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from .aftercare.cli import aftercare_group
from .exports.cli import export_group
from .extensions import db
from .grouping.cli import group_command
from .jobs.cli import worker_command
from .mail.cli import outbox_group
from .ops.cli import backup_command, restore_command, schools_group
from .participants.cli import import_group
from .privacy.cli import purge_command
from .privacy.logs import LOGGER_CLASS


def _create_app() -> Flask:
    from . import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
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
    init_command, create_user_command, demo_command, events_group, serve_command, export_group,
    group_command, outbox_group, import_group, aftercare_group, backup_command, restore_command,
    schools_group, run_all_command, purge_command, worker_command,
)  # fmt: skip


def register(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
