"""The mail page of a meeting: progress of the outbox, failures, and the send buttons."""

from __future__ import annotations

from typing import Any

from babel import Locale
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from .. import preload
from ..access import event_for, members_only
from ..clock import school_today
from ..models import Event
from . import outbox, preview, services
from .forms import ReminderForm, RetryForm
from .mailer import NEEDS_SMTPUTF8, MailError

bp = Blueprint("mail", __name__, url_prefix="/events")


members_only(bp)


@bp.route("/<int:event_id>/mail", methods=["GET", "POST"])
def show(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = ReminderForm(obj=event)
    if form.validate_on_submit():
        services.save_reminder_days(event, form.reminder_days.data)
        flash(_("The reminder setting is saved."), "success")
        return redirect(url_for("mail.show", event_id=event.id))
    counts = outbox.counts(event.id)
    return render_template(
        "mail/show.html",
        event=event,
        counts=counts,
        total=sum(counts[s] for s in outbox.STATUSES if s != outbox.DROPPED),
        failed=outbox.failed(event.id),
        pending=services.pending(event, school_today()),
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
    count = services.retry_failed(event, RetryForm().to_data())
    if count is None:
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


@bp.app_template_global("language_label")
def language_label(code: str) -> str:
    """A language's name in the interface's language ("Turks"), for the preview."""
    name = Locale.parse(str(get_locale() or "nl")).languages.get(code)
    return name.capitalize() if name else code


@bp.app_template_global("mail_status_label")
def status_label(status: str) -> str:
    labels = {
        outbox.QUEUED: _("Waiting"),
        outbox.SENDING: _("Being sent"),
        outbox.SENT: _("Sent"),
        outbox.FAILED: _("Failed"),
        outbox.DROPPED: _("Withdrawn"),
        "sample": _("Example, not sent"),
    }
    return labels.get(status, status)


# --- the preview: what goes (or would go) out, as the reader sees it -----------------------


@bp.route("/<int:event_id>/mail/preview")
def preview_list(event_id: int) -> ResponseReturnValue:
    event = preload.people(event_for(event_id, edit=True))
    language = request.args.get("lang", "")
    return render_template(
        "mail/preview.html",
        event=event,
        language=language,
        languages=preview.languages(event),
        messages=preview.messages(event, language),
        samples=preview.samples(event),
        smtp_ready=bool(current_app.config.get("EVENTKIT_SMTP_HOST")),
    )


PARTS = "<any(body, 'invite.ics'):part>"


@bp.route("/<int:event_id>/mail/preview/<int:message_id>", defaults={"part": ""})
@bp.route(f"/<int:event_id>/mail/preview/<int:message_id>/{PARTS}")
def preview_show(event_id: int, message_id: int, part: str) -> ResponseReturnValue:
    """A queued (or sent) message: the page, its HTML part alone, or its calendar file."""
    event = event_for(event_id, edit=True)
    shown = preview.message(event, message_id)
    return _shown_part(event, shown, part, "mail.preview_show", message_id=message_id)


@bp.route("/<int:event_id>/mail/preview/sample/<int:person_id>", defaults={"part": ""})
@bp.route(f"/<int:event_id>/mail/preview/sample/<int:person_id>/{PARTS}")
def sample_show(event_id: int, person_id: int, part: str) -> ResponseReturnValue:
    """The invitation a person would get, composed now and not stored."""
    event = event_for(event_id, edit=True)
    shown = preview.sample_for(event, person_id)
    return _shown_part(event, shown, part, "mail.sample_show", person_id=person_id)


def _shown_part(
    event: Event, shown: preview.Shown | None, part: str, endpoint: str, **key: Any
) -> ResponseReturnValue:
    if shown is None or (part == "invite.ics" and not shown.ics):
        abort(404)
    if part == "body":
        return preview.body_response(shown.html)
    if part == "invite.ics":
        return Response(shown.ics, mimetype="text/calendar", headers={"Cache-Control": "no-store"})
    return render_template(
        "mail/preview_show.html",
        event=event,
        message=shown,
        body_url=url_for(endpoint, event_id=event.id, part="body", **key),
        ics_url=url_for(endpoint, event_id=event.id, part="invite.ics", **key),
    )


@bp.route("/<int:event_id>/mail/test", methods=["POST"])
def test_mail(event_id: int) -> ResponseReturnValue:
    """Send a test mail to oneself now, so the team knows the mail server works."""
    event = event_for(event_id, edit=True)
    if not current_app.config.get("EVENTKIT_SMTP_HOST"):
        abort(404)
    try:
        preview.send_test(current_user)
    except MailError as error:
        flash(_("The test mail could not be sent: %(reason)s", reason=str(error)), "error")
    else:
        flash(_("A test mail is on its way to %(address)s.", address=current_user.email),
              "success")  # fmt: skip
    return redirect(url_for("mail.show", event_id=event.id))


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
