"""Addresses with accented letters before the @ (ayşe.yılmaz@…): sent with SMTPUTF8 when the
server offers it; otherwise that one mail fails with a plain reason, and the import warns."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_string, policy

import pytest
from flask import Flask
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.mail import outbox
from eventkit.mail.mailer import NEEDS_SMTPUTF8, SMTPMailer, SMTPSettings
from eventkit.models import Event, OutboxMessage
from tests.participants.conftest import MAGISTER_HEADERS, csv_bytes
from tests.participants.test_pages import preview_url, text

from .conftest import Inbox, serve

ACCENTED = "ayşe.yılmaz@home.example"


@pytest.fixture
def utf8_inbox() -> Iterator[Inbox]:
    yield from serve(smtputf8=True)


@pytest.fixture
def ascii_inbox() -> Iterator[Inbox]:
    yield from serve(smtputf8=False)


def queue_two(meeting: Event) -> None:
    for n, address in enumerate([ACCENTED, "petra@home.example"]):
        outbox.enqueue(kind="invitation", dedupe_key=f"invitation:{meeting.id}:{n}",
                       to_address=address, to_name="Ayşe Yılmaz" if n == 0 else "Petra",
                       subject="Uitnodiging", text="Hallo", event_id=meeting.id)  # fmt: skip
    db.session.commit()


def rows() -> dict[str, OutboxMessage]:
    db.session.expire_all()
    return {m.to_address: m for m in db.session.scalars(db.select(OutboxMessage))}


def test_sent_with_smtputf8_when_the_server_offers_it(
    app: Flask, meeting: Event, utf8_inbox: Inbox
) -> None:
    queue_two(meeting)
    result = outbox.run(SMTPMailer(SMTPSettings("127.0.0.1", utf8_inbox.port)), once=True)
    assert (result.sent, result.failed) == (2, 0)
    assert [rcpts for rcpts, _raw in utf8_inbox.received] == [[ACCENTED], ["petra@home.example"]]
    # An SMTPUTF8 message carries raw UTF-8 headers: read it as text, as such a client does.
    raw = utf8_inbox.received[0][1].decode("utf-8")
    arrived = message_from_string(raw, policy=policy.default)
    assert arrived["To"].addresses[0].addr_spec == ACCENTED
    assert arrived["To"].addresses[0].display_name == "Ayşe Yılmaz"
    assert {m.status for m in rows().values()} == {"sent"}


def test_without_smtputf8_only_that_mail_fails_with_a_plain_reason(
    app: Flask, meeting: Event, ascii_inbox: Inbox, signed_in: FlaskClient
) -> None:
    queue_two(meeting)
    result = outbox.run(SMTPMailer(SMTPSettings("127.0.0.1", ascii_inbox.port)), once=True)
    assert (result.sent, result.failed, result.retried) == (1, 1, 0)
    assert [rcpts for rcpts, _raw in ascii_inbox.received] == [["petra@home.example"]]
    failed = rows()[ACCENTED]
    assert (failed.status, failed.last_error, failed.attempts) == ("failed", NEEDS_SMTPUTF8, 1)

    dutch = signed_in.get(f"/events/{meeting.id}/mail").text
    assert "letters met accenten vóór de @" in dutch and "SMTPUTF8" not in dutch


def test_the_reason_in_english(english: FlaskClient, signed_in: FlaskClient, meeting) -> None:
    queue_two(meeting)
    row = rows()[ACCENTED]
    row.status, row.last_error = "failed", NEEDS_SMTPUTF8
    db.session.commit()
    page = signed_in.get(f"/events/{meeting.id}/mail").text
    assert "This address has accented letters before the @" in page
    assert "SMTPUTF8" not in page


def test_the_import_preview_names_the_accented_rows(
    english: FlaskClient, signed_in: FlaskClient, meeting: Event
) -> None:
    data = csv_bytes(MAGISTER_HEADERS, [
        ["1001", "Zoë", "Müller", "2B", "2", "Ayşe Yılmaz", "Ayşe.Yılmaz@home.example", "", "tr"],
        ["1002", "Daan", "de Vries", "2B", "2", "Petra de Vries", "petra@home.example", "", "nl"],
        ["1003", "Eva", "Şahin", "3A", "3", "Gül Şahin", "gül@şahin.example", "", "Turks"],
    ])  # fmt: skip
    page = text(signed_in.get(preview_url(signed_in, meeting, data)).text)
    assert f"Row 2: {ACCENTED} has accented letters before the @" in page
    assert "Row 4: gül@şahin.example has accented letters before the @" in page
    assert "Row 3:" not in page
    assert "Ready to import 3 households" in page
