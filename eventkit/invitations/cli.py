"""`eventkit export invitations EVENT_ID -o FILE.docx [--class 2B ...]`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from ..models import Event


@click.command("invitations")
@click.argument("event_id", type=int)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: a name from the meeting's title, here).",
)  # fmt: skip
@click.option(
    "--class", "classes", multiple=True, help="Only households with a child in this class."
)
@with_appcontext
def invitations_command(event_id: int, output: Path | None, classes: tuple[str, ...]) -> None:
    """Personal invitations: one A4 page per household, in its language, with a QR code."""
    from .services import classes_of, word_file

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    unknown = sorted(set(classes) - set(classes_of(event)))
    if unknown:
        known = ", ".join(classes_of(event)) or "none"
        raise click.ClickException(
            f"no households in class {', '.join(unknown)} for this meeting (classes: {known})"
        )
    name, _mimetype, body = word_file(event, classes)
    target = output or Path(name)
    target.write_bytes(body)
    click.echo(f"Written: {target} ({len(body) // 1024} kB)")
