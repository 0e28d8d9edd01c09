"""`eventkit worker`: the background process that runs the jobs and sends the mail."""

from __future__ import annotations

import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from . import services


@click.command("worker")
@click.option("--poll", default=5.0, show_default=True, help="Seconds between looks for mail.")
@click.pass_context
@with_appcontext
def worker_command(ctx: click.Context, poll: float) -> None:
    """Run the queued jobs (Word files, groups) and send the queued mail, until stopped.

    Jobs run one after the other in a thread of this process, the outbox in its main
    thread, so a long Word file never holds up the mail, and neither takes CPU from the
    web server's requests.
    """
    from ..mail.cli import run_command

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()
    jobs = threading.Thread(target=services.loop, args=(app, stop), name="jobs", daemon=True)
    jobs.start()
    try:
        ctx.invoke(run_command, once=False, limit=None, poll=poll)
    finally:
        stop.set()
        jobs.join(timeout=10)
