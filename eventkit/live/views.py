"""The live run-sheet on the evening: a "now" page for the phone and the projector, and the
team's actions when the evening runs late."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..access import event_for, members_only
from ..clock import school_now
from ..domain.live import LiveError, Moment
from ..models import Event
from . import services
from .forms import LateForm, ResetForm, ShortenForm

bp = Blueprint("live", __name__, url_prefix="/events/<int:event_id>/live")
members_only(bp)

# Errors that belong to a field of the form; the others are said at the top of the page.
BLOCK_ERRORS = ("no_block", "block_with_parts", "already_started")
MINUTE_ERRORS = ("bad_minutes", "too_short", "too_long")


def error_text(error: LiveError) -> str:
    p = dict(error.params)
    texts = {
        "not_started": lambda: _("The evening has not started yet: nothing is running late."),
        "ended": lambda: _("The evening has ended."),
        "changed": lambda: _(
            "The times were changed in the meantime (by you or a colleague). "
            "Check the new times and try again."
        ),
        "bad_minutes": lambda: _("Give 1 to %(max)s minutes.", **p),
        "no_block": lambda: _("Choose a block of this evening."),
        "block_with_parts": lambda: _("Choose one of the parts of %(title)s.", **p),
        "already_started": lambda: _(
            "%(title)s has already started: choose a block that is still to come.", **p
        ),
        "too_short": lambda: _("%(title)s can be shortened by at most %(most)s minutes.", **p),
        "too_long": lambda: _("%(title)s would last more than %(max)s minutes.", **p),
    }
    return texts[error.code]() if error.code in texts else str(error)


def _screen() -> bool:
    return request.args.get("screen") == "1"


def _no_store(body: str) -> ResponseReturnValue:
    response = make_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def _context(event: Event, moment: Moment) -> dict[str, Any]:
    return {"event": event, "moment": moment, "state": services.state_of(event)}


def _choices(moment: Moment) -> list[tuple[str, str]]:
    """The blocks that can still be shortened: parts and blocks without parts not yet begun."""
    return [
        (row.key, f"{row.number} {row.title} ({row.actual.start:%H:%M}, {row.actual.minutes} min)")
        for row in moment.rows
        if row.is_leaf and row.actual.start > moment.now
    ]


def _page(
    event: Event,
    late: LateForm | None = None,
    shorten: ShortenForm | None = None,
) -> ResponseReturnValue:
    moment = services.moment(event, school_now())
    context = _context(event, moment)
    if _screen():
        return _no_store(render_template("live/screen.html", **context))
    state = context["state"]
    late = late or LateForm(formdata=None, prefix="late")
    shorten = shorten or ShortenForm(formdata=None, prefix="shorten")
    shorten.block.choices = _choices(moment)
    late.state.data = shorten.state.data = state
    return _no_store(
        render_template(
            "live/now.html", late_form=late, shorten_form=shorten, reset_form=ResetForm(), **context
        )
    )


@bp.route("")
def now(event_id: int) -> ResponseReturnValue:
    return _page(event_for(event_id))


@bp.route("/now")
def fragment(event_id: int) -> ResponseReturnValue:
    """The changing part of the page, fetched every few seconds by static/js/live.js."""
    event = event_for(event_id)
    context = _context(event, services.moment(event, school_now()))
    template = "live/_screen.html" if _screen() else "live/_now.html"
    response = make_response(render_template(template, **context))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Live-Fragment"] = "1"  # tells the script it is not a login page
    return response


def _done(event: Event, message: str) -> ResponseReturnValue:
    flash(message, "success")
    return redirect(url_for("live.now", event_id=event.id))


def _refused(event: Event, error: LiveError, form: Any) -> ResponseReturnValue | None:
    """Put a domain refusal at its field (None) or flash it and go back (a response)."""
    if error.code in MINUTE_ERRORS:
        form.minutes.errors = [*form.minutes.errors, error_text(error)]
        return None
    if error.code in BLOCK_ERRORS and "block" in form:
        form.block.errors = [*form.block.errors, error_text(error)]
        return None
    flash(error_text(error), "error")
    return redirect(url_for("live.now", event_id=event.id))


def _act(event: Event, form: Any, name: str, change: Callable[[], str]) -> ResponseReturnValue:
    """Make one live change from a valid form: back to the page with what it did (the
    message `change` returns), or the page again with what is wrong at the form's field."""
    if form.validate_on_submit():
        try:
            return _done(event, change())
        except LiveError as error:
            return _refused(event, error, form) or _page(event, **{name: form})
    return _page(event, **{name: form})


@bp.route("/late", methods=["POST"])
def late(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = LateForm(prefix="late")

    def change() -> str:
        services.running_late(event, school_now(), form.minutes.data, form.state.data or "")
        return _("The rest of the evening moves %(n)s minutes.", n=form.minutes.data)

    return _act(event, form, "late", change)


@bp.route("/shorten", methods=["POST"])
def shorten(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    form = ShortenForm(prefix="shorten")

    def change() -> str:
        block, state = form.block.data or "", form.state.data or ""
        services.shorten(
            event, school_now(), block, form.minutes.data, state, overrun=form.overrun.data
        )
        return _("The block is shortened by %(n)s minutes.", n=form.minutes.data)

    return _act(event, form, "shorten", change)


@bp.route("/reset", methods=["POST"])
def reset(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    if ResetForm().validate_on_submit():
        services.reset(event)
        return _done(event, _("The evening follows the plan again."))
    flash(_("The form has expired. Please send it again."), "error")
    return redirect(url_for("live.now", event_id=event.id))
