"""The short links parents get: a personal one per household, and one for walk-in sign-up.

Personal: BASE/i/<household code> (eventkit.domain.codes: 20 symbols, no look-alikes,
grouped K7QX-M3PD-…; older households have 16 random url-safe characters). Walk-in:
BASE/e/<code>, where the code is the first characters of the event's random uid (to find
it) followed by an HMAC of the uid under the app's secret key (so nobody can make one up).
No sequential id appears in either.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from sqlalchemy import ColumnElement, select

from ..domain.codes import grouped, typed_forms
from ..extensions import db
from ..models import Event, Household

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")
UID_PART = 8
MAC_PART = 10
CODE = re.compile(rf"[0-9a-f]{{{UID_PART}}}[A-Za-z0-9_-]{{{MAC_PART}}}")


def personal_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/i/{token}"


def printed_url(base_url: str, token: str) -> str:
    """The personal link on paper (and in its QR code): the code grouped for typing
    (K7QX-M3PD-…); the /i/ route takes it with or without the dashes."""
    return personal_url(base_url, grouped(token))


def household_with(token: str) -> ColumnElement[bool]:
    """The condition finding a household by a token as typed: exact, or a grouped code."""
    return Household.token.in_(typed_forms(token))


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
