"""The mail page of a meeting: progress of the outbox, failures, and the send buttons."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from ..access import event_for, members_only
from ..extensions import db
from ..models import OutboxMessage
from . import outbox, services
from .forms import ReminderForm
from .mailer import NEEDS_SMTPUTF8

bp = Blueprint("mail", __name__, url_prefix="/events")


members_only(bp)


@bp.route("/<int:event_id>/mail", methods=["GET", "POST"])
def show(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    form = ReminderForm(obj=event)
    if form.validate_on_submit():
        event = event_for(event_id, edit=True)
        event.reminder_days = form.reminder_days.data
        db.session.commit()
        flash(_("The reminder setting is saved."), "success")
        return redirect(url_for("mail.show", event_id=event.id))
    counts = outbox.counts(event.id)
    return render_template(
        "mail/show.html",
        event=event,
        counts=counts,
        total=sum(counts[s] for s in outbox.STATUSES if s != outbox.DROPPED),
        failed=outbox.failed(event.id),
        pending={action: len(services.targets(event, action)) for action in services.ACTIONS},
        form=form,
        smtp_ready=bool(current_app.config.get("EVENTKIT_SMTP_HOST")),
    )


@bp.route("/<int:event_id>/mail/send/<action>", methods=["GET", "POST"])
def send(event_id: int, action: str) -> ResponseReturnValue:
    """A confirmation page (GET) naming how many mails go out; POST queues them."""
    event = event_for(event_id, edit=True)
    if action not in services.ACTIONS:
        abort(404)
    if request.method == "POST":
        count = services.send(event, action)
        flash(_message(action, count), "success")
        return redirect(url_for("mail.show", event_id=event.id))
    found = services.targets(event, action)
    return render_template("mail/confirm.html", event=event, action=action, targets=found)


def _message(action: str, count: int) -> str:
    if count == 0:
        return _("Nothing new to send: everyone has had this mail already.")
    return ngettext("%(num)s mail is in the outbox.", "%(num)s mails are in the outbox.", count)


@bp.route("/<int:event_id>/mail/retry", methods=["POST"])
def retry(event_id: int) -> ResponseReturnValue:
    """Queue failed mails again: one (message_id) or all of the meeting's."""
    event = event_for(event_id, edit=True)
    wanted = request.form.get("message_id", type=int)
    count = 0
    for message in outbox.failed(event.id):
        if wanted is None or message.id == wanted:
            count += outbox.retry(message)
    if wanted is not None and count == 0 and db.session.get(OutboxMessage, wanted) is None:
        abort(404)
    flash(ngettext("%(num)s mail is queued again.", "%(num)s mails are queued again.", count),
          "success")  # fmt: skip
    return redirect(url_for("mail.show", event_id=event.id))


@bp.app_template_global("mail_action_label")
def action_label(action: str) -> str:
    labels = {
        "staff": _("Calendar invitations to staff"),
        "parents": _("Invitations by mail to parents"),
        "remind": _("Reminders to parents"),
    }
    return labels[action]


@bp.app_template_global("mail_failure_reason")
def failure_reason(reason: str) -> str:
    """Why a mail failed, in the user's language where eventkit itself wrote the reason;
    a mail server's own reply is shown as it came."""
    known = {
        NEEDS_SMTPUTF8: _(
            "This address has accented letters before the @ (like é or ş), and the mail "
            "server cannot send to such addresses. Ask the parent for another address, or "
            "give the invitation on paper."
        ),
    }
    return known.get(reason, reason)
