"""Importing a file and its audit entry are one transaction: people without the record of
who imported them are never stored."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from eventkit import audit
from eventkit.extensions import db
from eventkit.models import AuditEntry, Event, Participant

from .conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes
from .test_pages import mapping_form, preview_url


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_import_and_its_audit_entry_together(signed_in: FlaskClient, event: Event) -> None:
    url = preview_url(signed_in, event, csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    form = mapping_form(signed_in.get(url).text)
    assert signed_in.post(url, data=form | {"action": "import"}).status_code == 302
    assert _count(Participant) == 3
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "import"))
    assert [e.event_id for e in entries] == [event.id]


def test_no_people_without_the_audit_entry(
    signed_in: FlaskClient, event: Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = preview_url(signed_in, event, csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    form = mapping_form(signed_in.get(url).text)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        signed_in.post(url, data=form | {"action": "import"})
    assert (_count(Participant), _count(AuditEntry)) == (0, 0)
    assert signed_in.get(url).status_code == 200  # the upload is kept: it can be tried again
