"""Participants of a meeting: import (preview, then all or nothing), edit by hand, list.

Importing again adds new people and updates the ones already there (a carer by e-mail,
or name + phone; a pupil by pupil number, or name + class; staff by e-mail). Only the
fields the file has a column for are changed, so a language set by hand survives a
re-import of a file without a language column. Nothing is ever removed by an import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import people
from ..domain.languages import Choice, page_language
from ..domain.people import (
    CarerDraft,
    HouseholdDraft,
    ImportResult,
    Kind,
    PupilDraft,
    Sheet,
    StaffDraft,
)
from ..extensions import db
from ..models import Event, Household, Participant, PersonRole, Pupil, Response, School
from ..school.services import offered_languages

SAMPLE_ROWS = 10


class ImportFailed(Exception):
    """The file has row errors: nothing was saved."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("; ".join(str(e) for e in result.errors))
        self.result = result


@dataclass
class Tally:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged


@dataclass
class Counts:
    households: Tally = field(default_factory=Tally)
    carers: Tally = field(default_factory=Tally)
    pupils: Tally = field(default_factory=Tally)
    staff: Tally = field(default_factory=Tally)

    @property
    def new(self) -> int:
        return self.carers.new + self.pupils.new + self.staff.new

    @property
    def updated(self) -> int:
        return self.carers.updated + self.pupils.updated + self.staff.updated


@dataclass
class Preview:
    sheet: Sheet
    kind: Kind
    mapping: list[str]
    result: ImportResult
    counts: Counts

    @property
    def sample(self) -> list[people.SheetRow]:
        return list(self.sheet.rows[:SAMPLE_ROWS])


# --- import ---------------------------------------------------------------------------------


def preview(
    event: Event, sheet: Sheet, kind: Kind | None = None, mapping: Sequence[str] | None = None
) -> Preview:
    """What an import would do, without saving anything."""
    kind = kind or people.detect_kind(sheet.headers)
    mapping = list(mapping) if mapping is not None else people.suggest_mapping(sheet.headers, kind)
    mapping = (mapping + [people.IGNORE] * len(sheet.headers))[: len(sheet.headers)]
    result = people.parse(sheet, kind, mapping)
    result.notes += language_notes(event, result) + home_notes(result)
    counts = _apply(event, result, mapping, write=False) if result.ok else Counts()
    return Preview(sheet, kind, mapping, result, counts)


def language_choice(code: str | None, school: School) -> Choice:
    """The language a family with home language `code` gets: its own, or the fallback."""
    return page_language(code, offered_languages(school), school.fallback_language or "en")


def language_notes(event: Event, result: ImportResult) -> list[people.Problem]:
    """A home language the parent pages do not speak (or the school does not offer): which
    language those families get instead, so the team can change it."""
    found: dict[tuple[int, str], people.Problem] = {}
    for household in result.households:
        for carer in household.carers:
            choice = language_choice(carer.language, event.school)
            if choice.is_fallback and (carer.row, choice.own) not in found:
                params: dict[str, str | int] = {"value": choice.own, "fallback": choice.page}
                message = f"the pages do not speak {choice.own!r}; {choice.page!r} is used"
                found[(carer.row, choice.own)] = people.Problem(
                    "language_not_offered", carer.row, message, params
                )
    return sorted(found.values(), key=lambda p: p.row)


def home_notes(result: ImportResult) -> list[people.Problem]:
    """Children whose carers live apart: one invitation per home."""
    notes, seen = [], set()
    for household in result.households:
        if not household.apart:
            continue
        for pupil in household.pupils:
            if pupil.key not in seen:
                seen.add(pupil.key)
                message = f"{pupil.name!r} has carers at two addresses: one invitation per home"
                params: dict[str, str | int] = {"name": pupil.name}
                notes.append(people.Problem("two_homes", pupil.row, message, params))
    return notes


