"""When a meeting's time or place changes, or it is called off, every calendar that holds
it must hear of it: the change here, the mail through the outbox (eventkit.mail.services).
"""

from __future__ import annotations

from typing import Any

from ..mail import services as mail_services
from ..models import Event, Status
from ..uow import transactional

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
    if event.status != Status.CANCELLED:
        mail_services.send_updates(event)
    return True


def invited(event: Event) -> list[mail_services.Target]:
    """Who a cancellation reaches: everyone whose invitation went (or is going) out."""
    return mail_services.invited_people(event, statuses=mail_services.REACHED)


@transactional
def cancel(event: Event) -> int:
    """Cancel the meeting: what has not gone out is withdrawn, and everyone whose
    invitation went (or is going) out gets METHOD:CANCEL. Returns how many."""
    reached = invited(event)
    event.status = Status.CANCELLED
    event.ics_sequence = (event.ics_sequence or 0) + 1
    return mail_services.send_cancellations(event, reached)
