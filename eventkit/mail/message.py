"""One outbox row as an e-mail message.

With a calendar, the shape is the one Google Calendar itself sends, which Outlook and
Gmail both show as an invitation with answer buttons:

    multipart/mixed
      multipart/alternative
        text/plain
        text/html
        text/calendar; method=REQUEST; charset="utf-8"
      application/ics; name="invite.ics"     (for clients that only import attachments)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr


@dataclass(frozen=True)
class Envelope:
    sender: str  # the school's address (EVENTKIT_MAIL_FROM)
    sender_name: str
    host: str  # domain for the Message-ID
    reply_to: str = ""  # a person who reads answers (the coordinator), formatted


def build(
    row_id: int,
    dedupe_key: str,
    to_address: str,
    to_name: str,
    subject: str,
    text: str,
    html: str,
    ics: str,
    ics_method: str,
    envelope: Envelope,
    now: datetime | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((envelope.sender_name, envelope.sender))
    message["To"] = recipient(to_name, to_address)
    message["Subject"] = subject
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = message_id(row_id, dedupe_key, envelope.host)
    message["Auto-Submitted"] = "auto-generated"
    if envelope.reply_to:
        message["Reply-To"] = envelope.reply_to
    message.set_content(text, cte="quoted-printable")
    if html:
        message.add_alternative(html, subtype="html", cte="quoted-printable")
    if ics:
        method = ics_method or "PUBLISH"
        # As bytes, so the inline part keeps iCalendar's CRLF line ends like the attachment
        # (a str would be re-split into the policy's bare LF).
        message.add_alternative(
            ics.encode(), "text", "calendar", cte="base64",
            params={"method": method, "charset": "utf-8"},
        )  # fmt: skip
        message.add_attachment(
            ics.encode(), maintype="application", subtype="ics", filename="invite.ics"
        )
    return message


def recipient(name: str, address: str) -> Address:
    """The To address, built from its parts: parsing `ayşe.yılmaz@…` as one string refuses
    the accented local part (NonASCIILocalPartDefect), which SMTPUTF8 servers accept."""
    local, _, domain = address.rpartition("@")
    return Address(name, username=local, domain=domain)


def message_id(row_id: int, dedupe_key: str, host: str) -> str:
    """The same for every attempt at one outbox row: if a crash makes a message go twice,
    mail programs that drop duplicate Message-IDs show it once."""
    digest = hashlib.sha256(dedupe_key.encode()).hexdigest()[:16]
    return f"<eventkit.{row_id}.{digest}@{host}>"
