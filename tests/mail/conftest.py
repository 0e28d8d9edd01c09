"""Fixtures for mail: a real SMTP server on loopback, people to write to, and parsing."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from eventkit.mail.mailer import SMTPMailer, SMTPSettings
from eventkit.models import Event, Participant, utcnow
from tests.factories import HouseholdFactory, ParentFactory, ResponseFactory, StaffFactory

MAIL_FROM = "ouders@delinde.example"


def free_port() -> int:
    """aiosmtpd 1.4 cannot listen on port 0: pick a free port ourselves."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    """What the server received, and how it behaves: refuse some addresses, answer slowly."""

    port: int = 0
    received: list[tuple[list[str], bytes]] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply
    delay: float = 0.0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: Any) -> str:  # fmt: skip
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        return [parse(raw) for _rcpts, raw in self.received]

    def to(self, address: str) -> list[EmailMessage]:
        return [parse(raw) for rcpts, raw in self.received if address in rcpts]


def parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def part(message: EmailMessage, content_type: str) -> EmailMessage:
    found = [p for p in message.walk() if p.get_content_type() == content_type]
    assert len(found) == 1, (content_type, [p.get_content_type() for p in message.walk()])
    return found[0]  # type: ignore[return-value]


def serve(smtputf8: bool = False) -> Iterator[Inbox]:
    """A loopback SMTP server for one test; `smtputf8`: it offers SMTPUTF8."""
    handler = Inbox(port=free_port())
    controller = Controller(
        handler, hostname="127.0.0.1", port=handler.port, enable_SMTPUTF8=smtputf8
    )
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    yield from serve()


@pytest.fixture
def smtp_app(app: Flask, inbox: Inbox) -> Flask:
    app.config.update(
        EVENTKIT_SMTP_HOST="127.0.0.1", EVENTKIT_SMTP_PORT=inbox.port, EVENTKIT_MAIL_FROM=MAIL_FROM
    )
    return app


@pytest.fixture
def mailer(smtp_app: Flask) -> SMTPMailer:
    return SMTPMailer(SMTPSettings.from_config(smtp_app.config))


@pytest.fixture
def meeting(make_event: Callable[..., Event]) -> Event:
    return make_event(
        date=date.today() + timedelta(days=20), start_time=time(19, 0), planned_end=time(21, 15)
    )


@pytest.fixture
def make_staff(app: Flask) -> Callable[..., Participant]:
    def make(event: Event, first_name: str = "Jan", **fields: Any) -> Participant:
        values = {"last_name": "de Vries", "can_facilitate": False} | fields
        return StaffFactory(event=event, first_name=first_name, **values)

    return make


@pytest.fixture
def make_carer(app: Flask) -> Callable[..., Participant]:
    """A parent in a household of their own, with a language, an answer, an invitation."""

    def make(
        event: Event,
        first_name: str = "Amina",
        language: str = "nl",
        answer: str | None = None,
        invited: bool = False,
        **fields: Any,
    ) -> Participant:
        fields.setdefault("email", f"{first_name.lower()}@home.example")
        fields.setdefault("last_name", "")
        household = HouseholdFactory(
            event=event, language=language, invited_at=utcnow() if invited else None
        )
        if answer is not None:
            ResponseFactory(household=household, answer=answer, language=language)
        return ParentFactory(household=household, first_name=first_name, **fields)

    return make
