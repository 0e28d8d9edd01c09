"""/healthz for monitoring, and the coordinator's audit log page."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .. import audit
from ..access import event_for, require_coordinator
from ..clock import school_zone
from ..events.services import events_of
from ..models import utcnow
from . import services

bp = Blueprint("ops", __name__)


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    """200 when the database answers, the schema is current and the mail worker is alive;
    503 with the failing check otherwise (JSON, for a monitor or a load balancer)."""
    health = services.health(utcnow())
    body = {"status": "ok" if health.ok else "failing", **health.checks}
    response = jsonify(body)
    response.status_code = 200 if health.ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/audit")
@login_required
def audit_log() -> ResponseReturnValue:
    """Who viewed, exported, imported or deleted personal data (coordinators only)."""
    require_coordinator()
    chosen = request.args.get("event", type=int)
    event = event_for(chosen) if chosen is not None else None
    entries = audit.entries(current_user.school_id, event.id if event else None)
    return render_template(
        "ops/audit.html",
        entries=entries,
        event=event,
        events=events_of(current_user.school_id),
        describe=audit.describe,
        detail=audit.detail_text,
        school_time=_school_time,
    )


def _school_time(moment: datetime) -> str:
    """A stored UTC moment on the school's clock."""
    return moment.replace(tzinfo=UTC).astimezone(school_zone()).strftime("%Y-%m-%d %H:%M")
