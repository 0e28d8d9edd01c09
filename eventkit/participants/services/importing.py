"""Import participants from a sheet: a preview, then all or nothing.

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

from ...domain import people
from ...domain.languages import Choice, page_language
from ...domain.people import (
    CarerDraft,
    HouseholdDraft,
    ImportResult,
    Kind,
    PupilDraft,
    Sheet,
    StaffDraft,
)
from ...extensions import db
from ...models import Event, Household, Participant, PersonRole, Pupil, School
from ...school.services import offered_languages
from ...uow import unit_of_work

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
    with unit_of_work():
        plan.counts = _apply(event, plan.result, plan.mapping, write=True)
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
    if write and household is not None and pupil.household is not household:
        pupil.household = household  # (None only on a dry run: no household is made then)


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
