"""`eventkit outbox run|status|remind`: the mail worker and its helpers."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from ..clock import school_now, school_today
from ..extensions import db
from ..models import Event, OutboxStatus, utcnow
from ..ops import services as ops

HEARTBEAT_EVERY = 30.0  # seconds


@click.group("outbox")
def outbox_group() -> None:
    """Send the queued mail (invitations, updates, reminders) and see how it goes."""


@outbox_group.command("run")
@click.option("--once", is_flag=True, help="Stop when nothing is due, instead of waiting.")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many messages.")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between looks when idle.")
@with_appcontext
def run_command(once: bool, limit: int | None, poll: float) -> None:
    """Send queued mail through the SMTP server of EVENTKIT_SMTP_*.

    Also queues the automatic reminders when they are due (Event.reminder_days) and the
    aftercare mails (owners' and coordinators' reminders, parents' weekly updates).
    """
    from ..aftercare.mails import queue_due
    from . import outbox, services
    from .mailer import MailError, SMTPMailer, SMTPSettings

    idle = _idle(lambda today: services.queue_due_reminders(today) + queue_due(school_now()))
    if not current_app.config.get("EVENTKIT_SMTP_HOST") and not once:
        _hold(poll, idle)
        return
    try:
        mailer = SMTPMailer(SMTPSettings.from_config(current_app.config))
    except MailError as error:
        raise click.ClickException(str(error)) from error
    result = outbox.run(
        mailer,
        once=once,
        limit=limit,
        poll=poll,
        on_idle=idle,
    )
    click.echo(f"Sent: {result.sent}, to retry later: {result.retried}, failed: {result.failed}")


def _idle(queue_reminders: Callable[[date], Any]) -> Callable[[], Any]:
    """What the worker does when its queue is empty: say it is alive (/healthz shows it,
    at most every HEARTBEAT_EVERY) and queue the reminders that are due."""
    last: list[float] = []

    def idle() -> Any:
        now = time.monotonic()
        if not last or now - last[0] >= HEARTBEAT_EVERY:
            ops.beat(ops.WORKER, utcnow())
            last[:] = [now]
        _purge_daily()
        return queue_reminders(school_today())

    return idle


def _purge_daily() -> None:
    """Once a day: delete the personal data of meetings past the retention period. A
    failure is logged and does not stop the mail (it is tried again the next day)."""
    from ..privacy.services import purge_daily

    try:
        purge_daily(utcnow())
    except Exception:  # noqa: BLE001 - the worker must keep sending mail
        db.session.rollback()
        current_app.logger.exception("the daily retention purge failed")


def _hold(poll: float, idle: Callable[[], Any]) -> None:
    """No mail server yet: keep queueing the due reminders and saying the worker is alive
    (the team reads the mail in the mail preview) and send nothing, until stopped."""
    import signal

    stopped: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stopped.append(signum))
    click.echo("No mail server (EVENTKIT_SMTP_HOST): mail stays in the outbox; "
               "the team sees it in the mail preview.")  # fmt: skip
    try:
        while not stopped:
            idle()
            db.session.commit()
            deadline = time.monotonic() + poll
            while not stopped and time.monotonic() < deadline:
                time.sleep(0.2)
    except KeyboardInterrupt:
        pass


@outbox_group.command("status")
@click.argument("event_id", type=int, required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@with_appcontext
def status_command(event_id: int | None, as_json: bool) -> None:
    """Count the messages per status (of one meeting, or all)."""
    from sqlalchemy import func, select

    from ..models import OutboxMessage

    query = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    if event_id is not None:
        query = query.where(OutboxMessage.event_id == event_id)
    counts = dict(db.session.execute(query).all())
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    for status in OutboxStatus:
        click.echo(f"{status:8} {counts.get(status, 0)}")


@outbox_group.command("remind")
@click.argument("event_id", type=int)
@with_appcontext
def remind_command(event_id: int) -> None:
    """Queue today's reminders of a meeting: yes/maybe a reminder, no answer a gentle one."""
    from . import services

    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    count = services.send(event, "remind", school_today())
    click.echo(f"Reminders queued: {count}")
