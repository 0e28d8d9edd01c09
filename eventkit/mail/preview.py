"""The mail preview: every message the outbox holds, shown as its reader will see it,
and a test mail to oneself once a mail server is set up.

Without an SMTP server (the embedded default and the demo) nothing leaves the outbox, so
the team reads here what would go out, per language. Before anything is queued, a sample
invitation per parent language shows the words the parents will get.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import Response, current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..config import LANGUAGES, host, organizer_address
from ..extensions import db
from ..models import Event, OutboxMessage, Participant, User
from ..school.services import reply_to, sender_name
from .letters import INVITATION, compose, language_of
from .mailer import SMTPMailer, SMTPSettings
from .message import Envelope, build

# The HTML part is the school's text and parents' names: no scripts, no outside requests.
BODY_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"
)


@dataclass(frozen=True)
class Shown:
    """One message (queued, sent, or a sample that is not stored) as the preview shows it."""

    id: int
    to_name: str
    to_address: str
    subject: str
    text: str
    html: str
    ics: str
    ics_method: str
    status: str
    kind: str
    language: str
    person_id: int = 0


def _person(event: Event, row: OutboxMessage) -> Participant | None:
    """The participant a meeting's mail is for (the third part of its dedupe key)."""
    parts = row.dedupe_key.split(":")
    if len(parts) < 3 or not parts[2].isdigit():
        return None
    person = db.session.get(Participant, int(parts[2]))
    return person if person is not None and person.event_id == event.id else None


def _shown(event: Event, row: OutboxMessage) -> Shown:
    person = _person(event, row)
    language = language_of(event, person) if person is not None else event.language
    return Shown(
        row.id, row.to_name, row.to_address, row.subject, row.text, row.html, row.ics,
        row.ics_method, row.status, row.kind, language, person.id if person else 0,
    )  # fmt: skip


def messages(event: Event, language: str = "") -> list[Shown]:
    query = select(OutboxMessage).where(OutboxMessage.event_id == event.id)
    found = [_shown(event, row) for row in db.session.scalars(query.order_by(OutboxMessage.id))]
    return [m for m in found if not language or m.language == language]


def languages(event: Event) -> list[tuple[str, int]]:
    """The languages of the meeting's messages, with how many in each."""
    counted = Counter(m.language for m in messages(event))
    return sorted(counted.items())


def message(event: Event, message_id: int) -> Shown | None:
    row = db.session.get(OutboxMessage, message_id)
    if row is None or row.event_id != event.id:
        return None
    return _shown(event, row)


def samples(event: Event) -> list[Shown]:
    """One invitation per language of the meeting's recipients, composed now, not stored."""
    from .services import parent_recipients, staff_recipients

    seen: dict[str, Participant] = {}
    for person in parent_recipients(event) + staff_recipients(event):
        seen.setdefault(language_of(event, person), person)
    return [sample(event, person) for person in seen.values()]


def sample(event: Event, person: Participant) -> Shown:
    content = compose(event, person, INVITATION)
    return Shown(
        0, person.name, person.email, content.subject, content.text, content.html,
        content.ics, content.ics_method, "sample", INVITATION, language_of(event, person),
        person.id,
    )  # fmt: skip


def sample_for(event: Event, person_id: int) -> Shown | None:
    person = db.session.get(Participant, person_id)
    if person is None or person.event_id != event.id or not person.email:
        return None
    return sample(event, person)


def body_response(html: str) -> Response:
    """The HTML part on its own, for the preview's sandboxed frame."""
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = BODY_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"  # only the preview page frames it
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def send_test(user: User) -> None:
    """Send one plain message to `user` now, through the configured SMTP server, with the
    school's sender name and reply-to (raises MailError with the server's reason)."""
    school = user.school
    with force_locale(user.locale if user.locale in LANGUAGES else "nl"):
        subject = _("Test mail from eventkit")
        text = _(
            "This is a test mail from eventkit for %(school)s. The mail server works: "
            "invitations and reminders can go out.",
            school=school.name,
        )
    envelope = Envelope(sender=organizer_address(), sender_name=sender_name(school), host=host())
    message = build(0, f"test:{user.id}", user.email, user.name, subject, text, "", "", "",
                    envelope)  # fmt: skip
    if reply_to(school):
        message["Reply-To"] = reply_to(school)
    mailer = SMTPMailer(SMTPSettings.from_config(current_app.config))
    try:
        mailer.send(message)
    finally:
        mailer.close()