def import_sheet(
    event: Event, sheet: Sheet, kind: Kind | None = None, mapping: Sequence[str] | None = None
) -> Preview:
    """Import everything in one transaction, or raise ImportFailed and save nothing."""
    plan = preview(event, sheet, kind, mapping)
    if not plan.result.ok:
        raise ImportFailed(plan.result)
    try:
        plan.counts = _apply(event, plan.result, plan.mapping, write=True)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return plan


def _apply(event: Event, result: ImportResult, mapping: Sequence[str], write: bool) -> Counts:
    mapped = frozenset(mapping)
    if result.kind is Kind.STAFF:
        return _apply_staff(event, result.staff, mapped, write)
    return _apply_households(event, result.households, mapped, write)


class _Index:
    """The event's carers, pupils and staff by the keys the import recognises them by."""

    def __init__(self, event: Event) -> None:
        self.carers: dict[str, Participant] = {}
        self.pupils: dict[str, Pupil] = {}
        self.staff: dict[str, Participant] = {}
        for person in _participants(event):
            if person.role == PersonRole.STAFF.value and person.email:
                self.staff[person.email.casefold()] = person
            elif person.role == PersonRole.PARENT.value:
                for key in _carer_keys(person):
                    self.carers.setdefault(key, person)
        for household in event.households:
            for pupil in household.pupils:
                for key in _pupil_keys(pupil):
                    self.pupils.setdefault(key, pupil)

    def pupil(self, draft: PupilDraft) -> Pupil | None:
        found = self.pupils.get(draft.key)
        if found is None:
            by_name = people.pupil_key("", draft.first_name, draft.last_name, draft.class_name)
            found = self.pupils.get(by_name)
            if found and found.external_id and draft.external_id:
                return None  # same name and class, another pupil number: another child
        return found


def _carer_keys(person: Participant) -> list[str]:
    keys = [people.carer_key(person.email, person.name, person.phone)]
    if not person.email and not person.phone and person.household:
        keys = [
            people.carer_key("", person.name, "", key)
            for pupil in person.household.pupils
            for key in _pupil_keys(pupil)
        ]
    return keys


def _pupil_keys(pupil: Pupil) -> list[str]:
    by_name = people.pupil_key("", pupil.first_name, pupil.last_name, pupil.class_name)
    if pupil.external_id:
        return [people.pupil_key(pupil.external_id, "", "", ""), by_name]
    return [by_name]


def _participants(event: Event) -> list[Participant]:
    query = (
        select(Participant)
        .where(Participant.event_id == event.id)
        .options(selectinload(Participant.household).selectinload(Household.pupils))
    )
    return list(db.session.scalars(query))


def _set(target: Any, values: dict[str, Any], tally: Tally, write: bool) -> None:
    """Count a matched row as updated or unchanged, and change it when writing."""
    changed = {k: v for k, v in values.items() if getattr(target, k) != v}
    if changed:
        tally.updated += 1
    else:
        tally.unchanged += 1
    if write:
        for name, value in changed.items():
            setattr(target, name, value)


