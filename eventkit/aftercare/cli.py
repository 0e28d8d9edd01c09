"""`eventkit aftercare publish|unpublish EVENT_ID` and `eventkit aftercare remind`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from ..models import Event


@click.group("aftercare")
def aftercare_group() -> None:
    """The public "you said, we did" page of a meeting, and the aftercare reminders."""


def _event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    return event


@aftercare_group.command("publish")
@click.argument("event_id", type=int)
@with_appcontext
def publish_command(event_id: int) -> None:
    """Put the aftercare page online and print its public address."""
    from ..clock import school_now
    from . import public, services

    event = _event(event_id)
    services.publish(event, school_now())
    flagged = sum(1 for n in services.notes_of(event) if n.publish and n.names_person)
    if flagged:
        click.echo(f"Not shown: {flagged} notes that seem to name a person (review them).")
    click.echo(public.public_url(current_app.config["EVENTKIT_BASE_URL"], event))


@aftercare_group.command("unpublish")
@click.argument("event_id", type=int)
@with_appcontext
def unpublish_command(event_id: int) -> None:
    """Take the aftercare page offline (its link then shows "not found")."""
    from ..clock import school_now
    from . import services

    services.unpublish(_event(event_id), school_now())
    click.echo("The aftercare page is offline.")


@aftercare_group.command("remind")
@with_appcontext
def remind_command() -> None:
    """Queue what is due: owners' reminders, coordinators' "nothing published yet" and
    parents' weekly update mails (the outbox worker does this by itself when idle)."""
    from ..clock import school_now
    from .mails import queue_due

    click.echo(f"Aftercare mails queued: {queue_due(school_now())}")
