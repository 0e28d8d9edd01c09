"""Aftercare writes: reviewing notes, actions and their updates, publishing, closing.

Every change to what the public page shows stamps `Event.aftercare_changed_at`, which the
page prints as its date of last change. Callers pass `now`/`today` (the school's clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..domain import aftercare as rules
from ..extensions import db
from ..invitations import links
from ..models import (
    Action,
    ActionQuestion,
    ActionStatus,
    ActionUpdate,
    Event,
    EventTable,
    Household,
    NoteEntry,
    NoteKind,
    Participant,
    Pupil,
    Response,
    Status,
    User,
)
from ..uow import transactional

AftercareError = rules.AftercareError
HELD_STATES = (Status.HELD, Status.AFTERCARE, Status.CLOSED)
TITLE_LENGTH = 120


def is_held(event: Event, today: date) -> bool:
    """The evening took place: marked so, or its date has passed (and it was not called off)."""
    if event.status == Status.CANCELLED.value:
        return False
    return event.status in HELD_STATES or event.date < today


def touch(event: Event, now: datetime) -> None:
    event.aftercare_changed_at = now


# --- notes ---------------------------------------------------------------------------------


def notes_of(event: Event) -> list[NoteEntry]:
    """The arena summary first, then each table's entries in the order they were written."""
    query = (
        select(NoteEntry)
        .outerjoin(EventTable, NoteEntry.table_id == EventTable.id)
        .where(NoteEntry.event_id == event.id)
        .order_by(EventTable.number.nulls_first(), NoteEntry.created_at, NoteEntry.id)
        .options(selectinload(NoteEntry.table).selectinload(EventTable.theme))
    )
    return list(db.session.scalars(query))


def note_of(event: Event, note_id: int) -> NoteEntry | None:
    note = db.session.get(NoteEntry, note_id)
    return note if note is not None and note.event_id == event.id else None


def shown_text(note: NoteEntry) -> str:
    return (note.public_text or note.text).strip()


def is_public(note: NoteEntry) -> bool:
    """Shown on the public page: ticked for publishing and naming nobody."""
    return note.publish and not note.names_person and bool(shown_text(note))


def named_notes(event: Event, notes: Iterable[NoteEntry]) -> set[int]:
    """The ids of notes that are flagged or name someone now (shown before any check ran)."""
    names = names_of_meeting(event)
    return {n.id for n in notes if n.names_person or rules.names_in(shown_text(n), names)}


def public_notes(event: Event, notes: Iterable[NoteEntry] | None = None) -> list[NoteEntry]:
    """The notes that may be shown: ticked, not flagged, and naming nobody right now (a note
    written after the last check is checked here too)."""
    names = names_of_meeting(event)
    found = notes_of(event) if notes is None else notes
    return [n for n in found if is_public(n) and not rules.names_in(shown_text(n), names)]


def names_of_meeting(event: Event) -> rules.Names:
    """Every first and last name of the meeting's people, pupils and the school's team (read
    as plain columns: not thousands of people as objects)."""
    people = select(Participant.first_name, Participant.last_name)
    pupils = select(Pupil.first_name, Pupil.last_name).join(Household)
    pairs: list[tuple[str, str]] = []
    for query in (
        people.where(Participant.event_id == event.id),
        pupils.where(Household.event_id == event.id),
    ):
        pairs += [(first, last) for first, last in db.session.execute(query)]
    for user in db.session.scalars(select(User).where(User.school_id == event.school_id)):
        first, _, rest = user.name.partition(" ")
        pairs.append((first, rest))
    return rules.name_parts(pairs)


def refresh_flags(event: Event, names: Sequence[str] | None = None) -> int:
    """Flag the notes that name someone; returns how many are flagged (the caller commits)."""
    names = names_of_meeting(event) if names is None else names
    flagged = 0
    for note in notes_of(event):
        # Only an edit clears a flag (review_note): after the meeting's people are erased,
        # their names are no longer known, and an old note must not slip through then.
        note.names_person = note.names_person or bool(rules.names_in(shown_text(note), names))
        flagged += note.names_person
    return flagged


@transactional
def flag_notes(event: Event, now: datetime) -> int:
    flagged = refresh_flags(event)
    touch(event, now)
    return flagged


@transactional
def review_note(
    event: Event, note: NoteEntry, public_text: str, publish: bool, now: datetime
) -> None:
    """Keep the team's edited text (typos fixed, names taken out) and whether it may show."""
    edited = public_text.strip() != shown_text(note)
    note.public_text = public_text.strip()
    note.publish = publish
    named = bool(rules.names_in(shown_text(note), names_of_meeting(event)))
    note.names_person = named if edited else (named or note.names_person)
    touch(event, now)