def _carer_values(draft: CarerDraft, mapped: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {"first_name": draft.first_name, "last_name": draft.last_name}
    for name in ("email", "phone", "language"):
        if name in mapped or name + "_2" in mapped:
            values[name] = getattr(draft, name)
    return values


def _pupil_values(draft: PupilDraft, mapped: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {"first_name": draft.first_name, "last_name": draft.last_name}
    for name, column in (("external_id", "pupil_id"), ("class_name", ""), ("year", "")):
        if (column or name) in mapped:
            values[name] = getattr(draft, name)
    return values


def _apply_households(
    event: Event, drafts: Iterable[HouseholdDraft], mapped: frozenset[str], write: bool
) -> Counts:
    index, counts = _Index(event), Counts()
    for draft in drafts:
        carers = [(c, index.carers.get(c.key)) for c in draft.carers]
        pupils = [(p, index.pupil(p)) for p in draft.pupils]
        known = [x.household for _, x in carers if x and x.household]
        if not draft.apart:  # a child of two homes does not join them into one
            known += [x.household for _, x in pupils if x]
        target = _target_household(event, draft, known, counts.households, write)
        for carer, person in carers:
            _carer(event, target, carer, person, mapped, counts.carers, write)
        for pupil, existing in pupils:
            if draft.apart and existing is not None and existing.household is not target:
                existing = None  # this home gets the child as well
            _pupil(target, pupil, existing, mapped, counts.pupils, write)
    return counts


def _target_household(
    event: Event,
    draft: HouseholdDraft,
    known: list[Household],
    tally: Tally,
    write: bool,
) -> Household | None:
    """The household these people join: the oldest one some of them are in, or a new one."""
    found = sorted(set(known), key=lambda h: h.id)
    if not found:
        tally.new += 1
        if not write:
            return None
        household = Household(event=event, language=draft.language)
        db.session.add(household)
        return household
    target = found[0]
    tally.updated += 1 if len(found) > 1 else 0
    tally.unchanged += 0 if len(found) > 1 else 1
    if write:
        for other in found[1:]:
            merge_households(target, other)
    return target


def merge_households(target: Household, other: Household) -> None:
    """Move the carers, pupils (and an answer, if target has none) of other into target."""
    for carer in list(other.carers):
        carer.household = target
    for pupil in list(other.pupils):
        pupil.household = target
    if target.response is None and other.response is not None:
        other.response.household = target
    db.session.delete(other)


def _carer(
    event: Event,
    household: Household | None,
    draft: CarerDraft,
    person: Participant | None,
    mapped: frozenset[str],
    tally: Tally,
    write: bool,
) -> None:
    values = _carer_values(draft, mapped)
    if person is None:
        tally.new += 1
        if write:
            values.setdefault("language", draft.language)
            person = Participant(event=event, role=PersonRole.PARENT.value, **values)
            person.household = household
            db.session.add(person)
        return
    _set(person, values, tally, write)
    if write and person.household is not household:
        person.household = household


def _pupil(
    household: Household | None,
    draft: PupilDraft,
    pupil: Pupil | None,
    mapped: frozenset[str],
    tally: Tally,
    write: bool,
) -> None:
    values = _pupil_values(draft, mapped)
    if pupil is None:
        tally.new += 1
        if write:
            db.session.add(Pupil(household=household, **values))
        return
    _set(pupil, values, tally, write)
    if write and pupil.household is not household:
        pupil.household = household


def _apply_staff(
    event: Event, drafts: Iterable[StaffDraft], mapped: frozenset[str], write: bool
) -> Counts:
    index, counts = _Index(event), Counts()
    for draft in drafts:
        values: dict[str, Any] = {"first_name": draft.first_name, "last_name": draft.last_name}
        values["email"] = draft.email
        for name in ("phone", "function", "can_facilitate", "mentor_of"):
            if name in mapped:
                values[name] = getattr(draft, name)
        person = index.staff.get(draft.email.casefold())
        if person is not None:
            _set(person, values, counts.staff, write)
            continue
        counts.staff.new += 1
        if write:
            db.session.add(Participant(event=event, role=PersonRole.STAFF.value, **values))
    return counts


# --- by hand --------------------------------------------------------------------------------


class PersonError(ValueError):
    """A person that cannot be saved as given; `field` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class ChildFields:
    first_name: str
    last_name: str = ""
    class_name: str = ""
    year: str = ""
    pupil_id: int = 0  # an existing pupil of the household, or 0 for a new one


def email_taken(event: Event, email: str, role: str, person: Participant | None) -> str:
    """The name of another participant with this role and e-mail, or ''."""
    if not email:
        return ""
    query = select(Participant).where(
        Participant.event_id == event.id,
        Participant.role == role,
        Participant.email == email,
    )
    for other in db.session.scalars(query):
        if person is None or other.id != person.id:
            return other.name
    return ""


def _person_fields(person: Participant, fields: dict[str, Any]) -> None:
    for name in ("first_name", "last_name", "phone", "function"):
        if name in fields:
            setattr(person, name, people.clean(fields[name] or ""))
    person.email = people.normal_email(fields.get("email") or "")
    if "language" in fields:
        person.language = fields["language"] or people.DEFAULT_LANGUAGE


def save_parent(
    event: Event,
    person: Participant | None,
    fields: dict[str, Any],
    children: Sequence[ChildFields] | None,
    household: Household | None = None,
) -> Participant:
    """Add or change a carer and the children of their household.

    A new carer joins `household`, or gets a new one when it is None; children None
    leaves the household's children as they are (a second carer added to a household)."""
    email = people.normal_email(fields.get("email") or "")
    other = email_taken(event, email, PersonRole.PARENT.value, person)
    if other:
        raise PersonError("email", other)
    if person is None:
        household = household or Household(event=event, language=fields.get("language") or "nl")
        person = Participant(event=event, role=PersonRole.PARENT.value, household=household)
        db.session.add(person)
    _person_fields(person, fields)
    if person.household is not None and "language" in fields:
        person.household.language = person.language  # the letters follow the carer's language
    if person.household is not None and children is not None:
        _save_children(person.household, children)
    db.session.commit()
    return person


def _save_children(household: Household, children: Sequence[ChildFields]) -> None:
    """Set the household's children to the given list (existing ones by id)."""
    existing = {pupil.id: pupil for pupil in household.pupils}
    keep = []
    for child in children:
        if not people.clean(child.first_name):
            continue
        pupil = existing.get(child.pupil_id) or Pupil()
        pupil.first_name = people.clean(child.first_name)
        pupil.last_name = people.clean(child.last_name)
        pupil.class_name = people.clean(child.class_name)
        pupil.year = people.clean(child.year)
        keep.append(pupil)
    household.pupils[:] = keep


def save_staff(event: Event, person: Participant | None, fields: dict[str, Any]) -> Participant:
    email = people.normal_email(fields.get("email") or "")
    other = email_taken(event, email, PersonRole.STAFF.value, person)
    if other:
        raise PersonError("email", other)
    if person is None:
        person = Participant(event=event, role=PersonRole.STAFF.value)
        db.session.add(person)
    _person_fields(person, fields)
    person.can_facilitate = bool(fields.get("can_facilitate"))
    person.mentor_of = people.class_list(fields.get("mentor_of") or "")
    db.session.commit()
    return person


def delete_participant(person: Participant) -> bool:
    """Remove a person; the last carer of a household takes the household (and its children
    and answer) along. True when the household went too."""
    household = person.household
    last = household is not None and all(c.id == person.id for c in household.carers)
    db.session.delete(person)
    if last:
        db.session.delete(household)
    db.session.commit()
    return last


# --- the list -------------------------------------------------------------------------------

RESPONSE_NONE = "none"


@dataclass(frozen=True)
class Filters:
    q: str = ""
    role: str = ""
    class_name: str = ""
    year: str = ""
    language: str = ""
    response: str = ""
    # The search also finds e-mail addresses and phone numbers; not for facilitators, who
    # do not see contact data (a hit would tell them an address).
    by_contact: bool = True

    @classmethod
    def from_args(cls, args: Any, by_contact: bool = True) -> Filters:
        texts = {name: (args.get(name) or "").strip() for name in FILTER_NAMES}
        return cls(**texts, by_contact=by_contact)

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in FILTER_NAMES)


FILTER_NAMES = ("q", "role", "class_name", "year", "language", "response")


@dataclass(frozen=True)
class PersonInfo:
    """What the list shows of a participant, read as plain columns: loading 2500 people as
    objects with their households, children and answers took most of a second (issue 13)."""

    id: int
    first_name: str
    last_name: str
    role: str
    function: str
    can_facilitate: bool
    email: str
    phone: str
    language: str
    mentor_of: list[str]
    household_id: int | None
    household_language: str | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class PupilInfo:
    first_name: str
    last_name: str
    class_name: str
    year: str


@dataclass(frozen=True)
class PersonRow:
    person: PersonInfo
    pupils: list[PupilInfo]
    answer: str  # yes / no / maybe, or '' when the household has not answered

    @property
    def classes(self) -> list[str]:
        if self.person.role == PersonRole.STAFF.value:
            return list(self.person.mentor_of)
        return sorted({p.class_name for p in self.pupils if p.class_name})


def rows(event: Event) -> list[PersonRow]:
    """Everyone of the meeting, staff first, by last name (two statements)."""
    pupils: dict[int, list[PupilInfo]] = {}
    for household_id, *fields in db.session.execute(
        select(Pupil.household_id, Pupil.first_name, Pupil.last_name, Pupil.class_name, Pupil.year)
        .join(Household)
        .where(Household.event_id == event.id)
        .order_by(Pupil.id)
    ):
        pupils.setdefault(household_id, []).append(PupilInfo(*fields))
    query = (
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.role,
            Participant.function,
            Participant.can_facilitate,
            Participant.email,
            Participant.phone,
            Participant.language,
            Participant.mentor_of,
            Participant.household_id,
            Household.language,
            Response.answer,
        )  # fmt: skip
        .outerjoin(Household, Household.id == Participant.household_id)
        .outerjoin(Response, Response.household_id == Participant.household_id)
        .where(Participant.event_id == event.id)
        .order_by(Participant.role, Participant.last_name, Participant.first_name)
    )
    result = []
    for *fields, answer in db.session.execute(query):
        person = PersonInfo(*fields[:5], bool(fields[5]), *fields[6:9], list(fields[9] or []),
                            *fields[10:])  # fmt: skip
        result.append(PersonRow(person, pupils.get(person.household_id or 0, []), answer or ""))
    return result


