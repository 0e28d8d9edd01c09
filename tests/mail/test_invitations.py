"""Invitations, updates, cancellations and reminders, sent through the real SMTP code to a
loopback server and read back as a mail program would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta

import pytest
import vobject

from eventkit.events import schedule
from eventkit.events.services import EventData, update_event
from eventkit.mail import outbox, services
from eventkit.mail.mailer import SMTPMailer
from eventkit.models import Event, Participant

from .conftest import MAIL_FROM, Inbox, part

Staff = Callable[..., Participant]
Carer = Callable[..., Participant]


def calendar_of(message: object) -> vobject.base.Component:
    text = part(message, "text/calendar").get_content()  # type: ignore[arg-type]
    return vobject.readOne(text, validate=True)


def test_staff_get_a_calendar_invitation(
    meeting: Event, make_staff: Staff, mailer: SMTPMailer, inbox: Inbox
) -> None:
    jan = make_staff(meeting, "Jan", language="en")
    make_staff(meeting, "Eva")
    make_staff(meeting, "Piet", email="")  # no address: no mail
    assert services.send(meeting, "staff") == 2
    assert services.send(meeting, "staff") == 0  # pressing twice adds nothing
    assert outbox.run(mailer, once=True).sent == 2
    (message,) = inbox.to(jan.email)
    assert message["From"] == f"OBS De Linde <{MAIL_FROM}>"
    assert message["Subject"].startswith("Invitation: Ouderavond aanwezigheid")
    alternative = part(message, "multipart/alternative")
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    calendar_part = part(message, "text/calendar")
    assert calendar_part.get_param("method") == "REQUEST"
    assert calendar_part.get_content_charset() == "utf-8"
    text = part(message, "text/plain").get_content()
    assert "19:00  Inloop" in text and "http://eventkit.test/events/" in text
    cal = calendar_of(message)
    assert cal.method.value == "REQUEST"
    assert cal.vevent.attendee.value == f"mailto:{jan.email}"
    assert cal.vevent.attendee.params["RSVP"] == ["TRUE"]
    assert cal.vevent.organizer.value == f"mailto:{MAIL_FROM}"
    assert part(message, "application/ics").get_filename() == "invite.ics"


@pytest.mark.parametrize(
    ("language", "direction", "weekday"),
    [("nl", "ltr", "dinsdag"), ("en", "ltr", "Tuesday"), ("tr", "ltr", "Salı"),
     ("ar", "rtl", "الثلاثاء"), ("pl", "ltr", "wtorek"), ("uk", "ltr", "вівторок")],
)  # fmt: skip
def test_parents_get_their_personal_invitation_in_their_language(
    make_event: Callable[..., Event],
    make_carer: Carer,
    mailer: SMTPMailer,
    inbox: Inbox,
    language: str,
    direction: str,
    weekday: str,
) -> None:
    event = make_event(date=date(2030, 12, 10))  # a Tuesday
    amina = make_carer(event, language=language)
    make_carer(event, "Zonder", email="")  # paper only
    assert services.send(event, "parents") == 1
    assert amina.household is not None and amina.household.invited_at is not None
    outbox.run(mailer, once=True)
    (message,) = inbox.messages
    link = f"http://eventkit.test/i/{amina.household.token}"
    html = part(message, "text/html").get_content()
    assert f'lang="{language}" dir="{direction}"' in html
    assert f'href="{link}"' in html
    text = part(message, "text/plain").get_content()
    assert link in text and weekday in text
    assert "Dear Amina," in text or "Amina" in text
    cal = calendar_of(message)
    # Parents answer on their page: a published entry, no attendee to accept or decline
    # (libical refuses an ATTENDEE under METHOD:PUBLISH, RFC 5546 3.2.1).
    assert cal.method.value == "PUBLISH" and "attendee" not in cal.vevent.contents
    assert cal.vevent.url.value == link


def test_a_time_change_updates_everyone_invited(
    meeting: Event, make_staff: Staff, make_carer: Carer, mailer: SMTPMailer, inbox: Inbox
) -> None:
    jan = make_staff(meeting, "Jan", language="en")
    amina = make_carer(meeting, "Amina")
    on_paper = make_carer(meeting, "Femke", invited=True)  # invited on paper, has e-mail
    make_carer(meeting, "Never")  # not invited: hears nothing
    services.send(meeting, "staff")
    services.send(meeting, "parents")
    outbox.run(mailer, once=True)
    inbox.received.clear()
    late = make_staff(meeting, "Late", language="en")
    services.send(meeting, "staff")  # Late's invitation is still waiting when time changes

    update_event(meeting, replace(EventData.of(meeting), start_time=time(19, 30)))

    assert meeting.ics_sequence == 1
    outbox.run(mailer, once=True)
    received = {rcpts[0] for rcpts, _raw in inbox.received}
    assert received == {jan.email, amina.email, on_paper.email, late.email, "never@home.example"}
    (update,) = inbox.to(jan.email)
    assert update["Subject"].startswith("Changed:")
    cal = calendar_of(update)
    assert (cal.method.value, int(cal.vevent.sequence.value)) == ("REQUEST", 1)
    assert cal.vevent.dtstart.value.strftime("%H:%M") == "19:30"
    (rewritten,) = inbox.to(late.email)  # one mail, the invitation, with the new time
    assert rewritten["Subject"].startswith("Invitation:")
    assert calendar_of(rewritten).vevent.dtstart.value.strftime("%H:%M") == "19:30"


def test_cancellation_reaches_who_was_invited_and_withdraws_the_rest(
    meeting: Event, make_staff: Staff, make_carer: Carer, mailer: SMTPMailer, inbox: Inbox
) -> None:
    jan = make_staff(meeting, "Jan")
    amina = make_carer(meeting, "Amina")
    services.send(meeting, "staff")
    services.send(meeting, "parents")
    outbox.run(mailer, once=True)
    waiting = make_staff(meeting, "Waiting")
    services.send(meeting, "staff")
    inbox.received.clear()

    assert schedule.cancel(meeting) == 2
    outbox.run(mailer, once=True)

    assert meeting.status == "cancelled"
    assert {rcpts[0] for rcpts, _raw in inbox.received} == {jan.email, amina.email}
    cal = calendar_of(inbox.to(jan.email)[0])
    assert cal.method.value == "CANCEL"
    assert cal.vevent.status.value == "CANCELLED"
    assert int(cal.vevent.sequence.value) == meeting.ics_sequence == 1
    assert outbox.counts(meeting.id)["dropped"] == 1
    assert not inbox.to(waiting.email)
    make_staff(meeting, "After")
    assert services.send(meeting, "staff") == 0  # a cancelled meeting invites nobody


@pytest.mark.parametrize(
    ("answer", "invited", "kind"),
    [("yes", True, "reminder"), ("maybe", False, "reminder"), ("no", True, None),
     (None, True, "nudge"), (None, False, None)],
)  # fmt: skip
def test_who_gets_a_reminder(
    meeting: Event, make_carer: Carer, answer: str | None, invited: bool, kind: str | None
) -> None:
    make_carer(meeting, answer=answer, invited=invited)
    found = services.targets(meeting, "remind", date(2030, 1, 1))
    assert [t.kind for t in found] == ([kind] if kind else [])


def test_reminders_are_once_a_day_and_say_the_right_thing(
    meeting: Event, make_carer: Carer, mailer: SMTPMailer, inbox: Inbox
) -> None:
    coming = make_carer(meeting, "Coming", answer="yes", language="en")
    silent = make_carer(meeting, "Silent", invited=True, language="en")
    today = date.today()
    assert services.send(meeting, "remind", today) == 2
    assert services.send(meeting, "remind", today) == 0
    assert services.send(meeting, "remind", today + timedelta(days=1)) == 2
    outbox.run(mailer, once=True, limit=2)
    assert inbox.to(coming.email)[0]["Subject"].startswith("Reminder:")
    nudge = inbox.to(silent.email)[0]
    assert nudge["Subject"].startswith("Will you come?")
    assert "We have not heard from you yet" in part(nudge, "text/plain").get_content()
    assert not [p for p in nudge.walk() if p.get_content_type() == "text/calendar"]


def test_automatic_reminders_come_reminder_days_before(
    make_event: Callable[..., Event], make_carer: Carer
) -> None:
    today = date(2030, 3, 1)
    soon = make_event(date=today + timedelta(days=3))  # reminder_days defaults to 3
    later = make_event(date=today + timedelta(days=4))
    off = make_event(date=today + timedelta(days=1))
    off.reminder_days = 0
    for event in (soon, later, off):
        make_carer(event, f"P{event.id}", answer="yes")
    assert services.queue_due_reminders(today) == 1
    assert services.queue_due_reminders(today) == 0  # once per meeting
    assert outbox.counts(soon.id)["queued"] == 1
