"""One clock: the school's. The server may run in UTC; "today" and "now" are the school's.

Tests pin time with time-machine; services take `today`/`now` as arguments where they can,
and the views fill them from here.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def school_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("EVENTKIT_SCHOOL_TIMEZONE", "Europe/Amsterdam"))


def school_now() -> datetime:
    """The school's wall-clock time, without tzinfo (as meetings' dates and times are kept)."""
    return datetime.now(school_zone()).replace(tzinfo=None)


def school_today() -> date:
    return school_now().date()
