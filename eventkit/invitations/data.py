"""An event's invitations as plain data: what the Word file and the print view lay out.

The fixed texts are translated once per language (`Letter`); each household's page
(`Page`) only carries what differs: its language, greeting, children and link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..agenda import services as agenda_services
from ..extensions import db
from ..models import Event, Household, Participant, Pupil, Response, School
from ..school import services as school_services
from . import links, texts


@dataclass(frozen=True)
class Letter:
    """The fixed words of the letter in one language, with the meeting's facts filled in."""

    language: str
    rtl: bool
    words: Mapping[str, str]
    facts: tuple[tuple[str, str], ...]
    dutch_line: str = ""  # the short Dutch line under a letter in another language
    contact: str = ""  # whom parents can call (the school's settings), in this language


@dataclass(frozen=True)
class Page:
    household_id: int
    language: str
    greeting: str
    url: str
    classes: tuple[str, ...] = ()
    children_line: str = ""  # "Your child: Ayşe", where names cannot stand in the greeting


@dataclass(frozen=True)
class Logo:
    """The school's logo as stored (PNG or JPEG) with its size in pixels."""

    image: bytes
    extension: str  # "png" or "jpeg"
    width: int
    height: int


@dataclass(frozen=True)
class InvitationData:
    school: str
    title: str
    goal: str
    themes: tuple[str, ...]
    letters: Mapping[str, Letter]
    pages: tuple[Page, ...] = field(default=())
    #: the school's own texts per parent language (code -> {"title", "goal", "closing"});
    #: a missing text is read in Dutch
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: each theme's title per parent language, in the order of `themes`
    theme_titles: tuple[Mapping[str, str], ...] = ()
    logo: Logo | None = None
    closing: str = ""

    def _in(self, key: str, dutch: str, language: str) -> tuple[str, str]:
        own = self.translations.get(language, {}).get(key, "").strip()
        return (own, language) if own else (dutch, "nl")

    def goal_in(self, language: str) -> tuple[str, str]:
        """(text, its language): the school's text in `language`, else the Dutch one."""
        return self._in("goal", self.goal, language)

    def title_in(self, language: str) -> tuple[str, str]:
        return self._in("title", self.title, language)

    def closing_in(self, language: str) -> tuple[str, str]:
        return self._in("closing", self.closing, language)

    def themes_in(self, language: str) -> list[tuple[str, str]]:
        """Each theme's title as (text, its language)."""
        found = []
        for number, dutch in enumerate(self.themes):
            titles = self.theme_titles[number] if number < len(self.theme_titles) else {}
            own = titles.get(language, "").strip()
            found.append((own, language) if own else (dutch, "nl"))
        return found


def households_of(event: Event, classes: Sequence[str] = ()) -> list[Household]:
    """The households of a meeting (with pupils, carers and answer loaded), sorted by the
    class and name of their first child; only those with a child in `classes` if given."""
    query = (
        select(Household)
        .where(Household.event_id == event.id)
        .options(
            selectinload(Household.pupils),
            selectinload(Household.carers),
            selectinload(Household.response),
        )
    )
    rows = list(db.session.scalars(query))
    if classes:
        wanted = set(classes)
        rows = [h for h in rows if any(p.class_name in wanted for p in h.pupils)]
    return sorted(rows, key=sort_key)


def sort_key(household: Household | HouseholdRow) -> tuple[str, str, str, int]:
    """By the first child's class and name; households without children last."""
    children = [(p.class_name, p.last_name, p.first_name) for p in household.pupils]
    if not children:
        carer = household.carers[0].name if household.carers else ""
        return ("~", carer, "", household.id)
    return (*min(children), household.id)


@dataclass(frozen=True)
class PupilRow:
    first_name: str
    last_name: str
    class_name: str
    year: str


@dataclass(frozen=True)
class CarerRow:
    name: str
    email: str
    phone: str


@dataclass(frozen=True)
class ResponseRow:
    """What the staff pages show of an answer (read as plain columns)."""

    answer: str
    adults: int
    pupil_comes: bool
    interpreter: bool
    interpreter_language: str
    childcare: bool
    accessibility: str
    question: str
    themes: list[int]
    language: str


