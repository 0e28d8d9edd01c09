"""Aftercare mail through the outbox: parents (their language), owners and coordinators.

Dedupe keys make every queueing idempotent:
  aftercare-summary:<event>:<person>            the summary with the page's link, once
  aftercare-update:<event>:<person>:<yyyymmdd>   news about actions (at most weekly)
  aftercare-owner:<action>:<before|overdue>:<target date>
  aftercare-coord:<event>:<1|2>:<user>           "nothing published yet", day 7 and 14
Parents' update mails go only to households that want them, and each carries the link
that turns them off.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app, render_template
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select

from ..config import LANGUAGES
from ..domain import aftercare as rules
from ..extensions import db
from ..invitations.texts import parent_language
from ..mail import outbox
from ..mail.letters import Letter, as_text
from ..models import Action, Event, Participant, PersonRole, Role, Status, User
from . import public, services, words

SUMMARY, UPDATE, OWNER, COORDINATOR = (
    "aftercare-summary", "aftercare-update", "aftercare-owner", "aftercare-coord",
)  # fmt: skip


def _base() -> str:
    return str(current_app.config["EVENTKIT_BASE_URL"]).rstrip("/")


def unsubscribe_url(token: str) -> str:
    return f"{_base()}/i/{token}/unsubscribe"


def _enqueue(kind: str, key: str, person_email: str, name: str, letter: Letter, event: Event
             ) -> bool:  # fmt: skip
    html = render_template("mail/letter.html", letter=letter)
    row = outbox.enqueue(
        kind=kind, dedupe_key=key, to_address=person_email, to_name=name,
        subject=letter.subject, text=as_text(letter), html=html, event_id=event.id,
    )  # fmt: skip
    return row is not None


def _parent_letter(event: Event, person: Participant, subject: str, paragraphs: tuple[str, ...],
                   lang: str) -> Letter:  # fmt: skip
    assert person.household is not None
    fixed = words.parent_mail(unsubscribe_url(person.household.token))
    return Letter(
        language=lang, subject=subject, greeting=fixed["greeting"], paragraphs=paragraphs,
        facts=(), agenda_title="", agenda=(), link_intro=fixed["link_intro"],
        link_label=fixed["link_label"], link=f"{public.public_url(_base(), event)}?lang={lang}",
        after=(fixed["weekly"], fixed["unsubscribe"]), closing=fixed["closing"],
        signature=event.school.name,
    )  # fmt: skip


# --- parents -------------------------------------------------------------------------------


def summary_recipients(event: Event, include_invited: bool) -> list[Participant]:
    """Carers with an address: those present, or everyone invited when the team wants."""
    return [
        p for p in event.participants
        if p.role == PersonRole.PARENT.value and p.email and p.household is not None
        and (p.present or include_invited)
    ]  # fmt: skip


def queue_summary(event: Event, include_invited: bool, now: datetime) -> int:
    """The mail with the summary and the page's link, in each household's language."""
    if event.aftercare_published_at is None:
        return 0
    count = 0
    actions = services.actions_of(event)
    for person in summary_recipients(event, include_invited):
        assert person.household is not None
        lang = parent_language(person.household.language, event.school)
        with force_locale(lang):
            day = format_date(event.date, "long")
            subject, *paragraphs = words.summary(event.title, day, person.present, len(actions))
            letter = _parent_letter(event, person, subject, tuple(paragraphs), lang)
            key = f"{SUMMARY}:{event.id}:{person.id}"
            count += _enqueue(SUMMARY, key, person.email, person.name, letter, event)
    if count:
        event.last_update_mail_at = now
    db.session.commit()
    return count


def changed_actions(event: Event) -> list[Action]:
    """Actions whose status changed since parents' last aftercare mail."""
    since = event.last_update_mail_at
    if since is None:
        return []
    return [
        a for a in services.actions_of(event)
        if a.status_changed_at is not None and a.status_changed_at > since
    ]  # fmt: skip


def update_recipients(event: Event) -> list[Participant]:
    """Carers who got the summary and whose household did not turn update mails off."""
    reached = {
        key.split(":")[2]
        for key in outbox.keys(event.id)
        if key.startswith(f"{SUMMARY}:{event.id}:")
    }
    return [
        p for p in event.participants
        if str(p.id) in reached and p.household is not None and p.household.wants_updates
    ]  # fmt: skip


def queue_updates(event: Event, now: datetime) -> int:
    """A short mail about changed actions, at most once a week (Event.last_update_mail_at)."""
    if event.aftercare_published_at is None:
        return 0
    if not rules.update_mail_allowed(event.last_update_mail_at, now):
        return 0
    changed = changed_actions(event)
    if not changed:
        return 0
    count = 0
    for person in update_recipients(event):
        assert person.household is not None
        lang = parent_language(person.household.language, event.school)
        with force_locale(lang):
            titles = [public.action_text(a, "title", lang).text for a in changed]
            subject, *paragraphs = words.update(event.title, titles, [a.status for a in changed])
            letter = _parent_letter(event, person, subject, tuple(paragraphs), lang)
            key = f"{UPDATE}:{event.id}:{person.id}:{now:%Y%m%d}"
            count += _enqueue(UPDATE, key, person.email, person.name, letter, event)
    event.last_update_mail_at = now
    db.session.commit()
    return count


