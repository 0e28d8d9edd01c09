"""Who may see and change what: a school's meetings are for that school's signed-in users."""

from __future__ import annotations

from typing import TypeVar

from flask import Blueprint, abort
from flask_login import current_user, login_required

from .extensions import Base, db
from .models import Event

Row = TypeVar("Row", bound=Base)


def event_for(event_id: int, edit: bool = False) -> Event:
    """The meeting, if the signed-in user's school owns it (404 otherwise: no probing ids)."""
    event = db.session.get(Event, event_id)
    if event is None or event.school_id != current_user.school_id:
        abort(404)
    if edit and not current_user.can_edit:
        abort(403)
    return event


def child_of(event: Event, model: type[Row], row_id: int) -> Row:
    """A row of the meeting (a theme, task, table, person, household), or 404: a row of
    another meeting is as unknown as an id that does not exist."""
    row = db.session.get(model, row_id)
    if row is None or getattr(row, "event_id", None) != event.id:
        abort(404)
    return row


def require_editor() -> None:
    if not current_user.can_edit:
        abort(403)


def require_coordinator() -> None:
    if not current_user.is_coordinator:
        abort(403)


def members_only(blueprint: Blueprint) -> None:
    """Every page of the blueprint needs a signed-in user (the school check is per page)."""

    @blueprint.before_request
    @login_required
    def signed_in() -> None:
        return None