@dataclass(frozen=True)
class HouseholdRow:
    """A household as the invitations and responses pages show it, read as plain rows:
    loading 2000 households with their pupils, carers and answers as ORM objects took
    most of the time of those pages (issue 13)."""

    id: int
    language: str
    invited_at: datetime | None
    pupils: tuple[PupilRow, ...]
    carers: tuple[CarerRow, ...] = ()
    response: ResponseRow | None = None


def pupils_by_household(event: Event) -> dict[int, list[PupilRow]]:
    """Every household's children (one statement), in the order they were added."""
    found: dict[int, list[PupilRow]] = {}
    for household_id, *fields in db.session.execute(
        select(Pupil.household_id, Pupil.first_name, Pupil.last_name, Pupil.class_name, Pupil.year)
        .join(Household)
        .where(Household.event_id == event.id)
        .order_by(Pupil.id)
    ):
        found.setdefault(household_id, []).append(PupilRow(*fields))
    return found


def carers_of(household_ids: Sequence[int]) -> dict[int, list[CarerRow]]:
    """The carers of these households (always one statement), in the order they were added."""
    found: dict[int, list[CarerRow]] = {}
    query = (
        select(
            Participant.household_id,
            Participant.first_name,
            Participant.last_name,
            Participant.email,
            Participant.phone,
        )  # fmt: skip
        .where(Participant.household_id.in_(list(household_ids)))
        .order_by(Participant.id)
    )
    for household_id, first, last, email, phone in db.session.execute(query):
        found.setdefault(household_id or 0, []).append(
            CarerRow(f"{first} {last}".strip(), email, phone)
        )
    return found


def with_carers(households: Sequence[HouseholdRow]) -> list[HouseholdRow]:
    """These households with their carers filled in (one statement)."""
    known = carers_of([h.id for h in households])
    return [
        HouseholdRow(
            h.id, h.language, h.invited_at, h.pupils, tuple(known.get(h.id, ())), h.response
        )
        for h in households
    ]


RESPONSE_COLUMNS = (
    Response.answer, Response.adults, Response.pupil_comes, Response.interpreter,
    Response.interpreter_language, Response.childcare, Response.accessibility,
    Response.question, Response.themes, Response.language,
)  # fmt: skip


def household_rows(
    event: Event, classes: Sequence[str] = (), carers: bool = True
) -> list[HouseholdRow]:
    """The households of a meeting as plain rows, sorted like households_of; only those
    with a child in `classes` if given. Four statements; with `carers=False` three, and only
    the households without children carry their carers (they are sorted by them)."""
    pupils = pupils_by_household(event)
    query = (
        select(Household.id, Household.language, Household.invited_at, *RESPONSE_COLUMNS)
        .outerjoin(Response, Response.household_id == Household.id)
        .where(Household.event_id == event.id)
    )
    wanted = set(classes)
    found = []
    for household_id, language, invited_at, answer, *fields in db.session.execute(query):
        children = pupils.get(household_id, [])
        if wanted and not any(p.class_name in wanted for p in children):
            continue
        response = None if answer is None else ResponseRow(str(answer), *fields)
        found.append(
            HouseholdRow(household_id, language, invited_at, tuple(children), (), response)
        )
    named = {h.id: h for h in with_carers([h for h in found if not h.pupils])}
    found = sorted((named.get(h.id, h) for h in found), key=row_sort_key)
    return with_carers(found) if carers else found


row_sort_key = sort_key  # the same order for a plain row


@dataclass(frozen=True)
class Invitee:
    """What a letter needs of a household: read as plain rows, not ORM objects, so 600
    households cost little memory."""

    id: int
    token: str
    language: str
    children: tuple[tuple[str, str, str], ...]  # class, last name, first name; sorted


