"""Mail that reaches a person: every message carries Reply-To = the school's coordinator;
staff answer a REQUEST whose ORGANIZER is that coordinator, parents get a published entry
without Accept/Decline; the inline calendar keeps CRLF. A real SMTP server on loopback."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
import vobject

from eventkit.events import schedule
from eventkit.extensions import db
from eventkit.mail import outbox, services
from eventkit.mail.mailer import SMTPMailer
from eventkit.models import Event, Participant, User
from tests.calendar.conftest import parse_with_icaljs, parse_with_libical

from .conftest import MAIL_FROM, Inbox, part

Person = Callable[..., Participant]


@pytest.fixture
def fatima(make_user: Callable[..., User]) -> User:
    """The school's active coordinator; an earlier one has left, a team member is no one's."""
    gone = make_user("coordinator", name="Oud Coördinator", email="oud@delinde.example")
    gone.active = False
    make_user("team", name="Teamlid", email="team@delinde.example")
    db.session.commit()
    return make_user("coordinator", name="Fatima el Amrani", email="fatima@delinde.example")


def raw_calendar(message: object, content_type: str) -> bytes:
    payload = part(message, content_type).get_payload()  # type: ignore[arg-type]
    return base64.b64decode(payload)


def calendar_of(message: object) -> vobject.base.Component:
    return vobject.readOne(raw_calendar(message, "text/calendar").decode(), validate=True)


def test_staff_answer_the_coordinator(
    fatima: User, meeting: Event, make_staff: Person, mailer: SMTPMailer, inbox: Inbox
) -> None:
    jan = make_staff(meeting, "Jan")
    services.send(meeting, "staff")
    outbox.run(mailer, once=True)
    (message,) = inbox.to(jan.email)
    assert message["Reply-To"] == "Fatima el Amrani <fatima@delinde.example>"
    assert message["From"] == f"OBS De Linde <{MAIL_FROM}>"
    assert part(message, "text/calendar").get_param("method") == "REQUEST"
    cal = calendar_of(message)
    assert cal.method.value == "REQUEST"
    assert cal.vevent.organizer.value == "mailto:fatima@delinde.example"
    assert cal.vevent.organizer.params["CN"] == ["Fatima el Amrani"]
    assert cal.vevent.attendee.params["RSVP"] == ["TRUE"]


def test_the_inline_calendar_has_crlf_like_the_attachment(
    fatima: User, meeting: Event, make_staff: Person, mailer: SMTPMailer, inbox: Inbox
) -> None:
    make_staff(meeting, "Jan")
    services.send(meeting, "staff")
    outbox.run(mailer, once=True)
    (message,) = inbox.messages
    inline = raw_calendar(message, "text/calendar")
    assert inline == raw_calendar(message, "application/ics")
    assert inline.count(b"\r\n") > 20 and b"\n" not in inline.replace(b"\r\n", b"")
    assert part(message, "text/calendar").get_content_charset() == "utf-8"


def test_parents_get_a_published_entry_and_can_reply(
    fatima: User,
    meeting: Event,
    make_carer: Person,
    mailer: SMTPMailer,
    inbox: Inbox,
    tmp_path: Path,
) -> None:
    amina = make_carer(meeting, language="tr")
    meeting.status = "invited"  # no longer a concept: the calendar entry is CONFIRMED
    services.send(meeting, "parents")
    outbox.run(mailer, once=True)
    (message,) = inbox.to(amina.email)
    assert message["Reply-To"] == "Fatima el Amrani <fatima@delinde.example>"
    assert part(message, "text/calendar").get_param("method") == "PUBLISH"
    cal = calendar_of(message)
    assert cal.method.value == "PUBLISH"
    assert "attendee" not in cal.vevent.contents  # nothing to accept or decline
    assert cal.vevent.status.value == "CONFIRMED"
    assert cal.vevent.url.value == f"http://eventkit.test/i/{amina.household.token}"
    path = tmp_path / "parent.ics"
    path.write_bytes(raw_calendar(message, "application/ics"))
    by_libical, by_js = parse_with_libical([path]), parse_with_icaljs([path])
    assert by_libical[str(path)]["method"] == "publish" and by_js[str(path)]["method"] == "PUBLISH"
    assert by_libical[str(path)]["valid"] and by_libical[str(path)]["errors"] == 0


def test_a_cancellation_reaches_parents_published_as_cancelled(
    fatima: User, meeting: Event, make_carer: Person, mailer: SMTPMailer, inbox: Inbox
) -> None:
    amina = make_carer(meeting)
    services.send(meeting, "parents")
    outbox.run(mailer, once=True)
    inbox.received.clear()
    schedule.cancel(meeting)
    outbox.run(mailer, once=True)
    cal = calendar_of(inbox.to(amina.email)[0])
    assert (cal.method.value, cal.vevent.status.value) == ("PUBLISH", "CANCELLED")
    assert int(cal.vevent.sequence.value) == 1


def test_without_a_coordinator_the_school_address_is_used(
    meeting: Event, make_staff: Person, mailer: SMTPMailer, inbox: Inbox
) -> None:
    make_staff(meeting, "Jan")
    services.send(meeting, "staff")
    outbox.run(mailer, once=True)
    (message,) = inbox.messages
    assert message["Reply-To"] is None
    assert calendar_of(message).vevent.organizer.value == f"mailto:{MAIL_FROM}"
