"""Parents' answers: find a household by its token, save or change its answer until the
deadline, sign up without an invitation, and the evening in plain words."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from threading import Lock
from typing import Any, Protocol

from sqlalchemy import BindParameter, Connection, Executable, Select, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import defer, joinedload

from ..agenda import services as agenda_services
from ..agenda.services import AgendaPlan
from ..clock import school_today
from ..domain.codes import typed_forms
from ..extensions import db
from ..invitations import links, texts
from ..models import (
    Answer,
    Event,
    Household,
    Participant,
    PersonRole,
    Pupil,
    Response,
    School,
    Status,
    utcnow,
)

ENDED = (Status.HELD.value, Status.AFTERCARE.value, Status.CLOSED.value, Status.CANCELLED.value)
MAX_RANKS = 3
OTHER = "other"


def _household_query(children: bool) -> Select[Household]:
    meeting = joinedload(Household.event, innerjoin=True)
    options = [
        meeting.joinedload(Event.school, innerjoin=True).options(
            defer(School.docx_template), defer(School.logo)
        ),
        meeting.joinedload(Event.themes),
        joinedload(Household.response),
    ]
    if children:
        options.append(joinedload(Household.pupils))
    tokens: BindParameter[str] = bindparam("tokens", expanding=True)
    # populate_existing: the household as stored now, also when this session holds it
    # already (the quick lane stores answers on a connection of its own).
    statement = select(Household).where(Household.token.in_(tokens)).options(*options)
    return statement.execution_options(populate_existing=True)


# Built once: composing the statement and its loader options cost more than running it.
_HOUSEHOLD = {True: _household_query(True), False: _household_query(False)}


def household_for(token: str, *, children: bool = True) -> Household | None:
    """The household a personal link belongs to, or None. Malformed tokens never reach
    the database; a unique index makes the lookup itself one probe.

    Everything the parent's page and answer touch comes along in this one statement
    (issue 13): the meeting, its school (without the school's Word template and logo), its
    themes, the answer and, with `children` (only the page names them), the children;
    nothing is loaded lazily afterwards. (Joined, not a statement per relation: a meeting
    has a few themes and a household a child or two, so the rows stay few.)"""
    if not links.plausible_token(token):
        return None
    found = db.session.execute(_HOUSEHOLD[children], {"tokens": list(typed_forms(token))})
    return found.unique().scalars().first()


Day = date  # the type, for classes with a field named "date"


class Dated(Protocol):
    """What closing the answers depends on: a meeting, or the parents' quick lane's copy."""

    @property
    def status(self) -> str: ...
    @property
    def date(self) -> Day: ...
    @property
    def rsvp_deadline(self) -> Day | None: ...


def last_day(event: Dated) -> date:
    """The last day answers can be given or changed: the deadline, else the meeting day."""
    if event.rsvp_deadline is not None:
        return min(event.rsvp_deadline, event.date)
    return event.date


def is_closed(event: Dated, today: date | None = None) -> bool:
    """Closed after the end of the last day (school time), or once the meeting is over."""
    return event.status in ENDED or (today or school_today()) > last_day(event)


# --- saving --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Needs:
    """What a parent asks for with their answer, as their form checked it."""

    adults: int = 1
    pupil_comes: bool = False
    interpreter: bool = False
    interpreter_language: str = ""  # the language itself ("other" already resolved)
    childcare: bool = False
    accessibility: str = ""
    question: str = ""
    themes: tuple[str, ...] = ()  # the ranked choices as posted: theme ids, "" for none


@dataclass(frozen=True)
class Reply:
    """A household's answer: yes, no or maybe, with what they need."""

    answer: Answer
    needs: Needs


@dataclass(frozen=True)
class SignUp:
    """A parent signing up from the poster, without a personal invitation."""

    name: str
    email: str
    language: str
    child_name: str
    class_name: str
    needs: Needs


def themes_chosen(choices: tuple[str, ...], known: Collection[int]) -> list[int]:
    """The ranked theme ids of the meeting (`known`) among the choices (unknown ids dropped)."""
    chosen: list[int] = []
    for value in choices[:MAX_RANKS]:
        if value.isdigit() and int(value) in known and int(value) not in chosen:
            chosen.append(int(value))
    return chosen


def _needs(needs: Needs, themes: Collection[int]) -> dict[str, Any]:
    return {
        "adults": needs.adults,
        "pupil_comes": needs.pupil_comes,
        "interpreter": needs.interpreter,
        "interpreter_language": needs.interpreter_language if needs.interpreter else "",
        "childcare": needs.childcare,
        "accessibility": needs.accessibility,
        "question": needs.question,
        "themes": themes_chosen(needs.themes, themes),
    }


def save_response(household: Household, reply: Reply, lang: str) -> None:
    """Store (or change) the household's answer (see save_answer). The household's
    `response` is expired, so whoever reads it next sees the stored one."""
    if household.id is None:
        db.session.flush()
    save_answer(household.id, {t.id for t in household.event.themes}, reply, lang)
    db.session.expire(household, ["response"])


def save_answer(
    household_id: int,
    themes: Collection[int],
    reply: Reply,
    lang: str,
    connection: Connection | None = None,
) -> None:
    """Store (or change) a household's answer, in one statement and one commit (an
    INSERT … ON CONFLICT: two first answers of one household racing, a double tap or two
    carers, must not fail on the unique household_id and give a 500); `themes` are the
    meeting's theme ids (a choice of any other is dropped). Someone who cannot
    come still brings in a question; their needs and numbers are not kept. On the
    session's connection, or on `connection` (the parents' quick lane reads and writes on
    a connection of its own, without an ORM session)."""
    values = _needs(reply.needs, themes)
    values["answer"] = reply.answer.value
    if reply.answer == Answer.NO:
        values.update(adults=0, pupil_comes=False, interpreter=False, interpreter_language="")
        values.update(childcare=False, accessibility="")
    values["language"] = lang
    now = utcnow()
    values.update(household_id=household_id, answered_at=now, updated_at=now)
    if connection is None:
        db.session.execute(_upsert_statement(db.session.get_bind().dialect.name), values)
        db.session.commit()
    else:
        connection.execute(_upsert_statement(connection.dialect.name), values)
        connection.commit()


UPSERTS: dict[str, Callable[[Any], sqlite.Insert | postgresql.Insert]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}
# What a changed answer keeps: its household and when it was first given.
KEPT_ON_CHANGE = frozenset({"id", "household_id", "answered_at"})
_upserts: dict[str, Executable] = {}


def _upsert_statement(dialect: str) -> Executable:
    """INSERT … ON CONFLICT (household_id) DO UPDATE for every column of an answer, with
    parameters: built once per database kind, not per answer (issue 13)."""
    if dialect not in _upserts:
        table = Response.__table__
        columns = [c for c in table.columns if c.key != "id"]
        insert = UPSERTS[dialect](table).values(
            {c.key: bindparam(c.key, type_=c.type) for c in columns}
        )
        changed = {c.key: insert.excluded[c.key] for c in columns if c.key not in KEPT_ON_CHANGE}
        _upserts[dialect] = insert.on_conflict_do_update(
            index_elements=[table.c.household_id], set_=changed
        )
    return _upserts[dialect]


def walk_in(event: Event, signup: SignUp, lang: str) -> Household:
    """A parent without a personal invitation signs up from the poster: a household of
    their own (with a personal link to change the answer later) that says yes."""
    language = texts.parent_language(signup.language or lang)
    household = Household(event=event, language=language)
    first, _, last = signup.name.strip().partition(" ")
    household.carers.append(
        Participant(
            event=event,
            role=PersonRole.PARENT,
            first_name=first[:100],
            last_name=last.strip()[:150],
            email=signup.email.strip()[:254],
            language=language,
        )
    )
    class_name = signup.class_name.strip()[:40]
    child = signup.child_name.strip()[:100]
    if class_name or child:
        household.pupils.append(Pupil(first_name=child, class_name=class_name))
    db.session.add(household)
    db.session.flush()
    save_response(household, Reply(Answer.YES, signup.needs), lang)
    return household


def form_data(response: Response | None) -> dict[str, Any]:
    """A saved answer as the form's initial values."""
    if response is None:
        return {}
    data: dict[str, Any] = {
        "answer": response.answer,
        "adults": response.adults or 1,
        "pupil_comes": response.pupil_comes,
        "interpreter": response.interpreter,
        "childcare": response.childcare,
        "accessibility": response.accessibility,
        "question": response.question,
    }
    language = response.interpreter_language
    if language and language not in texts.INTERPRETER_LANGUAGES:
        data.update(interpreter_language=OTHER, interpreter_other=language)
    else:
        data["interpreter_language"] = language
    for rank, theme_id in enumerate((response.themes or [])[:MAX_RANKS], start=1):
        data[f"theme_{rank}"] = str(theme_id)
    return data


# --- the evening in plain words ------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    start: str
    end: str
    text: str


# The evening in plain words, per plan and language: kept with the plan it was made from
# (the agenda's plan cache hands out the same object until the meeting changes).
EVENINGS_KEPT = 256
_evenings: OrderedDict[tuple[int, str], tuple[AgendaPlan, tuple[Moment, ...]]] = OrderedDict()
_evenings_lock = Lock()


def evening(event: Event, lang: str) -> tuple[Moment, ...]:
    """The main blocks of the agenda with their clock times, in `lang` (the page's language,
    which must be the current one): worked out once per meeting version and language, not
    for every parent's confirmation page (issue 13)."""
    plan = agenda_services.plan(event)
    key = (id(plan), lang)
    with _evenings_lock:
        kept = _evenings.get(key)
        if kept is not None and kept[0] is plan:
            _evenings.move_to_end(key)
            return kept[1]
    moments = tuple(
        Moment(
            texts.clock(s.start), texts.clock(s.end), texts.plain_block(s.block.kind, s.block.title)
        )
        for s in plan.slots
        if s.depth == 0
    )
    with _evenings_lock:
        _evenings[key] = (plan, moments)  # the plan held here keeps its id from being reused
        while len(_evenings) > EVENINGS_KEPT:
            _evenings.popitem(last=False)
    return moments


def times(event: Event) -> tuple[str, str]:
    plan = agenda_services.plan(event)
    return texts.clock(plan.start), texts.clock(plan.announced_end)
