"""The audit log: downloads, imports and erasures recorded; the coordinator reads it."""

from __future__ import annotations

import io
from pathlib import Path

from eventkit import audit
from eventkit.extensions import db
from eventkit.models import AuditEntry, School
from tests.participants.conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes
from tests.participants.test_pages import mapping_form


def _entries() -> list[tuple[str, str]]:
    rows = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
    return [(row.action, row.detail) for row in rows]


def test_downloads_imports_and_erasure_are_recorded(
    app, signed_in, coordinator, meeting, tmp_path: Path
) -> None:
    app.config["EVENTKIT_IMPORT_DIR"] = str(tmp_path / "imports")
    assert signed_in.get(f"/events/{meeting.id}/export/tablesheets.docx").status_code == 200
    data = csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS)
    uploaded = signed_in.post(
        f"/events/{meeting.id}/participants/import",
        data={"file": (io.BytesIO(data), "export.csv"), "kind": "auto"},
        content_type="multipart/form-data",
    )
    url = uploaded.location
    form = mapping_form(signed_in.get(url).text)
    assert signed_in.post(url, data=form | {"action": "import"}).status_code == 302
    assert _entries() == [("export", "tablesheets.docx"), ("import", "new:6 updated:0")]
    rows = db.session.scalars(db.select(AuditEntry))
    log = " ".join(str(value) for row in rows for value in vars(row).values())
    assert "Yılmaz" not in log  # no family's name in the log

    signed_in.post(f"/events/{meeting.id}/erase")
    # The meeting's log went with its personal data; the erasure itself is recorded.
    (entry,) = db.session.scalars(db.select(AuditEntry)).all()
    assert (entry.action, entry.user_id, entry.event_id) == ("erase", coordinator.id, meeting.id)


def test_the_coordinator_reads_the_log(english, signed_in, coordinator, meeting, make_event):
    other = make_event(title="Tweede avond")
    audit.record(coordinator, "export", meeting, "cards.pdf")
    audit.record(coordinator, "import", other, audit.import_detail(3, 0))
    page = english.get("/audit")
    assert page.status_code == 200
    assert "Downloaded a document with personal data" in page.text and "cards.pdf" in page.text
    assert coordinator.name in page.text and "Imported people from a file" in page.text
    assert "(3 new, 0 updated)" in page.text
    one = english.get(f"/audit?event={meeting.id}")
    assert "cards.pdf" in one.text and "3 new" not in one.text


def test_others_may_not_read_the_log(app, login, make_user, meeting, coordinator) -> None:
    audit.record(coordinator, "export", meeting, "cards.pdf")
    team = login(make_user("team"))
    assert team.get("/audit").status_code == 403


def test_another_school_sees_nothing_of_it(app, login, make_user, meeting, coordinator) -> None:
    audit.record(coordinator, "export", meeting, "cards.pdf")
    elsewhere = School(name="Het Baken")
    db.session.add(elsewhere)
    db.session.commit()
    client = login(make_user("coordinator", school_=elsewhere))
    assert "cards.pdf" not in client.get("/audit").text
    assert client.get(f"/audit?event={meeting.id}").status_code == 404


def test_a_record_needs_a_school(app) -> None:
    import pytest

    with pytest.raises(ValueError):
        audit.record(None, "export", None)


def test_table_lists_and_background_documents_are_recorded(app, signed_in, meeting) -> None:
    from eventkit.models import Job

    job = Job(event_id=meeting.id, kind="invitations", status="done", result=b"x",
              result_name="uitnodigingen.docx", result_mimetype="text/plain")  # fmt: skip
    db.session.add(job)
    db.session.commit()
    assert signed_in.get(f"/events/{meeting.id}/tables/lists.csv").status_code == 200
    assert signed_in.get(f"/jobs/{job.token}/download").status_code == 200
    assert _entries() == [("export", "tafellijsten.csv"), ("export", "uitnodigingen.docx")]