def unreviewed(notes: Iterable[NoteEntry]) -> int:
    """Notes still ticked for publishing whose text nobody has looked at yet."""
    return sum(1 for n in notes if n.publish and not n.public_text.strip())


# --- parents' questions from the RSVP ------------------------------------------------------


def questions_of(event: Event) -> list[Response]:
    query = (
        select(Response)
        .join(Household, Response.household_id == Household.id)
        .where(Household.event_id == event.id, Response.question != "")
        .order_by(Response.answered_at, Response.id)
    )
    return list(db.session.scalars(query))


def question_of(event: Event, response_id: int) -> Response | None:
    response = db.session.get(Response, response_id)
    if response is None or response.household.event_id != event.id or not response.question:
        return None
    return response


# --- actions -------------------------------------------------------------------------------


def actions_of(event: Event) -> list[Action]:
    query = select(Action).where(Action.event_id == event.id)
    return list(db.session.scalars(query.order_by(Action.position, Action.id)))


def action_of(event: Event, action_id: int) -> Action | None:
    action = db.session.get(Action, action_id)
    return action if action is not None and action.event_id == event.id else None


def questions_answered(action: Action) -> list[ActionQuestion]:
    query = select(ActionQuestion).where(ActionQuestion.action_id == action.id)
    return list(db.session.scalars(query.order_by(ActionQuestion.id)))


