"""Background jobs: long work runs in a thread, writes its progress to the database, and
leaves its result (a file) there for the page that polls it.

The thread gets its own application context and database session. With
EVENTKIT_JOBS_INLINE (tests) the work runs at once, in the request, so tests stay
deterministic. A job whose process died shows as failed once it is older than
STALE_AFTER without progress.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from datetime import timedelta

from flask import Flask, current_app

from ..extensions import db
from ..models import Job, utcnow

STALE_AFTER = timedelta(minutes=10)
Result = tuple[str, str, bytes]


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


def start(kind: str, event_id: int | None, total: int, work: Work) -> Job:
    job = Job(kind=kind, event_id=event_id, total=total, status="queued")
    db.session.add(job)
    db.session.commit()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("EVENTKIT_JOBS_INLINE"):
        _run(app, job.id, work)
        db.session.refresh(job)
    else:
        threading.Thread(target=_run, args=(app, job.id, work), daemon=True).start()
    return job


def _run(app: Flask, job_id: int, work: Work) -> None:
    with app.app_context():
        job = db.session.get(Job, job_id)
        assert job is not None
        job.status = "running"
        db.session.commit()
        try:
            result = work(Progress(job_id, job.total))
        except Exception as error:  # the job reports any failure instead of vanishing
            db.session.rollback()
            job = db.session.get(Job, job_id)
            assert job is not None
            job.status, job.message = "failed", f"{type(error).__name__}: {error}"
            app.logger.error("job %s failed:\n%s", job_id, traceback.format_exc())
        else:
            job = db.session.get(Job, job_id)
            assert job is not None
            job.status, job.done = "done", job.total
            if result is not None:
                job.result_name, job.result_mimetype, job.result = result
        job.finished_at = utcnow()
        db.session.commit()
        db.session.remove()


def refresh_stale(job: Job) -> Job:
    """A job still 'running' long after it started lost its process (a restart)."""
    if job.status in ("queued", "running") and utcnow() - job.created_at > STALE_AFTER:
        job.status, job.message = "failed", "interrupted"
        db.session.commit()
    return job
