"""Deleting a meeting's personal data reaches every copy: tables, files, mail, documents."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import select

from eventkit.extensions import db
from eventkit.models import AuditEntry, Job, NoteEntry, OutboxMessage
from eventkit.participants import uploads
from eventkit.privacy.shredders import SHREDDERS

from .conftest import Stored, traces


def test_the_people_are_everywhere_before(stored: Stored, import_dir: Path) -> None:
    """The found case: each of these places holds the meeting's people."""
    found = traces(stored.needles, [import_dir])
    for place in (
        "participants.email",
        "pupils.last_name",
        "households.token",
        "outbox.to_address",
        "outbox.text",
        "jobs.result",
        "note_entries.author",
    ):
        assert place in found, place  # fmt: skip
    assert any(str(import_dir) in place for place in found)


def test_erasing_leaves_no_trace_in_any_table_or_file(
    stored: Stored, signed_in: FlaskClient, import_dir: Path
) -> None:
    event = stored.event
    upload_token = next(import_dir.glob("*.json")).stem
    assert signed_in.post(f"/events/{event.id}/erase").status_code == 302
    assert traces(stored.needles, [import_dir]) == []
    assert list(import_dir.iterdir()) == []
    # The upload's preview no longer shows names: it is gone.
    preview = signed_in.get(f"/events/{event.id}/participants/import/{upload_token}")
    assert preview.status_code != 200 and "Yılmaz" not in preview.text
    assert db.session.scalar(select(Job).where(Job.event_id == event.id)) is None
    assert (
        db.session.scalar(select(OutboxMessage).where(OutboxMessage.event_id == event.id)) is None
    )


def test_the_meeting_and_its_outcome_stay(stored: Stored, signed_in: FlaskClient) -> None:
    event = stored.event
    signed_in.post(f"/events/{event.id}/erase")
    db.session.expire_all()
    assert len(event.tables) > 0 and len(event.blocks) > 0
    note = db.session.scalar(select(NoteEntry).where(NoteEntry.event_id == event.id))
    assert note is not None and note.text == "Meer uitleg" and note.author == ""
    entries = list(db.session.scalars(select(AuditEntry).where(AuditEntry.event_id == event.id)))
    assert [e.action for e in entries] == ["erase"]  # the old ones went, one says who erased
    assert "Fatma" not in entries[0].detail and "people:" in entries[0].detail


def test_the_headcount_survives_the_erase(stored: Stored, signed_in: FlaskClient) -> None:
    from eventkit.checkin.services import count_of

    event = stored.event
    before = count_of(event)
    signed_in.post(f"/events/{event.id}/erase")
    db.session.expire_all()
    assert count_of(event) == before and before.invited == 2 and before.yes == 1


def test_the_report_and_the_aftercare_keep_their_numbers(
    stored: Stored, signed_in: FlaskClient
) -> None:
    from eventkit.aftercare.services import overview
    from eventkit.exports.report_data import attendance, by_class

    event = stored.event
    rows, classes = attendance(event), by_class(event)
    invited = overview(event, event.date).invited
    signed_in.post(f"/events/{event.id}/erase")
    db.session.expire_all()
    assert event.participants == [] and event.households == []
    assert attendance(event) == rows and rows[0].invited == 2
    assert by_class(event) == classes and {c.name for c in classes} == {"2B", "3A"}
    assert overview(event, event.date).invited == invited == 2


def test_one_shredder_per_kind_of_data() -> None:
    assert set(SHREDDERS) == {
        "outbox", "jobs", "uploads", "note_authors", "seats", "people", "audit"
    }  # fmt: skip


def test_uploads_of_one_meeting_are_discarded(tmp_path: Path) -> None:
    mine = uploads.store(tmp_path, 1, "a.csv", "auto", b"x")
    other = uploads.store(tmp_path, 2, "b.csv", "auto", b"y")
    assert uploads.discard_event(tmp_path, 1) == 2
    assert not (tmp_path / f"{mine}.data").exists()
    assert (tmp_path / f"{other}.data").exists()