def _title_from(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= TITLE_LENGTH else words[: TITLE_LENGTH - 1].rstrip() + "…"


def _new_action(event: Event, title: str, theme_id: int | None, now: datetime) -> Action:
    position = len(actions_of(event))
    action = Action(
        event_id=event.id, theme_id=theme_id, title=title, position=position,
        status=ActionStatus.PLANNED.value, progress=0, status_changed_at=now,
    )  # fmt: skip
    db.session.add(action)
    touch(event, now)
    return action


@transactional
def action_from_note(event: Event, note: NoteEntry, now: datetime) -> Action:
    """One click: an action titled after the note, on the note's theme, answering it."""
    theme_id = note.table.theme_id if note.table is not None else None
    action = _new_action(event, _title_from(shown_text(note)), theme_id, now)
    action.notes.append(note)
    return action


@transactional
def action_from_question(event: Event, response: Response, now: datetime) -> Action:
    """An action answering a parent's question: the text is copied, the household is not."""
    action = _new_action(event, _title_from(response.question), None, now)
    db.session.flush()
    db.session.add(ActionQuestion(action_id=action.id, text=response.question.strip()))
    return action


@dataclass(frozen=True)
class ActionData:
    """An action as its form has it (texts stripped; 0 ids of the selects are None)."""

    title: str
    status: str
    description: str = ""
    reason: str = ""
    progress: int | None = None  # None: the form did not set it
    target_date: date | None = None
    theme_id: int | None = None
    owner_id: int | None = None
    owner_label: str = ""
    owner_public: bool = False
    note_ids: tuple[int, ...] | None = None  # None: the boxes were not part of the post


@transactional
def create_action(event: Event, data: ActionData, now: datetime) -> Action:
    action = _new_action(event, data.title, None, now)
    save_action(event, action, data, now)
    return action


@transactional
def save_action(event: Event, action: Action, data: ActionData, now: datetime) -> None:
    """Change an action. A new status brings its default progress unless the form changed
    the progress too; a new target date makes the owner's reminders due again."""
    rules.check_status(data.status, data.reason)
    progress = data.progress
    progress_changed = progress is not None and progress != action.progress
    _set_status(action, data.status, data.reason, now)
    if progress is not None and progress_changed:
        action.progress = rules.clamp_progress(progress)
    if data.target_date != action.target_date:
        action.target_date = data.target_date
        action.reminded_before = action.reminded_overdue = False
    action.title = data.title.strip()
    action.description = data.description.strip()
    action.theme_id = data.theme_id or None
    action.owner_id = data.owner_id or None
    action.owner_label = data.owner_label.strip()
    action.owner_public = data.owner_public and action.owner_id is not None
    if data.note_ids is not None:
        wanted = set(data.note_ids)
        action.notes = [n for n in notes_of(event) if n.id in wanted]
    touch(event, now)


def _set_status(action: Action, status: str, reason: str, now: datetime) -> None:
    action.reason = reason.strip() if status == ActionStatus.NOT_ADOPTED.value else ""
    if status != action.status:
        action.status = status
        action.progress = rules.default_progress(status)
        action.status_changed_at = now


@transactional
def bulk_status(
    event: Event, action_ids: Iterable[int], status: str, reason: str, now: datetime
) -> int:
    """Set the status of several actions at once (Decidim users' most asked-for change)."""
    rules.check_status(status, reason)
    wanted = set(action_ids)
    changed = 0
    for action in actions_of(event):
        if action.id in wanted:
            _set_status(action, status, reason, now)
            changed += 1
    if changed:
        touch(event, now)
    return changed


@transactional
def add_update(event: Event, action: Action, day: date, text: str, now: datetime) -> ActionUpdate:
    update = ActionUpdate(action=action, day=day, text=text.strip())
    db.session.add(update)
    touch(event, now)
    return update


@transactional
def delete_update(event: Event, update: ActionUpdate, now: datetime) -> None:
    db.session.delete(update)
    touch(event, now)


@transactional
def delete_action(event: Event, action: Action, now: datetime) -> None:
    db.session.delete(action)
    touch(event, now)


@transactional
def save_translations(
    event: Event, action: Action, translations: dict[str, dict[str, str]], now: datetime
) -> None:
    action.translations = _clean(translations)
    touch(event, now)


@transactional
def save_texts(event: Event, texts: dict[str, dict[str, str]], now: datetime) -> None:
    """The school's intro and next steps on the public page, Dutch under "nl"."""
    event.aftercare_texts = _clean(texts)
    touch(event, now)


def _clean(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for lang, values in texts.items():
        kept = {k: v.strip() for k, v in values.items() if v and v.strip()}
        if kept:
            result[lang] = kept
    return result


# --- publishing and closing ----------------------------------------------------------------


@transactional
def publish(event: Event, now: datetime) -> None:
    """Put the public page online; a held meeting moves on to aftercare."""
    refresh_flags(event)
    event.aftercare_published_at = event.aftercare_published_at or now
    if event.status == Status.HELD:
        event.status = Status.AFTERCARE
    touch(event, now)


@transactional
def unpublish(event: Event, now: datetime) -> None:
    event.aftercare_published_at = None
    touch(event, now)


STAGES = {Status.HELD: Status.AFTERCARE, Status.AFTERCARE: Status.CLOSED}


@transactional
def advance(event: Event, today: date) -> str | None:
    """held → aftercare → closed (a meeting whose date passed counts as held); the new
    status, or None when there is no next stage."""
    current = event.status
    if current not in HELD_STATES and is_held(event, today):
        current = Status.HELD
    following = STAGES.get(current)
    if following is None:
        return None
    event.status = following
    return following


@dataclass(frozen=True)
class Overview:
    steps: list[rules.Step]
    next_step: str | None
    present: int
    invited: int
    notes: int
    flagged: int
    unreviewed: int


def overview(event: Event, today: date) -> Overview:
    notes = notes_of(event)
    named = named_notes(event, notes)
    facts = rules.ClosingFacts(
        held=is_held(event, today),
        present=_kept(event, "present", _count(event, Participant, Participant.present.is_(True))),
        notes=len(notes),
        unreviewed=unreviewed(notes),
        flagged_public=sum(1 for n in notes if n.publish and n.id in named),
        actions=len(actions_of(event)),
        published=event.aftercare_published_at is not None,
        status=event.status,
    )
    steps = rules.closing_steps(facts)
    return Overview(
        steps=steps,
        next_step=rules.next_step(steps),
        present=facts.present,
        invited=_kept(event, "invited", _count(event, Household)),
        notes=facts.notes,
        flagged=len(named),
        unreviewed=facts.unreviewed,
    )


def _count(event: Event, model: type[Participant] | type[Household], *where: Any) -> int:
    """How many of the meeting's people or households (that hold): counted by the
    database, not by reading thousands of rows (issue 13)."""
    query = select(func.count()).select_from(model).where(model.event_id == event.id, *where)
    return int(db.session.scalar(query) or 0)


def _kept(event: Event, name: str, counted: int) -> int:
    """A number kept from before the meeting's people were deleted, else the count."""
    if event.erased_at is not None and name in (event.kept_numbers or {}):
        return int(event.kept_numbers[name])
    return counted


def event_by_token(token: str) -> Event | None:
    """The meeting of a published aftercare page."""
    if not 16 <= len(token) <= 32:
        return None
    event = db.session.scalar(select(Event).where(Event.aftercare_token == token))
    return event if event is not None and event.aftercare_published_at is not None else None


def household_by_token(token: str) -> Household | None:
    if not 16 <= len(token) <= 32:
        return None
    return db.session.scalar(select(Household).where(links.household_with(token)))


@transactional
def set_updates(household: Household, wanted: bool) -> None:
    household.wants_updates = wanted


def arena_notes(notes: Iterable[NoteEntry]) -> list[NoteEntry]:
    """The arena summary: entries of kind "arena" outside any table."""
    return [n for n in notes if n.kind == NoteKind.ARENA.value and n.table_id is None]
