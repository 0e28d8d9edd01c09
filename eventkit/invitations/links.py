"""The short links parents get: a personal one per household, and one for walk-in sign-up.

Personal: BASE/i/<household token> (16 random url-safe characters). Walk-in:
BASE/e/<code>, where the code is the first characters of the event's random uid (to find
it) followed by an HMAC of the uid under the app's secret key (so nobody can make one up).
No sequential id appears in either.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from sqlalchemy import select

from ..extensions import db
from ..models import Event

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")
UID_PART = 8
MAC_PART = 10
CODE = re.compile(rf"[0-9a-f]{{{UID_PART}}}[A-Za-z0-9_-]{{{MAC_PART}}}")


def personal_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/i/{token}"


def plausible_token(token: str) -> bool:
    """A cheap shape check before any database lookup."""
    return TOKEN.fullmatch(token) is not None


def walkin_code(event: Event, secret: str) -> str:
    mac = hmac.new(secret.encode(), f"walk-in:{event.uid}".encode(), hashlib.sha256).digest()
    return event.uid[:UID_PART] + base64.urlsafe_b64encode(mac).decode()[:MAC_PART]


def walkin_url(base_url: str, event: Event, secret: str) -> str:
    return f"{base_url.rstrip('/')}/e/{walkin_code(event, secret)}"


def event_for_walkin(code: str, secret: str) -> Event | None:
    """The meeting a walk-in code belongs to, or None (unknown, forged or malformed)."""
    if CODE.fullmatch(code) is None:
        return None
    candidates = db.session.scalars(select(Event).where(Event.uid.startswith(code[:UID_PART])))
    for event in candidates:
        if hmac.compare_digest(walkin_code(event, secret), code):
            return event
    return None
