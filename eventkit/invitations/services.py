"""Invitations for the action team: the Word file (as a background job), counts, the
handed-out mark, the class lists for mentors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from ..agenda import services as agenda_services
from ..config import PARENT_LANGUAGES
from ..domain import paging
from ..exports import registry
from ..exports.registry import Options
from ..extensions import db
from ..jobs import services as jobs
from ..models import Event, Household, Job, Participant, PersonRole, Pupil, Response, utcnow
from ..uow import transactional
from . import links, qr, texts
from .data import (
    HouseholdRow,
    InvitationData,
    Page,
    household_rows,
    invitation_data,
    invitees,
    with_carers,
)

JOB_KIND = "invitations"
Export = tuple[str, str, bytes]


def base_url() -> str:
    return str(current_app.config["EVENTKIT_BASE_URL"])


def word_file(event: Event, classes: Sequence[str] = ()) -> Export:
    """The print-ready Word file, made at once (the CLI and tests)."""
    options = Options(base_url=base_url(), classes=tuple(classes))
    return registry.get(JOB_KIND).render(event, options)


def start_word_job(event: Event, classes: Sequence[str] = ()) -> Job:
    """The Word file made by the worker process, with progress per household."""
    total = len(invitees(event, tuple(classes)))
    params = {"event_id": event.id, "base_url": base_url(), "classes": list(classes)}
    return jobs.start(JOB_KIND, event.id, max(total, 1), params=params)


@jobs.handler(JOB_KIND)
def word_job(params: jobs.Params, progress: jobs.Progress) -> Export:
    event = db.session.get(Event, params["event_id"])
    if event is None:
        raise LookupError("the meeting is gone")
    classes = tuple(params.get("classes", ()))
    options = Options(base_url=params["base_url"], classes=classes, progress=progress)
    return registry.get(JOB_KIND).render(event, options)


PRINT_PART = 100  # letters per print view: 2000 at once would be 10 MB of HTML


@dataclass(frozen=True)
class PrintPart:
    """One part of the print view: its letters with their QR codes, and where it sits."""

    data: InvitationData
    pages: list[tuple[Page, str]]
    number: int  # 1-based
    parts: int
    first: int  # 1-based index of its first letter among all of them
    total: int


def print_view(event: Event, classes: Sequence[str] = (), part: int = 1) -> PrintPart:
    """The letters of one part of the HTML print view, each with its QR code as inline SVG."""
    data = invitation_data(event, base_url(), classes)
    parts = max(1, -(-len(data.pages) // PRINT_PART))
    number = min(max(part, 1), parts)
    start = (number - 1) * PRINT_PART
    shown = data.pages[start : start + PRINT_PART]
    pages = [(page, qr.svg_for(page.url, page.url)) for page in shown]
    return PrintPart(data, pages, number, parts, start + 1, len(data.pages))


@dataclass(frozen=True)
class Poster:
    url: str
    svg: str
    date: str
    start: str
    end: str
    languages: list[tuple[str, bool, dict[str, str]]]  # code, right-to-left, words


def poster(event: Event) -> Poster:
    """The walk-in poster: its QR code, and its few words in every parent language."""
    url = walkin_url(event)
    plan = agenda_services.plan(event)
    languages = []
    for lang in PARENT_LANGUAGES:
        with texts.speaking(lang):
            languages.append((lang, texts.is_rtl(lang), texts.poster_texts()))
    return Poster(
        url=url,
        svg=qr.svg_for(url, url),
        date=texts.long_date(event.date, event.language),
        start=texts.clock(plan.start),
        end=texts.clock(plan.announced_end),
        languages=languages,
    )


def walkin_url(event: Event) -> str:
    return links.walkin_url(base_url(), event, current_app.config["SECRET_KEY"])


def classes_of(event: Event) -> list[str]:
    query = (
        select(Pupil.class_name)
        .join(Household)
        .where(Household.event_id == event.id, Pupil.class_name != "")
        .distinct()
    )
    return sorted(db.session.scalars(query))


def mentor_classes(event: Event, email: str) -> list[str]:
    """The classes a signed-in user mentors, from the staff list of this meeting."""
    if not email:
        return []
    query = select(Participant).where(
        Participant.event_id == event.id,
        Participant.role == PersonRole.STAFF.value,
        Participant.email == email,
    )
    return sorted({c for staff in db.session.scalars(query) for c in staff.mentor_of or []})


@dataclass(frozen=True)
class Counts:
    households: int
    handed_out: int
    answered: int


def counts(event: Event) -> Counts:
    """How many households, handed out and answered: one aggregate query."""
    households, handed_out, answered = db.session.execute(
        select(
            db.func.count(Household.id),
            db.func.count(Household.invited_at),
            db.func.count(Response.id),
        )  # fmt: skip
        .outerjoin(Response, Response.household_id == Household.id)
        .where(Household.event_id == event.id)
    ).one()
    return Counts(households, handed_out, answered)


@dataclass(frozen=True)
class HouseholdList:
    """One page of the households on the invitations tab, only those of `classes` if given."""

    page: paging.Page
    rows: list[HouseholdRow]
    classes: list[str]


def household_list(event: Event, classes: Sequence[str] = (), page: object = 1) -> HouseholdList:
    """A hundred households a page (2000 at once were 740 kB of HTML, issue 13); the carers
    are read for the page shown only."""
    rows = household_rows(event, classes, carers=False)
    shown = paging.page(len(rows), page)
    return HouseholdList(shown, with_carers(shown.of(rows)), list(classes))


@transactional
def mark_handed_out(event: Event, household_ids: Iterable[int] | None) -> int:
    """Note the date the invitation was handed out: for the given households, or for all
    not yet marked. Returns how many were marked now."""
    query = select(Household).where(Household.event_id == event.id)
    if household_ids is None:
        query = query.where(Household.invited_at.is_(None))
    else:
        query = query.where(Household.id.in_(list(household_ids)))
    now = utcnow()
    marked = 0
    for household in db.session.scalars(query):
        household.invited_at = household.invited_at or now
        marked += 1
    return marked
