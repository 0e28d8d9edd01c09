"""Table notes and the arena summary: append-only entries and one versioned shared text.

Everything written on the evening is its own NoteEntry, so two people writing at one table
at the same moment lose nothing and there is nothing to merge. A retried save carries the
same client_key and stores nothing new. The one shared text, a table's "points for the
presentation", names the version it was based on: a stale save is refused, never written
over what someone else saved in the meantime.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Event, EventTable, NoteEntry, NoteKind, Status, new_token
from ..uow import transactional
from . import links

TABLE_KINDS = (NoteKind.GOES_WELL, NoteKind.DIFFICULT, NoteKind.IDEA, NoteKind.QUESTION)
ARENA_KINDS = (NoteKind.ARENA,)
MAX_TEXT = 2000
MAX_PRESENTATION = 10_000
MAX_AUTHOR = 80
MAX_ENTRIES = 500  # per table (or arena): a link passed around cannot flood the notes
CLIENT_KEY = re.compile(r"[A-Za-z0-9_-]{8,40}")
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")
LOCKED = (Status.CLOSED.value, Status.CANCELLED.value)


class NoteError(Exception):
    """An entry that cannot be stored: `code` is "full" or "key_taken"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Scope:
    """Where entries go: one table of a meeting, or (no table) the meeting's arena summary."""

    event: Event
    table: EventTable | None = None

    @property
    def kinds(self) -> tuple[NoteKind, ...]:
        return ARENA_KINDS if self.table is None else TABLE_KINDS

    @property
    def table_id(self) -> int | None:
        return self.table.id if self.table is not None else None


@dataclass(frozen=True)
class Item:
    """One entry to store: its kind, its text, and the key that makes a retry harmless."""

    kind: str
    text: str
    client_key: str


@dataclass(frozen=True)
class PresentationResult:
    saved: bool
    text: str  # the stored text after the attempt (someone else's when refused)
    version: int


@dataclass(frozen=True)
class TableNotes:
    table: EventTable
    url: str
    entries: dict[str, list[NoteEntry]]


# --- finding the page behind a link --------------------------------------------------------


def is_open(event: Event) -> bool:
    """Links work until the meeting is closed or cancelled."""
    return event.status not in LOCKED


def table_for_token(token: str) -> EventTable | None:
    """The table behind a note link, while its meeting is open (else None)."""
    if TOKEN.fullmatch(token) is None:
        return None
    table = db.session.scalar(select(EventTable).where(EventTable.note_token == token))
    return table if table is not None and is_open(table.event) else None


def arena_for_token(token: str) -> Event | None:
    if TOKEN.fullmatch(token) is None:
        return None
    event = db.session.scalar(select(Event).where(Event.arena_token == token))
    return event if event is not None and is_open(event) else None


# --- entries -------------------------------------------------------------------------------


def _in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    table = NoteEntry.table_id
    where = table.is_(None) if scope.table is None else table == scope.table.id
    return [NoteEntry.event_id == scope.event.id, where]


def entries(scope: Scope) -> dict[str, list[NoteEntry]]:
    """The scope's entries per kind, oldest first (every kind present, maybe empty)."""
    rows = db.session.scalars(
        select(NoteEntry).where(*_in_scope(scope)).order_by(NoteEntry.created_at, NoteEntry.id)
    )
    grouped: dict[str, list[NoteEntry]] = {kind.value: [] for kind in scope.kinds}
    for row in rows:
        if row.kind in grouped:
            grouped[row.kind].append(row)
    return grouped


def _count(scope: Scope) -> int:
    return db.session.scalar(select(func.count(NoteEntry.id)).where(*_in_scope(scope))) or 0


def _stored(scope: Scope, key: str) -> bool:
    """Whether this key is already stored here (a retry); a key of another page is refused."""
    found = db.session.scalar(select(NoteEntry).where(NoteEntry.client_key == key))
    if found is None:
        return False
    if found.event_id != scope.event.id or found.table_id != scope.table_id:
        raise NoteError("key_taken")
    return True


def add_entries(scope: Scope, items: Sequence[Item], author: str, now: datetime) -> int:
    """Append the items (in order); returns how many were new.

    A key already stored for this page is a retry of a save that arrived: nothing is
    added and it counts as success. When two retries race, the unique key makes the
    later insert fail; it is then tried once more, finding the key stored.
    """
    for attempt in range(2):
        try:
            return _append(scope, items, author, now)
        except IntegrityError:
            db.session.rollback()
            if attempt:
                raise
    raise AssertionError("unreachable")


@transactional
def _append(scope: Scope, items: Sequence[Item], author: str, now: datetime) -> int:
    kinds = {kind.value for kind in scope.kinds}
    new = 0
    for item in items:
        if item.kind not in kinds or CLIENT_KEY.fullmatch(item.client_key) is None:
            raise ValueError(f"not an entry of this page: {item.kind!r}")
        if _stored(scope, item.client_key):
            continue
        if _count(scope) >= MAX_ENTRIES:
            raise NoteError("full")
        entry = NoteEntry(
            event_id=scope.event.id,
            table_id=scope.table_id,
            kind=item.kind,
            text=item.text.strip()[:MAX_TEXT],
            author=author.strip()[:MAX_AUTHOR],
            client_key=item.client_key,
            created_at=now,
        )
        db.session.add(entry)
        db.session.flush()
        new += 1
    return new


# --- the shared presentation text ----------------------------------------------------------


@transactional
def save_presentation(table: EventTable, text: str, based_on: int) -> PresentationResult:
    """Store the text only if nobody saved since version `based_on` (compare and set)."""
    text = text.replace("\r\n", "\n").strip()[:MAX_PRESENTATION]
    changed = db.session.execute(
        update(EventTable)
        .where(EventTable.id == table.id, EventTable.presentation_version == based_on)
        .values(presentation=text, presentation_version=EventTable.presentation_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(table)
    saved = getattr(changed, "rowcount", 0) == 1
    return PresentationResult(saved, table.presentation, table.presentation_version)


# --- the staff's overview ------------------------------------------------------------------


def overview(event: Event, base_url: str) -> list[TableNotes]:
    """Every table with its link and its entries per kind: one query for all the entries."""
    rows = db.session.scalars(
        select(NoteEntry)
        .where(NoteEntry.event_id == event.id, NoteEntry.table_id.is_not(None))
        .order_by(NoteEntry.created_at, NoteEntry.id)
    )
    grouped: dict[int, dict[str, list[NoteEntry]]] = {
        table.id: {kind.value: [] for kind in TABLE_KINDS} for table in event.tables
    }
    for row in rows:
        kinds = grouped.get(row.table_id or 0, {})
        if row.kind in kinds:
            kinds[row.kind].append(row)
    return [
        TableNotes(table, links.table_url(base_url, table.note_token), grouped[table.id])
        for table in event.tables
    ]


@transactional
def revoke_links(event: Event) -> None:
    """Every table (and the arena summary) gets a fresh token: the old links stop working."""
    for table in event.tables:
        table.note_token = new_token()
    event.arena_token = new_token()
