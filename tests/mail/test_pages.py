"""The mail page, the send and retry buttons, cancelling, and the calendar download."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.mail import outbox, services
from eventkit.models import Event, OutboxMessage, Participant, School, User

Staff = Callable[..., Participant]


def test_mail_page_shows_progress_and_pending(
    english: FlaskClient, signed_in: FlaskClient, meeting: Event, make_staff: Staff
) -> None:
    make_staff(meeting, "Jan")
    make_staff(meeting, "Eva")
    services.send(meeting, "staff")
    row = db.session.scalars(db.select(OutboxMessage)).first()
    assert row is not None
    row.status, row.last_error = "failed", "550 5.1.1 No such user"
    db.session.commit()
    page = signed_in.get(f"/events/{meeting.id}/mail").text
    assert '<progress id="outbox-progress" max="2" value="1">' in page
    assert "1 of 2 mails handled" in page
    assert "550 5.1.1 No such user" in page
    assert 'aria-current="page">Mail</a>' in page
    assert "No mail server is set up yet" in page
    assert f'href="/events/{meeting.id}/mail/send/parents"' in page


def test_send_asks_first_then_queues(
    english: FlaskClient, signed_in: FlaskClient, meeting: Event, make_staff: Staff
) -> None:
    make_staff(meeting, "Jan", last_name="de Vries")
    confirm = signed_in.get(f"/events/{meeting.id}/mail/send/staff").text
    assert "Jan de Vries &lt;jan@delinde.example&gt;" in confirm
    assert outbox.counts(meeting.id)["queued"] == 0
    done = signed_in.post(f"/events/{meeting.id}/mail/send/staff", follow_redirects=True)
    assert "1 mail is in the outbox." in done.text
    assert outbox.counts(meeting.id)["queued"] == 1
    again = signed_in.post(f"/events/{meeting.id}/mail/send/staff", follow_redirects=True)
    assert "Nothing new to send" in again.text
    assert signed_in.get(f"/events/{meeting.id}/mail/send/everyone").status_code == 404


def test_retry_failed(signed_in: FlaskClient, meeting: Event, make_staff: Staff) -> None:
    make_staff(meeting, "Jan")
    services.send(meeting, "staff")
    row = db.session.scalars(db.select(OutboxMessage)).one()
    row.status, row.attempts = "failed", 6
    db.session.commit()
    response = signed_in.post(f"/events/{meeting.id}/mail/retry", data={"message_id": row.id})
    assert response.status_code == 302
    db.session.refresh(row)
    assert (row.status, row.attempts) == ("queued", 0)


def test_reminder_days_form(english: FlaskClient, signed_in: FlaskClient, meeting: Event) -> None:
    url = f"/events/{meeting.id}/mail"
    assert signed_in.post(url, data={"reminder_days": "5"}).status_code == 302
    assert meeting.reminder_days == 5
    page = signed_in.post(url, data={"reminder_days": "-1"}).text
    assert 'aria-invalid="true"' in page and "Give a number from 0 to 60." in page
    assert meeting.reminder_days == 5


def test_cancel_by_the_coordinator(
    english: FlaskClient, signed_in: FlaskClient, meeting: Event, make_staff: Staff
) -> None:
    make_staff(meeting, "Jan")
    services.send(meeting, "staff")
    db.session.scalars(db.select(OutboxMessage)).one().status = "sent"
    db.session.commit()
    overview = signed_in.get(f"/events/{meeting.id}").text
    assert f'href="/events/{meeting.id}/cancel"' in overview
    assert f'href="/events/{meeting.id}/calendar.ics"' in overview
    assert (
        "1 person who received an invitation" in signed_in.get(f"/events/{meeting.id}/cancel").text
    )
    done = signed_in.post(f"/events/{meeting.id}/cancel", follow_redirects=True)
    assert "The meeting is cancelled. 1 cancellation is in the outbox." in done.text
    assert meeting.status == "cancelled"
    assert "This meeting is cancelled." in done.text


def test_calendar_download(signed_in: FlaskClient, meeting: Event) -> None:
    response = signed_in.get(f"/events/{meeting.id}/calendar.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_who_may_do_what(
    login: Callable[[User], FlaskClient],
    make_user: Callable[..., User],
    make_event: Callable[..., Event],
    meeting: Event,
) -> None:
    client = login(make_user("facilitator"))
    base = f"/events/{meeting.id}"
    # Facilitators see no outbox (addresses and personal links are in it).
    assert client.get(f"{base}/mail").status_code == 403
    assert client.get(f"{base}/mail/send/staff").status_code == 403
    assert client.post(f"{base}/mail/retry").status_code == 403
    assert client.post(f"{base}/cancel").status_code == 403
    other_school = School(name="Elders")
    db.session.add(other_school)
    db.session.commit()
    elsewhere = make_event(school_=other_school)
    for url in ("mail", "mail/send/staff", "calendar.ics", "cancel"):
        assert client.get(f"/events/{elsewhere.id}/{url}").status_code == 404, url


def test_signed_out_goes_to_login(client: FlaskClient, meeting: Event) -> None:
    for url in ("mail", "calendar.ics", "cancel"):
        response: Any = client.get(f"/events/{meeting.id}/{url}")
        assert response.status_code == 302 and "/login" in response.location
