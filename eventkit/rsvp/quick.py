"""The parents' quick lane: the two requests every invited parent makes (issue 13).

When a school sends 2000 invitations, hundreds of parents open their link and answer in
the same minutes. Two requests carry nearly all of that load: opening a link not answered
yet, and sending a good answer. This lane serves both with one small read (the household's
row joined to its meeting and school, as plain values), a copy of the meeting kept per
meeting version, the kept answer page (eventkit.rsvp.pages), a household-bound CSRF token
(forms.answer_token) and one upsert: no ORM objects, no session cookie, no WTForms form.

Anything else returns None and the view takes the ordinary road, which shows what the
lane cannot: a stored answer to change, messages at the fields, a closed or expired
meeting, a 404, a member of staff scanning an invitation, a page not kept yet. The lane's
check of an answer (`reply`) may refuse more than the form does, never less, and gives
the same Reply: tests/rsvp/test_quick.py holds it to RsvpForm with random answers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from threading import Lock
from typing import Any

from flask import request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import Connection, Row, Select, bindparam, null, select
from sqlalchemy.orm import Session
from werkzeug.utils import redirect

from ..agenda import services as agenda_services
from ..clock import school_today
from ..domain.codes import typed_forms
from ..domain.languages import page_language
from ..domain.text import control_characters, strip_bidi
from ..extensions import db
from ..invitations import links, texts
from ..models import Answer, Event, Household, Pupil, Response, School, utcnow
from ..parents import choose
from ..privacy.services import link_expired
from . import pages, services
from .forms import MAX_ADULTS, page_token, valid_answer_token

MEETINGS_KEPT = 256
TEXTS = {"accessibility": 500, "question": 1000}  # the answer's free texts: most characters
OTHER_LANGUAGE_LENGTH = 40
ANSWERS = frozenset(a.value for a in Answer)
ADULTS = {str(n): n for n in range(1, MAX_ADULTS + 1)}
FALSE = ("", "false")  # what a checkbox posts for "no" (wtforms' BooleanField)


# --- the household and its meeting, read plainly ---------------------------------------------


def _statement(page: bool, forms: int) -> Select[Any]:
    """The household's id, link token and language, its meeting's version and its school's
    columns (pages.VERSION_COLUMNS, pages.SCHOOL_COLUMNS); for the `page` also its answer's
    id and a row per child with the child's first name (in the order they were added). One
    statement, read with table columns, not mapped classes (the ORM's own result handling
    costs more than the read). `forms`: how many forms of the token to look for
    (domain.codes.typed_forms: one or two), each a parameter of its own (an expanding IN
    would be rebuilt per call)."""
    households, events, pupils = Household.__table__, Event.__table__, Pupil.__table__
    schools, responses = School.__table__, Response.__table__
    tokens = [bindparam(f"token{n}", type_=households.c.token.type) for n in range(forms)]
    joined = households.join(events, events.c.id == households.c.event_id).join(
        schools, schools.c.id == events.c.school_id
    )
    columns = [
        households.c.id,
        households.c.token,
        households.c.language,
        responses.c.id if page else null(),  # an answer is changed as it is given
        *pages.VERSION_COLUMNS,
        *pages.SCHOOL_COLUMNS,
    ]
    if not page:
        return select(*columns).select_from(joined).where(households.c.token.in_(tokens))
    joined = joined.outerjoin(responses, responses.c.household_id == households.c.id)
    joined = joined.outerjoin(pupils, pupils.c.household_id == households.c.id)
    return (
        select(*columns, pupils.c.first_name)
        .select_from(joined)
        .where(households.c.token.in_(tokens))
        .order_by(households.c.id, pupils.c.id)
    )


_ROWS = {(page, forms): _statement(page, forms) for page in (True, False) for forms in (1, 2)}
_MEETING = slice(4, 4 + len(pages.VERSION_COLUMNS) + len(pages.SCHOOL_COLUMNS))
_EVENT_ID, _UPDATED = _MEETING.start, _MEETING.start + 1  # pages.VERSION_COLUMNS


@dataclass(frozen=True)
class Meeting:
    """What the lane needs of a meeting, kept per version (pages.meeting_key)."""

    key: str
    id: int
    status: str
    date: services.Day
    rsvp_deadline: services.Day | None
    closed_at: datetime | None
    erased_at: datetime | None
    themes: frozenset[int]
    times: tuple[str, str]
    offered: tuple[str, ...]
    fallback: str

    def language(self, code: str | None) -> str:
        """The page's language for a household's own (as texts.parent_language)."""
        return page_language(code, self.offered, self.fallback).page


# Kept per meeting and its updated_at; each with the column values it was made from, which
# a row must equal (a cheap tuple comparison) to use it.
_meetings: OrderedDict[tuple[object, ...], tuple[tuple[object, ...], Meeting]] = OrderedDict()
_meetings_lock = Lock()


def _meeting(connection: Connection, row: Row[Any]) -> Meeting | None:
    """The kept copy of the row's meeting at the row's version; made from the meeting
    itself when there is none (None if the meeting changed in between), read on the
    lane's connection (a second one from the pool, while this one is held, could wait
    for ever when many requests do the same)."""
    values = tuple(row[_MEETING])
    event_id = row[_EVENT_ID]
    changes = agenda_services.changes_of(event_id)
    lookup = (event_id, row[_UPDATED], changes)
    with _meetings_lock:
        kept = _meetings.get(lookup)
        if kept is not None and kept[0] == values:
            _meetings.move_to_end(lookup)
            return kept[1]
    version = pages.meeting_key(
        values[: len(pages.VERSION_COLUMNS)], values[len(pages.VERSION_COLUMNS) :], changes
    )
    with Session(bind=connection) as orm:
        event = orm.get(Event, event_id)
        if event is None or pages.key_of(event) != version:
            return None
        made = _copy(event, version)
    with _meetings_lock:
        _meetings[lookup] = (values, made)
        while len(_meetings) > MEETINGS_KEPT:
            _meetings.popitem(last=False)
    return made


def _copy(event: Event, version: str) -> Meeting:
    offered, fallback = texts.spoken(event.school)
    return Meeting(
        key=version,
        id=event.id,
        status=event.status,
        date=event.date,
        rsvp_deadline=event.rsvp_deadline,
        closed_at=event.closed_at,
        erased_at=event.erased_at,
        themes=frozenset(t.id for t in event.themes),
        times=services.times(event),
        offered=offered,
        fallback=fallback,
    )


# --- the answer, checked as the form checks it -------------------------------------------------


def _text(value: str | None, limit: int, multiline: bool) -> str | None:
    """A typed text as the form keeps it (bidi controls dropped), or None when the form
    would refuse it (too long, control characters)."""
    text = strip_bidi(value or "")
    if len(text) > limit or control_characters(text, multiline=multiline):
        return None
    return text


def reply(posted: Mapping[str, str], themes: Collection[int]) -> services.Reply | None:
    """The answer in `posted` (a form's first values by name) when RsvpForm would take it
    as it is; None when the form must look at it (and show a message, or take it after
    all). `themes`: the meeting's theme ids."""
    answer = posted.get("answer")
    raw_adults = posted.get("adults", "")
    if answer not in ANSWERS or (raw_adults and raw_adults not in ADULTS):
        return None
    coming = answer != Answer.NO.value
    interpreter = posted.get("interpreter", "") not in FALSE
    language = posted.get("interpreter_language", "")
    if language not in texts.INTERPRETER_LANGUAGES and language not in ("", services.OTHER):
        return None
    other = _text(posted.get("interpreter_other"), OTHER_LANGUAGE_LENGTH, multiline=False)
    typed = {name: _text(posted.get(name), most, True) for name, most in TEXTS.items()}
    if other is None or None in typed.values():
        return None
    if (
        coming
        and interpreter
        and (not language or (language == services.OTHER and not other.strip()))
    ):
        return None
    ranks = tuple(posted.get(f"theme_{rank}", "") for rank in range(1, services.MAX_RANKS + 1))
    chosen = [r for r in ranks if r]
    if len(set(chosen)) != len(chosen) or any(
        not r.isdecimal() or not r.isascii() or int(r) not in themes or str(int(r)) != r
        for r in chosen
    ):
        return None
    if language == services.OTHER:
        language = other.strip()[:OTHER_LANGUAGE_LENGTH]
    needs = services.Needs(
        adults=ADULTS.get(raw_adults, 1),
        pupil_comes=posted.get("pupil_comes", "") not in FALSE,
        interpreter=interpreter,
        interpreter_language=language if interpreter else "",
        childcare=posted.get("childcare", "") not in FALSE,
        accessibility=(typed["accessibility"] or "").strip(),
        question=(typed["question"] or "").strip(),
        themes=ranks,
    )
    return services.Reply(Answer(answer), needs)


# --- the two requests ----------------------------------------------------------------------------


def answer(token: str, signed_in: bool) -> ResponseReturnValue | None:
    """The fresh answer page, or a good answer stored and redirected; None for anything
    else (the view's ordinary road). `signed_in`: the browser may bring a sign-in (a
    member of staff scanning an invitation is sent to the door instead, by the view)."""
    getting = request.method == "GET"
    if not links.plausible_token(token) or (signed_in and getting):
        return None
    with _connection() as connection:
        return _answer(connection, token, getting)


@contextmanager
def _connection() -> Iterator[Connection]:
    """A connection of the lane's own, without an ORM session (whose set-up and clean-up
    cost more than the lane's read). On PostgreSQL each statement commits on its own: one
    read, at most one upsert."""
    engine = db.engine
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


def _answer(connection: Connection, token: str, getting: bool) -> ResponseReturnValue | None:
    forms = typed_forms(token)
    statement = _ROWS[getting, len(forms)]
    rows = connection.execute(statement, {f"token{n}": f for n, f in enumerate(forms)}).all()
    # Two households match only if an old-style token equals another's typed code: the
    # ordinary road decides then.
    if not rows or any(row[0] != rows[0][0] for row in rows):
        return None
    found = rows[0]
    meeting = _meeting(connection, found)
    if meeting is None or link_expired(meeting, utcnow()):
        return None
    if services.is_closed(meeting, school_today()):
        return None
    household, stored, own_language, answered = found[0], found[1], found[2], found[3] is not None
    # No language of its own: the browser's, as the ordinary road does (parents.speak).
    # Nothing here is rendered in it, so the request's locale is not set.
    lang = choose(meeting.language(own_language) if own_language else None)
    csrf = page_token(stored)  # "" with CSRF protection off
    if getting:
        children = texts.names([row[-1] for row in rows if row[-1]], lang)
        return None if answered else _page(meeting, stored, children, lang, csrf)
    if csrf and not valid_answer_token(request.form.get("csrf_token"), csrf):
        return None
    checked = reply(request.form, meeting.themes)
    if checked is None:
        return None
    services.save_answer(household, meeting.themes, checked, lang, connection)
    return redirect(url_for("rsvp.done", token=token, lang=lang))


def _page(meeting: Meeting, token: str, children: str, lang: str, csrf: str) -> str | None:
    """The kept page with the household's link (as stored), CSRF token and children."""
    protected = bool(csrf)
    page_key = pages.key(
        meeting.key, lang, False, meeting.times, bool(children), protected, request.root_path
    )
    page = pages.kept(page_key)
    return None if page is None else pages.fill(page, token, csrf, children)
