"""The mail preview: every queued message as its reader sees it, per language, and a test
mail to oneself through a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.mail import services
from eventkit.models import Event, OutboxMessage, Participant, School, User
from tests.mail.conftest import Inbox

Person = Callable[..., Participant]


@pytest.fixture
def queued(meeting: Event, make_carer: Person, make_staff: Person) -> Event:
    make_carer(meeting, "Ayşe", language="tr")
    make_carer(meeting, "Amina", language="ar")
    make_carer(meeting, "Emma", language="nl")
    make_staff(meeting, "Jan")
    services.send(meeting, "parents")
    services.send(meeting, "staff")
    return meeting


def row_for(address: str) -> OutboxMessage:
    return db.session.scalars(db.select(OutboxMessage).filter_by(to_address=address)).one()


def test_every_queued_mail_is_listed_per_language(
    english: FlaskClient, signed_in: FlaskClient, queued: Event
) -> None:
    page = signed_in.get(f"/events/{queued.id}/mail/preview").text
    assert "No mail server is set up yet" in page
    assert page.count(f'href="/events/{queued.id}/mail/preview/') >= 4
    assert "Turkish (1)" in page and "Arabic (1)" in page and "Dutch (2)" in page
    page = signed_in.get(f"/events/{queued.id}/mail/preview?lang=tr").text
    turkish = page.split('id="outbox-list-title"')[1]
    assert "Ayşe" in turkish
    assert "Amina" not in turkish
    assert (
        f'href="/events/{queued.id}/mail/preview"'
        in signed_in.get(f"/events/{queued.id}/mail").text
    )


def test_one_message_as_the_reader_sees_it(
    english: FlaskClient, signed_in: FlaskClient, queued: Event
) -> None:
    row = row_for("amina@home.example")
    base = f"/events/{queued.id}/mail/preview/{row.id}"
    page = signed_in.get(base).text
    assert row.subject in page.replace("&#39;", "'")
    assert f'<iframe class="mail-body" sandbox src="{base}/body"' in page
    assert '<pre class="mail-text">' in page
    body = signed_in.get(f"{base}/body")
    assert body.text == row.html
    csp = body.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script-src" not in csp
    assert body.headers["X-Content-Type-Options"] == "nosniff"
    ics = signed_in.get(f"{base}/invite.ics")
    assert ics.mimetype == "text/calendar" and ics.text == row.ics


def test_a_sample_per_language_before_anything_is_queued(
    english: FlaskClient, signed_in: FlaskClient, meeting: Event, make_carer: Person
) -> None:
    ayse = make_carer(meeting, "Ayşe", language="tr")
    make_carer(meeting, "Mehmet", language="tr")
    make_carer(meeting, "Olena", language="uk")
    page = signed_in.get(f"/events/{meeting.id}/mail/preview").text
    assert page.count("/mail/preview/sample/") == 2  # one per language
    assert "The outbox of this meeting is empty." in page
    sample = signed_in.get(f"/events/{meeting.id}/mail/preview/sample/{ayse.id}")
    assert sample.status_code == 200 and "Example, not sent" in sample.text
    body = signed_in.get(f"/events/{meeting.id}/mail/preview/sample/{ayse.id}/body")
    assert 'lang="tr"' in body.text
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_another_meetings_message_is_a_404(
    signed_in: FlaskClient, queued: Event, make_event: Callable[..., Event],
    make_user: Callable[..., User], login: Callable[[User], FlaskClient],
) -> None:  # fmt: skip
    row = row_for("jan@delinde.example")
    other = make_event(title="Andere avond")
    for path in (f"/events/{other.id}/mail/preview/{row.id}",
                 f"/events/{other.id}/mail/preview/{row.id}/body",
                 f"/events/{queued.id}/mail/preview/99999",
                 f"/events/{other.id}/mail/preview/sample/{row.id}"):  # fmt: skip
        assert signed_in.get(path).status_code == 404
    school = School(name="Andere school")
    db.session.add(school)
    db.session.commit()
    stranger = login(make_user("coordinator", school_=school))
    assert stranger.get(f"/events/{queued.id}/mail/preview/{row.id}").status_code == 404


def test_no_test_mail_without_a_server(signed_in: FlaskClient, meeting: Event) -> None:
    page = signed_in.get(f"/events/{meeting.id}/mail").text
    assert "/mail/test" not in page
    assert signed_in.post(f"/events/{meeting.id}/mail/test").status_code == 404


def test_a_test_mail_to_myself(
    english: FlaskClient, signed_in: FlaskClient, smtp_app: Flask, inbox: Inbox,
    meeting: Event, coordinator: User, school: School,
) -> None:  # fmt: skip
    school.mail_sender_name, school.reply_to = "De Linde ouders", "ouders@delinde.example"
    db.session.commit()
    assert (
        f'action="/events/{meeting.id}/mail/test"'
        in signed_in.get(f"/events/{meeting.id}/mail").text
    )
    done = signed_in.post(f"/events/{meeting.id}/mail/test", follow_redirects=True)
    assert f"A test mail is on its way to {coordinator.email}" in done.text
    (mail,) = inbox.messages
    assert mail["To"].addresses[0].addr_spec == coordinator.email
    assert mail["From"].addresses[0].display_name == "De Linde ouders"
    assert mail["Reply-To"] == "ouders@delinde.example"
    assert "OBS De Linde" in mail.get_content()


def test_a_failing_server_is_named(
    english: FlaskClient, signed_in: FlaskClient, smtp_app: Flask, inbox: Inbox,
    meeting: Event, coordinator: User,
) -> None:  # fmt: skip
    inbox.refuse[coordinator.email] = "550 5.1.1 No such user"
    done = signed_in.post(f"/events/{meeting.id}/mail/test", follow_redirects=True)
    assert "The test mail could not be sent: 550 5.1.1 No such user" in done.text


def test_the_sender_name_from_the_settings_goes_on_the_mail(
    smtp_app: Flask, inbox: Inbox, meeting: Event, make_staff: Person, school: School
) -> None:
    from eventkit.mail import outbox
    from eventkit.mail.mailer import SMTPMailer, SMTPSettings

    make_staff(meeting, "Jan")
    services.send(meeting, "staff")
    school.mail_sender_name = "Ouderavond De Linde"
    db.session.commit()
    outbox.run(SMTPMailer(SMTPSettings.from_config(smtp_app.config)), once=True)
    (mail,) = inbox.messages
    assert mail["From"].addresses[0].display_name == "Ouderavond De Linde"
