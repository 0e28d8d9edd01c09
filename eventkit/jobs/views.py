from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..access import members_only
from ..exports import registry, sending
from ..exports.registry import Export
from ..extensions import db
from ..models import Event, Job, JobStatus
from .services import refresh_stale

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


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
    exporter = registry.find(job.kind)
    if exporter is not None:
        sending.allowed(exporter)  # the registry says who may have the file
    audit.record(current_user, "export", db.session.get(Event, job.event_id), job.result_name)
    export = Export(job.result_name, job.result_mimetype, job.result)
    return sending.send_export(export, personal=exporter is None or exporter.personal)
