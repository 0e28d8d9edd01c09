"""Background jobs: long work runs in the worker process (`eventkit worker`), writes its
progress to the database, and leaves its result (a file) there for the page that polls it.

A web request only queues the job, with its kind and parameters; the worker claims it,
runs the function registered for its kind (`@handler("kind")`) in its own application
context, and stores the result. So a Word file of 2000 letters takes no CPU from a web
worker's requests (issue 13). With EVENTKIT_JOBS_INLINE (tests) the work runs at once, in
the request, so tests stay deterministic. A job whose process died shows as failed once
it is older than STALE_AFTER without progress.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select, update

from ..extensions import db
from ..models import Job, JobStatus, utcnow

STALE_AFTER = timedelta(minutes=10)
Result = tuple[str, str, bytes]
Params = dict[str, Any]


class Progress:
    """Handed to the work: call it with the number of items done so far."""

    def __init__(self, job_id: int, total: int, every: float = 0.3) -> None:
        self.job_id, self.total, self.every = job_id, total, every
        self._last = 0.0

    def __call__(self, done: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last < self.every and done < self.total:
            return
        self._last = now
        job = db.session.get(Job, self.job_id)
        assert job is not None
        job.done, job.total = done, self.total
        if message:
            job.message = message
        db.session.commit()


Work = Callable[[Progress], Result | None]
Handler = Callable[[Params, Progress], Result | None]
HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that does the work of a kind of job, in any process."""

    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


def start(
    kind: str, event_id: int | None, total: int, work: Work | None = None,
    params: Params | None = None,
) -> Job:  # fmt: skip
    """Queue a job for the worker. `work` (a function of this process) is for inline runs
    only; the worker runs the handler registered for `kind` with `params`."""
    if work is None and kind not in HANDLERS:
        raise KeyError(f"no handler for jobs of kind {kind!r}")
    job = Job(
        kind=kind, event_id=event_id, total=total, status=JobStatus.QUEUED, params=params or {}
    )
    db.session.add(job)
    db.session.commit()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("EVENTKIT_JOBS_INLINE"):
        _run(app, job.id, work or _registered(kind, params or {}))
        db.session.refresh(job)
    elif work is not None:
        raise ValueError("the worker runs registered handlers only; pass params, not work")
    return job


def _registered(kind: str, params: Params) -> Work:
    function = HANDLERS[kind]
    return lambda progress: function(params, progress)


def claim() -> Job | None:
    """The oldest queued job, now running for this process; None when there is none.
    The conditional update makes sure two workers never run the same job."""
    for job_id in db.session.scalars(
        select(Job.id).where(Job.status == JobStatus.QUEUED).order_by(Job.id).limit(5)
    ):
        taken = db.session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.QUEUED)
            .values(status=JobStatus.RUNNING)
        )
        db.session.commit()
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return db.session.get(Job, job_id)
    return None


def run_next(app: Flask) -> bool:
    """Claim and run one queued job; False when none was waiting."""
    with app.app_context():
        job = claim()
        if job is None:
            db.session.remove()
            return False
        job_id, kind, params = job.id, job.kind, dict(job.params or {})
        db.session.remove()
    if kind not in HANDLERS:
        work: Work = _unknown(kind)
    else:
        work = _registered(kind, params)
    _run(app, job_id, work)
    return True


def _unknown(kind: str) -> Work:
    def fail(_progress: Progress) -> None:
        raise KeyError(f"no handler for jobs of kind {kind!r}")

    return fail


def loop(app: Flask, stop: threading.Event, poll: float = 1.0) -> None:
    """The worker's job loop: run queued jobs one after the other until `stop` is set."""
    while not stop.is_set():
        try:
            ran = run_next(app)
        except Exception:  # a broken database connection must not end the worker
            app.logger.error("job loop:\n%s", traceback.format_exc())
            ran = False
        if not ran:
            stop.wait(poll)


def _run(app: Flask, job_id: int, work: Work) -> None:
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job is not None
        job.status = JobStatus.RUNNING
        db.session.commit()
        try:
            result = work(Progress(job_id, job.total))
        except Exception as error:  # the job reports any failure instead of vanishing
            db.session.rollback()
            job = db.session.get(Job, job_id)
            assert job is not None
            job.status, job.message = JobStatus.FAILED, f"{type(error).__name__}: {error}"
            app.logger.error("job %s failed:\n%s", job_id, traceback.format_exc())
        else:
            job = db.session.get(Job, job_id)
            assert job is not None
            job.status, job.done = JobStatus.DONE, job.total
            if result is not None:
                job.result_name, job.result_mimetype, job.result = result
        job.finished_at = utcnow()
        db.session.commit()
        db.session.remove()


def refresh_stale(job: Job) -> Job:
    """A job still 'running' long after it started lost its process (a restart)."""
    if (
        job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
        and utcnow() - job.created_at > STALE_AFTER
    ):
        job.status, job.message = JobStatus.FAILED, "interrupted"
        db.session.commit()
    return job
