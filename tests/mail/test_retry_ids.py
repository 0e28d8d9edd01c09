"""Retrying failed mail from the mail page: all of them, one by id, and ids that are none."""

from __future__ import annotations

from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.mail import services
from eventkit.models import Event, OutboxMessage


def _failed(meeting: Event, make_staff) -> list[OutboxMessage]:
    make_staff(meeting, "Jan")
    make_staff(meeting, "Els")
    services.send(meeting, "staff")
    rows = list(db.session.scalars(db.select(OutboxMessage)))
    for row in rows:
        row.status, row.attempts = "failed", 6
    db.session.commit()
    return rows


def test_without_an_id_every_failed_mail_goes_again(
    signed_in: FlaskClient, meeting: Event, make_staff
) -> None:
    rows = _failed(meeting, make_staff)
    assert signed_in.post(f"/events/{meeting.id}/mail/retry").status_code == 302
    for row in rows:
        db.session.refresh(row)
    assert {row.status for row in rows} == {"queued"}


def test_an_id_that_is_none_is_a_404_and_retries_nothing(
    signed_in: FlaskClient, meeting: Event, make_staff
) -> None:
    rows = _failed(meeting, make_staff)
    for wanted in ("abc", "0", str(2**31), "9" * 400, str(rows[-1].id + 1000)):
        response = signed_in.post(f"/events/{meeting.id}/mail/retry", data={"message_id": wanted})
        assert response.status_code == 404, wanted
    for row in rows:
        db.session.refresh(row)
    assert {row.status for row in rows} == {"failed"}