# --- staff ---------------------------------------------------------------------------------


def _staff_language(user: User) -> str:
    return user.locale if user.locale in LANGUAGES else "nl"


def _staff_letter(event: Event, user: User, subject: str, paragraph: str, link: str,
                  lang: str) -> Letter:  # fmt: skip
    return Letter(
        language=lang, subject=subject, greeting=_("Dear %(name)s,", name=user.name),
        paragraphs=(paragraph,), facts=(), agenda_title="", agenda=(),
        link_intro=_("The aftercare in eventkit:"), link_label=_("Open the aftercare"),
        link=link, after=(), closing=_("Kind regards,"), signature=event.school.name,
    )  # fmt: skip


def _staff_link(event: Event, action: Action | None = None) -> str:
    """Built by hand: the worker that queues reminders runs outside any request."""
    path = f"/events/{event.id}/aftercare"
    return _base() + (path if action is None else f"{path}/actions/{action.id}")


def owner_mail(action: Action, kind: str, event: Event) -> bool:
    owner = action.owner
    if owner is None or not owner.active or action.target_date is None:
        return False
    lang = _staff_language(owner)
    with force_locale(lang):
        day = format_date(action.target_date, "long")
        if kind == "before":
            subject = _("In a week: %(action)s", action=action.title)
            text = _(
                "The action \"%(action)s\" (%(title)s) has its target date on %(date)s. "
                "Please add a progress update, or change the date or the status.",
                action=action.title, title=event.title, date=day,
            )  # fmt: skip
        else:
            subject = _("Target date passed: %(action)s", action=action.title)
            text = _(
                "The target date of the action \"%(action)s\" (%(title)s) was %(date)s, and "
                "there is no recent update. Parents read its status online: please add an "
                "update, or change the date or the status.",
                action=action.title, title=event.title, date=day,
            )  # fmt: skip
        letter = _staff_letter(event, owner, subject, text, _staff_link(event, action), lang)
        key = f"{OWNER}:{action.id}:{kind}:{action.target_date.isoformat()}"
        return _enqueue(OWNER, key, owner.email, owner.name, letter, event)


def queue_owner_reminders(today: date) -> int:
    query = (
        select(Action)
        .join(Event, Action.event_id == Event.id)
        .where(Action.target_date.is_not(None), Event.status != Status.CANCELLED.value)
    )
    count = 0
    for action in db.session.scalars(query).all():
        last = max((u.day for u in action.updates), default=None)
        facts = rules.ActionFacts(action.status, action.target_date, last,
                                  action.reminded_before, action.reminded_overdue)  # fmt: skip
        kind = rules.owner_reminder(facts, today)
        if kind is None:
            continue
        event = db.session.get(Event, action.event_id)
        assert event is not None
        count += owner_mail(action, kind, event)
        if kind == "before":
            action.reminded_before = True
        else:
            action.reminded_overdue = True
    db.session.commit()
    return count


def coordinators(event: Event) -> list[User]:
    query = select(User).where(
        User.school_id == event.school_id, User.role == Role.COORDINATOR.value, User.active
    )
    return list(db.session.scalars(query.order_by(User.id)))


def queue_coordinator_reminders(today: date) -> int:
    """Days 7 and 14 after the evening, while nothing is published."""
    query = select(Event).where(
        Event.aftercare_published_at.is_(None),
        Event.date < today,
        Event.status.in_((Status.INVITED.value, Status.HELD.value, Status.AFTERCARE.value)),
    )
    count = 0
    for event in db.session.scalars(query).all():
        number = rules.coordinator_reminder(event.date, today, False, event.aftercare_reminders)
        if number is None:
            continue
        for user in coordinators(event):
            lang = _staff_language(user)
            with force_locale(lang):
                subject = _("Nothing published yet: %(title)s", title=event.title)
                text = _(
                    "%(title)s was on %(date)s, and its aftercare page is not published yet. "
                    "Parents are waiting to hear what the school does with what they said.",
                    title=event.title, date=format_date(event.date, "long"),
                )  # fmt: skip
                letter = _staff_letter(event, user, subject, text, _staff_link(event), lang)
                key = f"{COORDINATOR}:{event.id}:{number}:{user.id}"
                count += _enqueue(COORDINATOR, key, user.email, user.name, letter, event)
        event.aftercare_reminders = number
    db.session.commit()
    return count


def queue_due(now: datetime) -> int:
    """Everything aftercare that is due now (the outbox worker's idle hook)."""
    today = now.date()
    count = queue_owner_reminders(today) + queue_coordinator_reminders(today)
    published = select(Event).where(Event.aftercare_published_at.is_not(None))
    for event in db.session.scalars(published).all():
        count += queue_updates(event, now)
    return count
