"""The door: find and check people in, seat walk-ins, and live counts for the team."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ..access import event_for, members_only
from ..clock import school_now
from ..forms import options
from ..labels import language_choices
from ..models import Event, Participant
from . import services
from .forms import DoorWalkInForm, PresenceForm

bp = Blueprint("checkin", __name__, url_prefix="/events/<int:event_id>/door")
members_only(bp)


def _walk_in_form(event: Event) -> DoorWalkInForm:
    form = DoorWalkInForm(prefix="w")
    form.language.choices = options(language_choices())
    classes = [("", _("(unknown)"))] + [(c, c) for c, _year in services.classes_of(event)]
    form.class_name.choices = options(classes)
    return form


@bp.route("")
def door(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    query = request.args.get("q", "")[:100]
    everyone = request.args.get("all") == "1"
    letter = request.args.get("letter", "")[:1]
    listing = services.door_list(event, query, everyone, letter, request.args.get("page", 1))
    return render_template(
        "checkin/door.html",
        event=event,
        listing=listing,
        query=query,
        everyone=everyone,
        walk_in_form=_walk_in_form(event),
        table_counts=services.table_counts(event),
    )


def _person(event: Event, participant_id: int) -> Participant:
    person = services.participant_of(event, participant_id)
    if person is None:
        abort(404)
    return person


@bp.route("/<int:participant_id>", methods=["POST"])
def toggle(event_id: int, participant_id: int) -> ResponseReturnValue:
    # Staff at the door check people in; that is every signed-in role, facilitators too.
    # "present=1" checks in and "present=0" undoes: a retried request never toggles back.
    event = event_for(event_id)
    person = _person(event, participant_id)
    form = PresenceForm()
    if form.present.data:
        services.check_in(person, school_now())
    else:
        services.undo_check_in(person)
    if form.back.data:
        return redirect(url_for("checkin.household", event_id=event.id, token=form.back.data))
    back: dict[str, Any] = {
        name: (getattr(form, name).data or "")[:100] for name in ("q", "all", "letter", "page")
    }
    return redirect(url_for("checkin.door", event_id=event.id, **back, _anchor=f"p{person.id}"))


@bp.route("/household/<token>")
def household(event_id: int, token: str) -> ResponseReturnValue:
    """Where a signed-in staff member lands after scanning a parent's invitation QR code."""
    event = event_for(event_id)
    found = services.household_at_door(event, token)
    if found is None:
        abort(404)
    people = services.household_people(found)
    return render_template("checkin/household.html", event=event, household=found, people=people)


@bp.route("/walk-in", methods=["POST"])
def walk_in(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    form = _walk_in_form(event)
    if not form.validate_on_submit():
        listing = services.door_list(event)
        return render_template(
            "checkin/door.html", event=event, listing=listing, query="", everyone=False,
            walk_in_form=form, table_counts=services.table_counts(event),
        )  # fmt: skip
    person, table, why = services.walk_in(event, form.to_data())
    if table is not None:
        theme = f" ({table.theme.title})" if table.theme else ""
        flash(_("%(name)s is checked in and sits at table %(number)s%(theme)s.",
                name=person.name, number=table.number, theme=theme), "success")  # fmt: skip
    elif why:
        flash(_("%(name)s is checked in but could not be seated: %(why)s",
                name=person.name, why=why), "error")  # fmt: skip
    else:
        flash(_("%(name)s is checked in.", name=person.name), "success")
    return redirect(url_for("checkin.door", event_id=event.id, q=person.first_name))


@bp.route("/counts.json")
def counts(event_id: int) -> ResponseReturnValue:
    """Live counts for the door and the board (polled by static/js/door.js)."""
    event = event_for(event_id)
    count, tables = services.live_counts(event)
    return jsonify(
        present=count.present,
        expected=count.expected,
        maybe=count.maybe_people,
        tables=[{"number": t.number, "present": t.present, "seated": t.seated} for t in tables],
    )
