"""Team mail through a real SMTP server on loopback, and following the link it carries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from eventkit.mail import outbox
from eventkit.mail.mailer import SMTPMailer, SMTPSettings
from tests.mail.conftest import Inbox, free_port

MAIL_FROM = "eventkit@delinde.example"


@pytest.fixture
def mailbox(app: Flask) -> Iterator[Inbox]:
    handler = Inbox(port=free_port())
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    app.config.update(
        EVENTKIT_SMTP_HOST="127.0.0.1",
        EVENTKIT_SMTP_PORT=handler.port,
        EVENTKIT_MAIL_FROM=MAIL_FROM,
    )
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def deliver(app: Flask, mailbox: Inbox) -> Callable[[], list[EmailMessage]]:
    """Run the outbox worker once (real SMTP) and return every message received so far."""

    def run() -> list[EmailMessage]:
        outbox.run(SMTPMailer(SMTPSettings.from_config(app.config)), once=True)
        return mailbox.messages

    return run


def link_in(message: EmailMessage) -> str:
    """The path of the one eventkit link in the text part."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.findall(r"http://eventkit\.test(/\S+)", body.get_content())
    assert len(found) == 1, found
    return urlsplit(found[0]).path
