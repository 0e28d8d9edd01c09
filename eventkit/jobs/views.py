from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, render_template, send_file
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..access import members_only
from ..extensions import db
from ..models import Event, Job, JobStatus
from .services import refresh_stale

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
# Documents with parents' personal links or contact data: the team's, not facilitators'.
PERSONAL_DOCUMENTS = ("invitations",)


members_only(bp)


def _job(token: str) -> Job:
    job = db.session.scalars(select(Job).where(Job.token == token)).first()
    if job is None:
        abort(404)
    event = db.session.get(Event, job.event_id) if job.event_id else None
    if event is None or event.school_id != current_user.school_id:
        abort(404)
    return refresh_stale(job)


@bp.route("/<token>")
def show(token: str) -> ResponseReturnValue:
    job = _job(token)
    return render_template("jobs/show.html", job=job, event=db.session.get(Event, job.event_id))


@bp.route("/<token>/download")
def download(token: str) -> ResponseReturnValue:
    job = _job(token)
    if job.status != JobStatus.DONE or job.result is None:
        abort(404)
    if job.kind in PERSONAL_DOCUMENTS and not current_user.can_edit:
        abort(403)  # invitations carry personal links: not for facilitators
    audit.record(current_user, "export", db.session.get(Event, job.event_id), job.result_name)
    return send_file(
        BytesIO(job.result),
        mimetype=job.result_mimetype,
        as_attachment=True,
        download_name=job.result_name,
    )
