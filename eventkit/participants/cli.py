"""`eventkit import participants EVENT_ID FILE [--kind] [--mapping HEADER=FIELD …] [--dry-run]`.

Exit code 0 when imported (or, with --dry-run, importable); 1 with the row errors on
stderr when the file cannot be imported: then nothing is saved.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..domain.people import FIELDS, IGNORE, Kind, Sheet, detect_kind, suggest_mapping
from ..extensions import db
from ..models import Event
from . import services
from .readers import ReadError, read


@click.group("import")
def import_group() -> None:
    """Import people into a meeting from a CSV or Excel (.xlsx) file."""


@import_group.command("participants")
@click.argument("event_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind", type=click.Choice(["auto", "parents", "staff"]), default="auto", show_default=True,
    help="Who is in the file: parents with their children, or staff.",
)  # fmt: skip
@click.option(
    "--mapping", "mappings", multiple=True, metavar="HEADER=FIELD",
    help="Read a column as a field (repeatable), e.g. --mapping 'Naam kind=pupil_name'. "
    "FIELD may be empty to skip the column. Other columns are recognised by their header.",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Check and count only; save nothing.")
@with_appcontext
def participants_command(
    event_id: int, file: Path, kind: str, mappings: tuple[str, ...], dry_run: bool
) -> None:
    """Import parents (grouped into households) or staff into meeting EVENT_ID."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    try:
        sheet = read(file.read_bytes(), file.name)
    except ReadError as error:
        _fail([f"{file.name}: {error}"])
    chosen = Kind(kind) if kind != "auto" else detect_kind(sheet.headers)
    mapping = _mapping(sheet, chosen, mappings)
    plan = services.preview(event, sheet, chosen, mapping)
    if not plan.result.ok:
        _fail([f"{file.name}: {problem}" for problem in plan.result.errors])
    for note in plan.result.notes:
        click.echo(f"note: {file.name}: {note}", err=True)
    if not dry_run:
        plan = services.import_sheet(event, sheet, chosen, mapping)
    click.echo(_summary(plan, dry_run))


def _fail(lines: Sequence[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    click.echo("Nothing was imported.", err=True)
    sys.exit(1)


def _mapping(sheet: Sheet, kind: Kind, pairs: Sequence[str]) -> list[str]:
    mapping = suggest_mapping(sheet.headers, kind)
    folded = [header.casefold() for header in sheet.headers]
    for pair in pairs:
        header, sep, field = pair.partition("=")
        field = field.strip()
        if not sep or header.strip().casefold() not in folded:
            raise click.BadParameter(f"no column {header!r} in the file", param_hint="--mapping")
        if field not in FIELDS[kind] and field != IGNORE:
            choices = ", ".join(FIELDS[kind])
            message = f"unknown field {field!r}; one of {choices}"
            raise click.BadParameter(message, param_hint="--mapping")
        column = folded.index(header.strip().casefold())
        mapping = [IGNORE if name == field and field else name for name in mapping]
        mapping[column] = field
    return mapping


def _summary(plan: services.Preview, dry_run: bool) -> str:
    counts, verb = plan.counts, ("Would import" if dry_run else "Imported")
    if plan.kind is Kind.STAFF:
        return (
            f"{verb} {counts.staff.total} staff: {counts.staff.new} new, "
            f"{counts.staff.updated} updated, {counts.staff.unchanged} unchanged."
        )
    return (
        f"{verb} {counts.households.total} households ({counts.households.new} new); "
        f"carers: {counts.carers.new} new, {counts.carers.updated} updated, "
        f"{counts.carers.unchanged} unchanged; pupils: {counts.pupils.new} new, "
        f"{counts.pupils.updated} updated, {counts.pupils.unchanged} unchanged."
    )
