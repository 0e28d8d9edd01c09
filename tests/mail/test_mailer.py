"""The SMTP mailer against a real server on loopback: delivered, refused, unreachable."""

from __future__ import annotations

import pytest

from eventkit.config import from_environment
from eventkit.mail.mailer import (
    MailError,
    PermanentFailure,
    SMTPMailer,
    SMTPSettings,
    TemporaryFailure,
)
from eventkit.mail.message import Envelope, build

from .conftest import Inbox, free_port, part

ENVELOPE = Envelope("ouders@delinde.example", "OBS De Linde", "eventkit.test")
ICS = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def message(to: str = "jan@delinde.example", ics: str = "", method: str = "") -> object:
    return build(
        7, "invitation:1:7", to, "Jan de Vries", "Uitnodiging: ouderavond", "Hallo Jan,\n",
        "<p>Hallo Jan,</p>", ics, method, ENVELOPE,
    )  # fmt: skip


def test_a_message_arrives_whole(inbox: Inbox) -> None:
    mailer = SMTPMailer(SMTPSettings("127.0.0.1", inbox.port))
    mailer.send(message(ics=ICS, method="REQUEST"))  # type: ignore[arg-type]
    mailer.send(message("eva@delinde.example"))  # type: ignore[arg-type]
    mailer.close()
    assert [rcpts for rcpts, _raw in inbox.received] == [
        ["jan@delinde.example"],
        ["eva@delinde.example"],
    ]
    first = inbox.messages[0]
    assert first["From"] == "OBS De Linde <ouders@delinde.example>"
    assert first["To"] == "Jan de Vries <jan@delinde.example>"
    assert first["Message-ID"].endswith("@eventkit.test>")
    assert first.get_content_type() == "multipart/mixed"
    calendar = part(first, "text/calendar")
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"
    assert calendar.get_content().replace("\n", "\r\n").replace("\r\r", "\r") == ICS
    attachment = part(first, "application/ics")
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content() == ICS.encode()


@pytest.mark.parametrize(
    ("reply", "error"),
    [("550 5.1.1 No such user", PermanentFailure),
     ("553 Mailbox name not allowed", PermanentFailure),
     ("451 4.3.0 Try again later", TemporaryFailure),
     ("452 Mailbox full", TemporaryFailure)],
)  # fmt: skip
def test_refused_recipients(inbox: Inbox, reply: str, error: type[MailError]) -> None:
    inbox.refuse["nobody@delinde.example"] = reply
    mailer = SMTPMailer(SMTPSettings("127.0.0.1", inbox.port))
    with pytest.raises(error) as raised:
        mailer.send(message("nobody@delinde.example"))  # type: ignore[arg-type]
    assert str(raised.value) == reply
    mailer.send(message())  # type: ignore[arg-type]  # the mailer reconnects after a refusal
    mailer.close()
    assert len(inbox.received) == 1


def test_a_server_that_is_down_is_a_temporary_failure() -> None:
    mailer = SMTPMailer(SMTPSettings("127.0.0.1", free_port(), timeout=2))
    with pytest.raises(TemporaryFailure, match="ConnectionRefusedError"):
        mailer.send(message())  # type: ignore[arg-type]


def test_no_host_no_mailer() -> None:
    with pytest.raises(MailError, match="EVENTKIT_SMTP_HOST"):
        SMTPMailer(SMTPSettings(""))


@pytest.mark.parametrize(
    ("env", "port"),
    [({}, 25), ({"EVENTKIT_SMTP_STARTTLS": "true"}, 587), ({"EVENTKIT_SMTP_SSL": "1"}, 465),
     ({"EVENTKIT_SMTP_PORT": "2525", "EVENTKIT_SMTP_STARTTLS": "yes"}, 2525)],
)  # fmt: skip
def test_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, env: dict[str, str], port: int
) -> None:
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("EVENTKIT_SMTP_HOST", "smtp.school.example")
    monkeypatch.setenv("EVENTKIT_SMTP_USER", "ouders")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = SMTPSettings.from_config(from_environment(str(tmp_path)))
    assert (settings.host, settings.user, settings.effective_port) == (
        "smtp.school.example",
        "ouders",
        port,
    )
