"""What a mail says: subject, text and HTML, and its calendar, in the reader's language.

Parents read their mail in the household's language (nl, en, tr, ar, pl, uk); a language
without a catalog yet falls back to the English msgids. Every fixed text goes through
gettext under `force_locale`, so the translator's catalogs fill it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from ..calendar import ics
from ..config import LANGUAGES
from ..domain.languages import is_rtl
from ..invitations.texts import parent_language
from ..models import Event, Participant, PersonRole

INVITATION, UPDATE, CANCELLATION, REMINDER, NUDGE = (
    "invitation", "update", "cancellation", "reminder", "nudge",
)  # fmt: skip
KINDS = (INVITATION, UPDATE, CANCELLATION, REMINDER, NUDGE)
CALENDAR_METHOD = {INVITATION: "REQUEST", UPDATE: "REQUEST", CANCELLATION: "CANCEL"}
# Parents answer on their own page: their calendar entry is published, without Accept or
# Decline buttons that would seem to answer the school (a cancellation says CANCELLED).
PARENT_METHOD = "PUBLISH"


@dataclass(frozen=True)
class Letter:
    language: str
    subject: str
    greeting: str
    paragraphs: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    agenda_title: str
    agenda: tuple[tuple[str, str, int], ...]
    link_intro: str
    link_label: str
    link: str
    after: tuple[str, ...]
    closing: str
    signature: str

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)


@dataclass(frozen=True)
class Composed:
    subject: str
    text: str
    html: str
    ics: str
    ics_method: str


def compose(
    event: Event, person: Participant, kind: str, stamp: datetime | None = None
) -> Composed:
    """The whole message for one person (staff or carer) and one kind of mail."""
    language = language_of(event, person)
    with force_locale(language):
        letter = letter_for(event, person, kind, language)
        calendar, method = "", calendar_method(person, kind)
        if method:
            calendar = ics.event_calendar(
                event,
                method=method,  # type: ignore[arg-type]
                attendee=person,
                stamp=stamp,
                link=letter.link if is_parent(person) else "",
                language=language,
            ).decode()
        html = render_template("mail/letter.html", letter=letter)
    return Composed(letter.subject, as_text(letter), html, calendar, method)


def calendar_method(person: Participant, kind: str) -> str:
    """The iTIP method of the mail's calendar; empty: the mail has none."""
    if kind not in CALENDAR_METHOD:
        return ""
    return PARENT_METHOD if is_parent(person) else CALENDAR_METHOD[kind]


def is_parent(person: Participant) -> bool:
    return person.role == PersonRole.PARENT.value


def language_of(event: Event, person: Participant) -> str:
    if is_parent(person) and person.household is not None:
        return parent_language(person.household.language or event.language, event.school)
    # Staff mail exists in the staff interface's languages only (nl, en).
    return person.language if person.language in LANGUAGES else event.language


def personal_link(person: Participant) -> str:
    base = current_app.config["EVENTKIT_BASE_URL"]
    if is_parent(person) and person.household is not None:
        return f"{base}/i/{person.household.token}"
    return f"{base}/events/{person.event_id}"


def letter_for(event: Event, person: Participant, kind: str, language: str) -> Letter:
    parent = is_parent(person)
    day = format_date(event.date, "long")
    start, end = ics.times_of(event)
    title = event.title_in(language)[0] if parent else event.title
    subjects = {
        INVITATION: _("Invitation: %(title)s on %(date)s", title=title, date=day),
        UPDATE: _("Changed: %(title)s on %(date)s", title=title, date=day),
        CANCELLATION: _("Cancelled: %(title)s on %(date)s", title=title, date=day),
        REMINDER: _("Reminder: %(title)s on %(date)s", title=title, date=day),
        NUDGE: _("Will you come? %(title)s on %(date)s", title=title, date=day),
    }
    if parent:
        paragraphs, link_intro = _parent_texts(event, kind, day, _in_text(event, language))
        paragraphs += _closing_words(event, language)
    else:
        paragraphs, link_intro = _staff_texts(event, kind, day)
    return Letter(
        language=language,
        subject=subjects[kind],
        greeting=_("Dear %(name)s,", name=person.first_name or person.name),
        paragraphs=paragraphs,
        facts=(
            (_("When"), f"{format_date(event.date, 'full')}, {start:%H:%M}–{end:%H:%M}"),
            (_("Where"), ics.location_of(event) or "—"),
        ),
        agenda_title=_("Programme of the evening") if parent else _("Agenda"),
        agenda=tuple(ics.agenda_items(event, parts=not parent, plain=parent))
        if kind != CANCELLATION
        else (),
        link_intro=link_intro,
        link_label=_("Give your answer") if parent else _("Open the meeting"),
        link=personal_link(person) if link_intro else "",
        after=(_("This link is personal. Please do not share it."),)
        if parent and link_intro
        else (),
        closing=_("Kind regards,"),
        signature=event.school.name,
    )


