"""A meeting's calendar file, and cancelling a meeting (which tells every calendar)."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from ..access import event_for, members_only, require_coordinator
from ..mail import services as mail_services
from ..models import Status
from . import ics

bp = Blueprint("calendar", __name__, url_prefix="/events")


members_only(bp)


@bp.route("/<int:event_id>/calendar.ics")
def download(event_id: int) -> ResponseReturnValue:
    name, mimetype, body = ics.export(event_for(event_id))
    return send_file(BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=name)


@bp.route("/<int:event_id>/cancel", methods=["GET", "POST"])
def cancel(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    if event.status == Status.CANCELLED.value:
        flash(_("This meeting is cancelled already."), "info")
        return redirect(url_for("events.show", event_id=event.id))
    if request.method == "POST":
        count = mail_services.cancel(event)
        flash(
            _("The meeting is cancelled.")
            + " "
            + ngettext(
                "%(num)s cancellation is in the outbox.",
                "%(num)s cancellations are in the outbox.",
                count,
            ),
            "success",
        )
        return redirect(url_for("mail.show", event_id=event.id))
    reached = mail_services.invited_people(event, statuses=("sending", "sent"))
    return render_template("calendar/cancel.html", event=event, reached=reached)