def invitees(event: Event, classes: Sequence[str] = ()) -> list[Invitee]:
    """The households to invite, sorted like households_of (class and name of the first child)."""
    households = db.session.execute(
        select(Household.id, Household.token, Household.language).where(
            Household.event_id == event.id
        )
    ).all()
    children: dict[int, list[tuple[str, str, str]]] = {h.id: [] for h in households}
    pupils = db.session.execute(
        select(Pupil.household_id, Pupil.class_name, Pupil.last_name, Pupil.first_name)
        .join(Household)
        .where(Household.event_id == event.id)
    )
    for household_id, class_name, last, first in pupils:
        children[household_id].append((class_name, last, first))
    rows = [Invitee(h.id, h.token, h.language, tuple(sorted(children[h.id]))) for h in households]
    if classes:
        wanted = set(classes)
        rows = [r for r in rows if any(child[0] in wanted for child in r.children)]
    return sorted(rows, key=lambda r: (*(r.children[0] if r.children else ("~", "", "")), r.id))


def invitation_data(event: Event, base_url: str, classes: Sequence[str] = ()) -> InvitationData:
    households = invitees(event, classes)
    school = event.school
    languages = {texts.parent_language(h.language, school) for h in households} | {texts.DEFAULT}
    letters = {lang: letter(event, lang) for lang in sorted(languages)}
    return InvitationData(
        school=event.school.name,
        title=event.title,
        goal=event.goal or "",
        themes=tuple(t.title for t in event.themes),
        letters=letters,
        pages=tuple(page(h, letters, base_url, school) for h in households),
        translations=dict(event.translations or {}),
        theme_titles=tuple(
            {code: texts.get("title", "") for code, texts in (t.translations or {}).items()}
            for t in event.themes
        ),
        logo=logo_of(event.school),
        closing=event.closing or "",
    )


def logo_of(school: School) -> Logo | None:
    if not school.logo:
        return None
    width, height = school_services.logo_size(school.logo)
    extension = "jpeg" if school.logo_mimetype == "image/jpeg" else "png"
    return Logo(school.logo, extension, width, height)


def letter(event: Event, lang: str) -> Letter:
    plan = agenda_services.plan(event)
    when = f"{texts.clock(plan.start)}–{texts.clock(plan.announced_end)}"
    with texts.speaking(lang):
        words = texts.letter_texts()
        facts = [
            (words["date"], texts.long_date(event.date, lang)),
            (words["time"], when),
            (words["place"], ", ".join(x for x in (event.location, event.room) if x)),
        ]
        if event.rsvp_deadline:
            facts.append((words["answer_before"], texts.long_date(event.rsvp_deadline, lang)))
    dutch = ""
    if lang != texts.DEFAULT:
        with texts.speaking(texts.DEFAULT):
            line = texts.letter_texts()["dutch_line"]
        dutch = line % {"date": texts.long_date(event.date, "nl"), "time": texts.clock(plan.start)}
    return Letter(lang, texts.is_rtl(lang), words, tuple(facts), dutch, contact_line(event, words))


def contact_line(event: Event, words: Mapping[str, str]) -> str:
    """The line "Questions, or no smartphone? Call …" for parents who cannot answer online. The
    number sits in a left-to-right isolate so Arabic pages keep its digit groups in order,
    with no-break spaces so it is never split over two lines."""
    person, phone = school_services.contact(event.school)
    if not phone:
        return ""
    number = "\u2066" + phone.replace(" ", "\u00a0") + "\u2069"  # one unbroken group
    if person:
        return words["contact"] % {"name": person, "phone": number}
    return words["contact_school"] % {"phone": number}


def page(
    household: Invitee, letters: Mapping[str, Letter], base_url: str, school: School | None = None
) -> Page:
    lang = texts.parent_language(household.language, school)
    words = letters[lang].words
    first_names = [first for _class, _last, first in household.children if first]
    children = texts.names(first_names, lang)
    greeting = (
        words["greeting_children"] % {"children": children} if children else words["greeting"]
    )
    children_line = ""
    if children and lang in texts.NAMES_ON_THEIR_OWN_LINE:
        greeting, children_line = words["greeting"], texts.children_line(first_names, lang)
    return Page(
        household_id=household.id,
        language=lang,
        greeting=greeting,
        children_line=children_line,
        url=links.printed_url(base_url, household.token),
        classes=tuple(sorted({c for c, _last, _first in household.children if c})),
    )
