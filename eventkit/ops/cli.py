"""`eventkit backup|restore FILE` and `eventkit schools create|list`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from ..extensions import db
from ..models import Event, School, User
from . import services


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Copy the database to FILE while the app keeps running (SQLite online backup;
    pg_dump's custom format for PostgreSQL). FILE holds personal data: keep it safe."""
    try:
        services.backup(file)
    except services.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {file}")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace the database by the backup in FILE (stop the worker first)."""
    if not yes:
        click.confirm("Everything in the current database is replaced. Go on?", abort=True)
    try:
        services.restore(file)
    except services.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored from {file}. Run `eventkit init` if the backup is from an older version.")


@click.group("schools")
def schools_group() -> None:
    """Several schools in one installation (a school board)."""


@schools_group.command("create")
@click.argument("name")
@click.option("--city", default="", help="The school's town or city.")
@with_appcontext
def schools_create(name: str, city: str) -> None:
    """Add a school; then `eventkit create-user --school ID --role admin` for its administrator."""
    name = name.strip()
    if not name:
        raise click.ClickException("a school needs a name")
    school = School(name=name, city=city.strip())
    db.session.add(school)
    db.session.commit()
    click.echo(f"School {school.id}: {school.name}")


@schools_group.command("list")
@with_appcontext
def schools_list() -> None:
    """The schools with their numbers of users and meetings."""
    users = _count_per_school(User)
    events = _count_per_school(Event)
    for school in db.session.scalars(select(School).order_by(School.id)):
        click.echo(
            f"{school.id:>4}  {school.name}  users: {users.get(school.id, 0)}"
            f"  meetings: {events.get(school.id, 0)}"
        )


def _count_per_school(model: type[User] | type[Event]) -> dict[int, int]:
    query = select(model.school_id, func.count()).group_by(model.school_id)
    return {int(row[0]): int(row[1]) for row in db.session.execute(query).all()}
