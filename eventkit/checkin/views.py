from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ..access import event_for, members_only
from . import services

bp = Blueprint("checkin", __name__, url_prefix="/events/<int:event_id>/door")
members_only(bp)


@bp.route("")
def door(event_id: int) -> ResponseReturnValue:
    event = event_for(event_id)
    query = request.args.get("q", "")
    everyone = request.args.get("all") == "1"
    listing = services.door_list(event, query, everyone)
    return render_template(
        "checkin/door.html", event=event, listing=listing, query=query, everyone=everyone
    )


@bp.route("/<int:participant_id>", methods=["POST"])
def toggle(event_id: int, participant_id: int) -> ResponseReturnValue:
    # Staff at the door check people in; that is every signed-in role, facilitators too.
    event = event_for(event_id)
    person = services.set_present(event, participant_id, request.form.get("present") == "1")
    if person is None:
        abort(404)
    back = {"q": request.form.get("q", ""), "all": request.form.get("all", "")}
    return redirect(url_for("checkin.door", event_id=event.id, **back, _anchor=f"p{person.id}"))
