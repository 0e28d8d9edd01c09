"""`eventkit purge`: delete the personal data of meetings past the retention period."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..models import utcnow


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Only list the meetings that are due.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Delete the people of meetings closed longer ago than the school's retention period
    (not those on legal hold); keep the numbers, the evaluation and the aftercare page.

    The mail worker does this once a day by itself; this runs it now."""
    from . import services

    now = utcnow()
    if dry_run:
        for event in services.due_for_purge(now):
            click.echo(f"due: {event.id} {event.title} (closed {event.closed_at:%Y-%m-%d})")
        return
    done = services.purge(now)
    for event, counts in done:
        people = counts.get("people", 0)
        click.echo(f"erased: {event.id} {event.title} ({people} people and households)")
    click.echo(f"Meetings purged: {len(done)}")
