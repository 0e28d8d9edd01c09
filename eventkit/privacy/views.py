"""Privacy pages of the team: one household's data (view, export, delete, a new personal
link) and a meeting's legal hold. Coordinators export and delete; the team may replace a
link (a parent lost the letter, or it reached the wrong person)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..access import event_for, members_only, require_coordinator
from ..domain.text import filename
from ..exports.registry import Export
from ..exports.sending import send_export
from ..extensions import db
from ..models import Event, Household, utcnow
from . import services
from .forms import ConfirmForm, LegalHoldForm

bp = Blueprint("privacy", __name__, url_prefix="/events")
members_only(bp)


@bp.after_request
def no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def words() -> dict[str, object]:
    from ..domain.languages import own_names
    from ..labels import ANSWER_LABELS

    return {"ANSWER_LABELS": ANSWER_LABELS, "LANGUAGE_NAMES": own_names()}


@bp.app_context_processor
def privacy_panel() -> dict[str, object]:
    """For the meeting page's privacy section (templates/privacy/_meeting.html)."""

    def panel(event: Event) -> dict[str, object]:
        form = LegalHoldForm(formdata=None, hold=event.legal_hold, reason=event.legal_hold_reason)
        return {"hold_form": form, "purge_date": services.purge_date(event)}

    return {"privacy_panel": panel}


def _household(event: Event, household_id: int) -> Household:
    household = db.session.scalar(
        select(Household).where(Household.id == household_id, Household.event_id == event.id)
    )
    if household is None:
        abort(404)
    return household


@bp.route("/<int:event_id>/households/<int:household_id>", methods=["GET"])
def household(event_id: int, household_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    found = _household(event, household_id)
    return render_template(
        "privacy/household.html", event=event, household=found, form=ConfirmForm()
    )


@bp.route("/<int:event_id>/households/<int:household_id>/data")
def data(event_id: int, household_id: int) -> ResponseReturnValue:
    """What eventkit holds about the household, readable (to print or send to them)."""
    event = event_for(event_id)
    require_coordinator()
    found = _household(event, household_id)
    services.record_export(found, current_user)
    return render_template(
        "privacy/data.html", event=event, household=found, data=services.household_data(found)
    )


@bp.route("/<int:event_id>/households/<int:household_id>/data.json")
def data_json(event_id: int, household_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    found = _household(event, household_id)
    services.record_export(found, current_user)
    body = json.dumps(services.household_data(found), ensure_ascii=False, indent=2).encode()
    name = filename(f"gegevens-gezin-{found.id}", event.title, "json")
    return send_export(Export(name, "application/json", body))


@bp.route("/<int:event_id>/households/<int:household_id>/delete", methods=["POST"])
def delete(event_id: int, household_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    found = _household(event, household_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.delete_household(found, current_user, utcnow())
    flash(_("The household and everything about it is deleted."), "success")
    return redirect(url_for("participants.index", event_id=event.id))


@bp.route("/<int:event_id>/households/<int:household_id>/link", methods=["POST"])
def new_link(event_id: int, household_id: int) -> ResponseReturnValue:
    event = event_for(event_id, edit=True)
    found = _household(event, household_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.reissue_link(found, current_user, utcnow())
    flash(_("The household has a new personal link; the old one no longer works. "
            "Send a new letter or invitation mail."), "success")  # fmt: skip
    return redirect(url_for("privacy.household", event_id=event.id, household_id=found.id))


@bp.route("/<int:event_id>/legal-hold", methods=["POST"])
def legal_hold(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    require_coordinator()
    form = LegalHoldForm()
    if form.validate_on_submit():
        services.set_legal_hold(event, current_user, bool(form.hold.data), form.reason.data or "")
        flash(_("The legal hold is saved."), "success")
        return redirect(url_for("events.show", event_id=event.id, _anchor="privacy"))
    return render_template("privacy/hold.html", event=event, form=form), 200