def _in_text(event: Event, language: str) -> str:
    """The title to put in a sentence: translated, or the Dutch one in a first-strong isolate
    in a right-to-left mail, so its digits and Latin words keep their order."""
    title, title_language = event.title_in(language)
    return title if title_language == language else _isolated(title, language)


def _closing_words(event: Event, language: str) -> tuple[str, ...]:
    """The school's closing words; in Dutch, saying so."""
    text, text_language = event.text_in("closing", language)
    if not text.strip():
        return ()
    if text_language == language:
        return (text.strip(),)
    return (f"{_isolated(text.strip(), language)} ({_('only in Dutch')})",)


def _isolated(text: str, language: str) -> str:
    return f"\u2068{text}\u2069" if is_rtl(language) else text


def _parent_texts(event: Event, kind: str, day: str, title: str) -> tuple[tuple[str, ...], str]:
    school = event.school.name
    if kind == INVITATION:
        invitation: tuple[str, ...] = (
            _(
                "%(school)s invites you to a meeting for parents: %(title)s.",
                school=school,
                title=title,
            ),
            _(
                "Parents and school talk together, as equals, about how we can support "
                "the children. Your experience matters, and you are very welcome."
            ),
        )
        if event.rsvp_deadline:
            deadline = format_date(event.rsvp_deadline, "long")
            invitation += (_("Please answer before %(date)s.", date=deadline),)
        ask = _(
            "Please let us know whether you will come. "
            "You can answer on your phone, in your own language:"
        )
        return invitation, ask
    if kind == UPDATE:
        changed = _(
            "The time or place of %(title)s has changed. These are the new details.", title=title
        )
        return (changed,), _("Can you still come? You can change your answer here:")
    if kind == CANCELLATION:
        gone = _("%(title)s on %(date)s will not take place. We are sorry.", title=title, date=day)
        return (gone, _("We will let you know when there is a new date.")), ""
    if kind == REMINDER:
        soon = _(
            "A reminder: %(title)s is on %(date)s. We look forward to seeing you.",
            title=title,
            date=day,
        )
        return (soon,), _("Plans changed? You can change your answer here:")
    silent = _("Recently we invited you to %(title)s. We have not heard from you yet.", title=title)
    welcome = _(
        "You are very welcome. You do not need to prepare anything: "
        "we want to hear your experience."
    )
    return (silent, welcome), _("Please let us know whether you will come:")


def _staff_texts(event: Event, kind: str, day: str) -> tuple[tuple[str, ...], str]:
    title = event.title
    meeting = _("The meeting in eventkit:")
    if kind == UPDATE:
        changed = _(
            "The time or place of %(title)s has changed. Your calendar shows the new details.",
            title=title,
        )
        return (changed,), meeting
    if kind == CANCELLATION:
        gone = _(
            "%(title)s on %(date)s is cancelled. Your calendar removes it.", title=title, date=day
        )
        return (gone,), ""
    invited = _(
        "You are invited to %(title)s, a meeting where parents and school talk as equals.",
        title=title,
    )
    answer = _(
        "Please answer the invitation in your calendar, so the action team knows who is coming."
    )
    return (invited, answer), meeting


def as_text(letter: Letter) -> str:
    """The text/plain part."""
    blocks = [letter.greeting, *letter.paragraphs]
    blocks.append("\n".join(f"{label}: {value}" for label, value in letter.facts))
    if letter.agenda:
        lines = [f"{'    ' * depth}{clock}  {title}" for clock, title, depth in letter.agenda]
        blocks.append("\n".join([letter.agenda_title, *lines]))
    if letter.link:
        blocks.append(f"{letter.link_intro}\n{letter.link}")
    blocks += [*letter.after, f"{letter.closing}\n{letter.signature}"]
    return "\n\n".join(blocks) + "\n"
