"""The audit log: who viewed, exported, imported or deleted personal data, and when.

One function writes it (`record`), so every feature logs the same way. An entry names the
user, the action, the meeting and, in `detail`, the document or a count: never a family's
name or address. A meeting's entries go with its personal data (`purge`)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from .extensions import db
from .models import AuditEntry, Event, User
from .uow import transactional

# The actions the coordinator's page names in words; other actions show as they are.
ACTIONS: dict[str, Any] = {
    "export": _l("Downloaded a document with personal data"),
    "import": _l("Imported people from a file"),
    "erase": _l("Deleted the personal data of the meeting"),
    "retention": _l("Deleted the personal data automatically (retention period)"),
    "household_delete": _l("Deleted one household on request"),
    "household_export": _l("Exported one household's data on request"),
    "link_reissue": _l("Replaced a household's personal link"),
    "legal_hold": _l("Changed the legal hold"),
}


@transactional
def record(user: User | None, action: str, event: Event | None, detail: str = "") -> AuditEntry:
    """Write one entry and commit it, with the caller's unit of work when there is one (the
    user None: the system, e.g. an automatic purge)."""
    school_id = event.school_id if event is not None else user.school_id if user else None
    if school_id is None:
        raise ValueError("an audit entry needs a meeting or a user to know the school")
    entry = AuditEntry(
        school_id=school_id,
        event_id=event.id if event is not None else None,
        user_id=user.id if user is not None else None,
        action=action[:40],
        detail=detail[:200],
    )
    db.session.add(entry)
    return entry


def entries(school_id: int, event_id: int | None = None, limit: int = 500) -> list[AuditEntry]:
    """The school's newest entries (of one meeting, if given)."""
    query = select(AuditEntry).where(AuditEntry.school_id == school_id)
    if event_id is not None:
        query = query.where(AuditEntry.event_id == event_id)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def purge(event: Event) -> int:
    """Remove the meeting's entries (with its personal data); the caller commits."""
    result = db.session.execute(delete(AuditEntry).where(AuditEntry.event_id == event.id))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def describe(action: str) -> str:
    return str(ACTIONS.get(action, action))


def import_detail(new: int, updated: int) -> str:
    """An import's detail: numbers only, worded in the reader's language (detail_text)."""
    return f"new:{new} updated:{updated}"


def detail_text(entry: AuditEntry) -> str:
    if entry.action == "import" and entry.detail.startswith("new:"):
        numbers = dict(part.split(":", 1) for part in entry.detail.split() if ":" in part)
        return str(
            _l(
                "%(new)s new, %(updated)s updated",
                new=numbers.get("new", "0"),
                updated=numbers.get("updated", "0"),
            )
        )
    return entry.detail
