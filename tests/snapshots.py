"""Helpers for snapshot tests (syrupy): fixed identifiers, outbox rows as plain data, and
.ics files kept as real calendar files beside the tests.

Time is pinned by each test with time_machine; ids are deterministic because every test
starts from an empty database. What stays random is replaced here by fixed values.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from eventkit.domain.codes import ALPHABET, LENGTH
from eventkit.extensions import db
from eventkit.models import Event, OutboxMessage


def _code(prefix: str, n: int) -> str:
    """A fixed household-style code (only the codes' own symbols), unique per prefix and n."""
    return (prefix + ALPHABET[n % len(ALPHABET)] * LENGTH)[:LENGTH]


def pin_tokens(event: Event) -> None:
    """Replace every random token of a meeting (calendar uid, public links, household
    codes, table note links) by a fixed one, so a snapshot stays byte for byte the same."""
    event.uid = f"00000000-0000-4000-8000-{event.id:012d}"
    event.arena_token = f"arena{event.id:027d}"
    event.evaluation_token = f"evaluation{event.id:022d}"
    event.aftercare_token = f"aftercare{event.id:023d}"
    for household in sorted(event.households, key=lambda h: h.id):
        household.token = _code("HQME", household.id)
    for table in event.tables:
        table.note_token = f"table{table.id:027d}"
    db.session.commit()


def outbox_rows(*kinds: str) -> list[dict[str, Any]]:
    """The queued mails (of these kinds, or all) as they would be sent, oldest first."""
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kinds:
        query = query.where(OutboxMessage.kind.in_(kinds))
    return [
        {
            "kind": row.kind,
            "to": f"{row.to_name} <{row.to_address}>",
            "subject": row.subject,
            "text": row.text,
            "html": row.html,
            "ics_method": row.ics_method,
            "ics": row.ics.replace("\r\n", "\n"),
        }
        for row in db.session.scalars(query)
    ]


class IcsSnapshot(SingleFileSnapshotExtension):
    """One snapshot, one .ics file, byte for byte (CRLF line ends and folding included)."""

    file_extension = "ics"
    _write_mode = WriteMode.BINARY
