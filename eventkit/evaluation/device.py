"""One answer per device: a signed cookie on the parent's phone, not a column in the database.

The cookie holds the answer's id and when it was given, signed with the app's key under a
salt of its own (so no other signed value of the app can pass for it). With it the parent can
change the answer for an hour; after that the form says they already answered. The server
keeps nothing that ties the answer to the device. The cookie is limited to the meeting's
own form path, so it is sent nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Request, current_app
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from ..models import Event

COOKIE = "evaluation"
SALT = "eventkit.evaluation.device"
# Long enough to outlast the evaluation (open until the meeting is closed).
KEEP = timedelta(days=180)


@dataclass(frozen=True)
class Given:
    answer_id: int
    at: datetime  # the school's wall-clock time; kept only in the cookie


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def path(event: Event) -> str:
    return f"/f/{event.evaluation_token}"


def read(request: Request, event: Event) -> Given | None:
    """The answer this device gave for the meeting, if its cookie is genuine."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        payload = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("e") != event.id:
        return None
    answer_id, at = payload.get("a"), payload.get("t")
    if not isinstance(answer_id, int) or not isinstance(at, str):
        return None
    try:
        return Given(answer_id, datetime.fromisoformat(at))
    except ValueError:
        return None


def remember(response: Response, event: Event, given: Given) -> None:
    value = _serializer().dumps({"e": event.id, "a": given.answer_id, "t": given.at.isoformat()})
    response.set_cookie(
        COOKIE,
        value,
        max_age=int(KEEP.total_seconds()),
        path=path(event),
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