def matches(row: PersonRow, filters: Filters) -> bool:
    person = row.person
    if filters.role and person.role != filters.role:
        return False
    if filters.language and person.language != filters.language:
        return False
    if filters.class_name and filters.class_name.casefold() not in {
        c.casefold() for c in row.classes
    }:
        return False
    if filters.year and filters.year not in {p.year for p in row.pupils}:
        return False
    if filters.response and (
        person.role != PersonRole.PARENT.value or (row.answer or RESPONSE_NONE) != filters.response
    ):
        return False
    return not filters.q or _found(row, filters.q, filters.by_contact)


def _found(row: PersonRow, q: str, by_contact: bool = True) -> bool:
    words = [row.person.name, row.person.function]
    if by_contact:
        words += [row.person.email, row.person.phone]
    words += [p.first_name + " " + p.last_name for p in row.pupils]
    text = people.plain(" ".join(words))
    return all(part in text for part in people.plain(q).split())


@dataclass(frozen=True)
class Overview:
    rows: list[PersonRow]
    shown: list[PersonRow]
    classes: list[str]
    years: list[str]
    languages: list[str]

    def count(self, role: str) -> int:
        return sum(1 for r in self.rows if r.person.role == role)

    @property
    def households(self) -> int:
        return len({r.person.household_id for r in self.rows if r.person.household_id})

    def answered(self, answer: str) -> int:
        seen = {r.person.household_id: r.answer for r in self.rows if r.person.household_id}
        return sum(1 for a in seen.values() if (a or RESPONSE_NONE) == answer)


def overview(event: Event, filters: Filters) -> Overview:
    everyone = rows(event)
    classes = sorted({c for r in everyone for c in r.classes}, key=_natural)
    years = sorted({p.year for r in everyone for p in r.pupils if p.year}, key=_natural)
    languages = sorted({r.person.language for r in everyone if r.person.language})
    shown = [r for r in everyone if matches(r, filters)]
    return Overview(everyone, shown, classes, years, languages)


def _natural(text: str) -> tuple[int, str]:
    digits = "".join(c for c in text if c.isdigit())
    return (int(digits) if digits else 0, text.casefold())
