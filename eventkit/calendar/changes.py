"""When a meeting's time or place changes, every calendar that holds it must hear of it."""

from __future__ import annotations

from typing import Any

from ..models import Event, Status

# The fields whose change makes a calendar copy out of date (RFC 5546: raise SEQUENCE).
SCHEDULE_FIELDS = ("date", "start_time", "planned_end", "location", "room")


def schedule_of(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in SCHEDULE_FIELDS}


def note_schedule_change(event: Event, before: dict[str, Any]) -> bool:
    """Call after changing a meeting, with `schedule_of(event)` from before the change.

    If time or place changed: raise the meeting's SEQUENCE and queue an updated invitation
    (METHOD:REQUEST) for everyone invited so far. Returns whether anything changed. The
    caller commits.
    """
    if all(before.get(name) == getattr(event, name) for name in SCHEDULE_FIELDS):
        return False
    event.ics_sequence = (event.ics_sequence or 0) + 1
    if event.status != Status.CANCELLED.value:
        from ..mail import services as mail_services

        mail_services.send_updates(event)
    return True
