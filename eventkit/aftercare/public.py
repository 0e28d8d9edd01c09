"""What the public "you said, we did" page shows: plain values, no personal data.

Only reviewed, published note texts; an owner's name only when they chose to be named
(otherwise the named role, or nothing); never a parent's question or a household. The
school's own texts come in the reader's language when the team wrote one, else in Dutch
with `lang="nl"`, so the page can mark them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ..models import Action, ActionStatus, Event, NoteEntry
from . import services


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # the language the text is in: the page's, or "nl" when only Dutch exists


@dataclass(frozen=True)
class Heard:
    kind: str
    text: str


@dataclass(frozen=True)
class Update:
    day: date
    text: Text


@dataclass(frozen=True)
class PublicAction:
    id: int
    title: Text
    description: Text
    status: str
    progress: int
    reason: Text
    owner: str
    target_date: date | None
    heard: tuple[Heard, ...]
    questions: int
    updates: tuple[Update, ...]


@dataclass
class Section:
    title: str  # the theme's title (the school's, in Dutch), "" for actions without theme
    heard: list[Heard] = field(default_factory=list)
    actions: list[PublicAction] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    event: Event
    lang: str
    intro: Text
    next_steps: Text
    arena: tuple[str, ...]
    sections: tuple[Section, ...]
    not_adopted: tuple[PublicAction, ...]
    changed: datetime | None


def school_text(translations: Mapping[str, Mapping[str, str]], key: str, lang: str) -> Text:
    own = (translations.get(lang) or {}).get(key, "").strip()
    if own:
        return Text(own, lang)
    return Text((translations.get("nl") or {}).get(key, "").strip(), "nl")


def action_text(action: Action, key: str, lang: str) -> Text:
    own = ((action.translations or {}).get(lang) or {}).get(key, "").strip()
    return Text(own, lang) if own else Text(getattr(action, key).strip(), "nl")


def owner_shown(action: Action) -> str:
    """The owner as the public may see it: a named role, or the person if they chose so."""
    if action.owner_label.strip():
        return action.owner_label.strip()
    if action.owner_public and action.owner is not None:
        return action.owner.name
    return ""


def public_action(action: Action, lang: str, shown: set[int]) -> PublicAction:
    """One action as the public sees it; `shown` are the ids of the notes that may show."""
    updates = tuple(
        Update(u.day, Text((u.translations or {}).get(lang, "").strip(), lang))
        if (u.translations or {}).get(lang, "").strip()
        else Update(u.day, Text(u.text, "nl"))
        for u in action.updates
    )
    return PublicAction(
        id=action.id,
        title=action_text(action, "title", lang),
        description=action_text(action, "description", lang),
        status=action.status,
        progress=action.progress,
        reason=action_text(action, "reason", lang),
        owner=owner_shown(action),
        target_date=action.target_date,
        heard=tuple(_heard(n) for n in action.notes if n.id in shown),
        questions=len(services.questions_answered(action)),
        updates=tuple(sorted(updates, key=lambda u: u.day, reverse=True)),
    )


def _heard(note: NoteEntry) -> Heard:
    return Heard(note.kind, services.shown_text(note))


def page(event: Event, lang: str) -> Page:
    """Everything the public page shows, per theme in the order of the meeting's themes."""
    sections = {t.id: Section(t.title) for t in event.themes}
    loose = Section("")
    notes = services.public_notes(event)
    ids = {n.id for n in notes}
    for note in notes:
        if note.table is not None:
            sections.get(note.table.theme_id or 0, loose).heard.append(_heard(note))
    not_adopted = []
    for action in services.actions_of(event):
        shown = public_action(action, lang, ids)
        if action.status == ActionStatus.NOT_ADOPTED.value:
            not_adopted.append(shown)
        else:
            sections.get(action.theme_id or 0, loose).actions.append(shown)
    texts = event.aftercare_texts or {}
    return Page(
        event=event,
        lang=lang,
        intro=school_text(texts, "intro", lang),
        next_steps=school_text(texts, "next_steps", lang),
        arena=tuple(
            services.shown_text(n) for n in services.arena_notes(notes) if services.is_public(n)
        ),  # fmt: skip
        sections=tuple(s for s in [*sections.values(), loose] if s.heard or s.actions),
        not_adopted=tuple(not_adopted),
        changed=event.aftercare_changed_at or event.aftercare_published_at,
    )


def public_url(base_url: str, event: Event) -> str:
    return f"{base_url.rstrip('/')}/n/{event.aftercare_token}"
