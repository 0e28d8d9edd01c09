"""Sending one message: the Mailer interface, SMTP, and a recording fake for tests.

A mailer raises TemporaryFailure when trying again later may work (4xx replies, a server
that is down or slow) and PermanentFailure when it will not (5xx: the address is refused).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from email.message import EmailMessage
from typing import Any, Protocol


class MailError(Exception):
    """A message could not be sent; `str(error)` is the reason to show."""


class TemporaryFailure(MailError):
    pass


class PermanentFailure(MailError):
    pass


# The reason stored for an address the mail server cannot take (shown translated on the
# mail page, see eventkit.mail.views).
NEEDS_SMTPUTF8 = (
    "The address has accented letters before the @ and the mail server does not accept "
    "such addresses (no SMTPUTF8)."
)


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SMTPSettings:
    host: str
    port: int = 0  # 0: the usual port for the mode (465 SSL, 587 STARTTLS, 25 plain)
    user: str = ""
    password: str = ""
    starttls: bool = False
    ssl: bool = False
    timeout: float = 30.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SMTPSettings:
        """The app's EVENTKIT_SMTP_* settings (eventkit.config reads and parses them from the
        environment, once); a setting the config lacks keeps its default."""
        keys = {f.name: f"EVENTKIT_SMTP_{f.name.upper()}" for f in fields(cls)}
        return cls(**{name: config[key] for name, key in keys.items() if key in config})

    @property
    def effective_port(self) -> int:
        return self.port or (465 if self.ssl else 587 if self.starttls else 25)


class SMTPMailer:
    """Keeps one connection open across messages and reconnects when it drops."""

    def __init__(self, settings: SMTPSettings) -> None:
        if not settings.host:
            raise MailError("EVENTKIT_SMTP_HOST is not set: there is no mail server to use")
        self.settings = settings
        self._connection: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        try:
            refused = self._connect().send_message(message)
        except smtplib.SMTPNotSupportedError as error:
            # Raised before MAIL FROM for an address that needs SMTPUTF8 when the server does
            # not offer it: only this recipient fails, the connection stays usable.
            raise PermanentFailure(NEEDS_SMTPUTF8) from error
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            raise _recipients_failure(error.recipients) from error
        except smtplib.SMTPResponseException as error:
            self.close()
            raise _reply_failure(error.smtp_code, error.smtp_error) from error
        except (smtplib.SMTPException, OSError) as error:  # refused, reset, timed out
            self.close()
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from error
        if refused:  # only possible with several recipients; we send to one
            raise _recipients_failure(refused)

    def _connect(self) -> smtplib.SMTP:
        if self._connection is not None:
            return self._connection
        s = self.settings
        if s.ssl:
            context = ssl.create_default_context()
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.effective_port, timeout=s.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(s.host, s.effective_port, timeout=s.timeout)
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
        if s.user:
            smtp.login(s.user, s.password)
        self._connection = smtp
        return smtp

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


def _reply_failure(code: int, reply: bytes | str) -> MailError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    reason = f"{code} {text}".strip()
    return PermanentFailure(reason) if 500 <= code < 600 else TemporaryFailure(reason)


def _recipients_failure(recipients: Mapping[str, tuple[int, bytes | str]]) -> MailError:
    failures = [_reply_failure(code, reply) for code, reply in recipients.values()]
    permanent = [f for f in failures if isinstance(f, PermanentFailure)]
    return permanent[0] if permanent else failures[0]


@dataclass
class RecordingMailer:
    """A fake: keeps what it was given. `fail` may raise for a message (to test retries)."""

    sent: list[EmailMessage] = field(default_factory=list)
    fail: Callable[[EmailMessage], None] | None = None
    closed: int = 0

    def send(self, message: EmailMessage) -> None:
        if self.fail is not None:
            self.fail(message)
        self.sent.append(message)

    def close(self) -> None:
        self.closed += 1
