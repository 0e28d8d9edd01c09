"""Households (or staff) from the rows of a sheet: drafts, keys, and the parse itself."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .cells import (
    class_list,
    clean,
    is_email,
    join_name,
    looks_like_formula,
    normal_email,
    plain,
    split_name,
    yes_no,
)
from .headers import (
    IGNORE,
    Kind,
    Problem,
    Sheet,
    SheetRow,
    check_mapping,
    header_name,
    problem,
    suggest_mapping,
)
from .languages import DEFAULT_LANGUAGE, language_code


@dataclass
class CarerDraft:
    key: str
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str
    row: int
    address: str = ""  # only where the carer lives apart: their own household

    @property
    def name(self) -> str:
        return join_name(self.first_name, self.last_name)


@dataclass
class PupilDraft:
    key: str
    external_id: str
    first_name: str
    last_name: str
    class_name: str
    year: str
    row: int

    @property
    def name(self) -> str:
        return join_name(self.first_name, self.last_name)


@dataclass
class HouseholdDraft:
    carers: list[CarerDraft]
    pupils: list[PupilDraft]
    # One of two (or more) homes of the same children: the children are in each.
    apart: bool = False

    @property
    def language(self) -> str:
        return self.carers[0].language if self.carers else DEFAULT_LANGUAGE


@dataclass
class StaffDraft:
    first_name: str
    last_name: str
    email: str
    phone: str
    function: str
    can_facilitate: bool
    mentor_of: list[str]
    row: int

    @property
    def name(self) -> str:
        return join_name(self.first_name, self.last_name)


@dataclass
class ImportResult:
    kind: Kind
    rows: int = 0
    households: list[HouseholdDraft] = field(default_factory=list)
    staff: list[StaffDraft] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def carers(self) -> list[CarerDraft]:
        return [c for h in self.households for c in h.carers]

    @property
    def pupils(self) -> list[PupilDraft]:
        return [p for h in self.households for p in h.pupils]


def carer_key(email: str, name: str, phone: str, pupil: str = "") -> str:
    """How a carer is recognised: e-mail, else name + phone, else name + their child."""
    if email:
        return "e:" + email.casefold()
    digits = re.sub(r"\D", "", phone)
    if digits:
        return f"p:{plain(name)}|{digits}"
    return f"n:{plain(name)}|{pupil}"


def pupil_key(external_id: str, first: str, last: str, class_name: str) -> str:
    if external_id:
        return "id:" + plain(external_id)
    return f"n:{plain(first)}|{plain(last)}|{plain(class_name)}"


# --- parsing rows ---------------------------------------------------------------------------


class _Row:
    """One sheet row seen through the mapping."""

    def __init__(self, row: SheetRow, columns: Mapping[str, int], headers: Sequence[str]):
        self.number = row.number
        self._row = row
        self._columns = columns
        self._headers = headers

    def get(self, name: str) -> str:
        column = self._columns.get(name)
        return clean(self._row.cell(column)) if column is not None else ""

    def formulas(self) -> list[Problem]:
        problems = []
        for column in self._columns.values():
            if looks_like_formula(self._row.cell(column)):
                header = header_name(self._headers, column)
                message = f"the column {header!r} holds a formula; give plain text instead"
                problems.append(problem("formula", self.number, message, column=header))
        return problems[:1]

    def blank(self) -> bool:
        return not any(self.get(name) for name in self._columns)


def parse(sheet: Sheet, kind: Kind, mapping: Sequence[str] | None = None) -> ImportResult:
    """Households (parents) or staff from a sheet; errors by row, nothing half-done."""
    mapping = list(mapping) if mapping is not None else suggest_mapping(sheet.headers, kind)
    result = ImportResult(kind)
    result.errors = check_mapping(sheet.headers, mapping, kind)
    if result.errors:
        return result
    columns = {name: column for column, name in enumerate(mapping) if name != IGNORE}
    rows = [_Row(row, columns, sheet.headers) for row in sheet.rows]
    rows = [row for row in rows if not row.blank()]
    result.rows = len(rows)
    if not rows:
        result.errors.append(problem("no_rows", 0, "the file has no rows below its header"))
        return result
    if kind is Kind.PARENTS:
        _parse_parents(rows, result)
    else:
        _parse_staff(rows, result)
    return result


def _language(row: _Row, name: str, result: ImportResult) -> str:
    value = row.get(name)
    code = language_code(value)
    if code is None:
        message = f"unknown language {value!r}; Dutch is used"
        result.notes.append(problem("unknown_language", row.number, message, value=value))
        return DEFAULT_LANGUAGE
    return code


def _email(row: _Row, name: str, result: ImportResult) -> str:
    email = normal_email(row.get(name))
    if email and not is_email(email):
        message = f"{row.get(name)!r} is not an e-mail address"
        result.errors.append(problem("bad_email", row.number, message, value=row.get(name)))
    elif not email.partition("@")[0].isascii():
        # Mail to such an address needs a server with SMTPUTF8; many lack it.
        message = (
            f"{email!r} has accented letters before the @: not every mail server can send to it"
        )
        result.notes.append(problem("accented_email", row.number, message, value=email))
    return email


def _pupil(row: _Row) -> PupilDraft | None:
    first, last = split_name(row.get("pupil_name"))
    first = row.get("pupil_first_name") or first
    last = join_name(row.get("pupil_infix"), row.get("pupil_last_name")) or last
    if not first:
        return None
    external_id, class_name = row.get("pupil_id"), row.get("class_name")
    key = pupil_key(external_id, first, last, class_name)
    return PupilDraft(key, external_id, first, last, class_name, row.get("year"), row.number)


def _carer(row: _Row, slot: str, pupil: str, result: ImportResult) -> CarerDraft | None:
    first, last = split_name(row.get("carer_name" + slot))
    first = row.get("carer_first_name" + slot) or first
    last = row.get("carer_last_name" + slot) or last
    email = _email(row, "email" + slot, result)
    phone = row.get("phone" + slot)
    if not (first or last or email):
        return None
    # The home language is the pupil's: it holds for every carer unless one has their own.
    language = _language(
        row, "language" + slot if row.get("language" + slot) else "language", result
    )
    key = carer_key(email, join_name(first, last), phone, pupil)
    address = row.get("address" + slot)
    return CarerDraft(key, first, last, email, phone, language, row.number, address)


def _parse_parents(rows: Iterable[_Row], result: ImportResult) -> None:
    carers: dict[str, CarerDraft] = {}
    pupils: dict[str, PupilDraft] = {}
    pairs: dict[tuple[str, str], int] = {}
    for row in rows:
        found = _parent_row(row, result)
        if found is None:
            continue
        pupil, row_carers = found
        pupils.setdefault(pupil.key, pupil)
        for carer in row_carers:
            _same_email(carers.setdefault(carer.key, carer), carer, result)
            _pair(pairs, carer.key, pupil.key, row.number, result)
    if result.ok:
        result.households = _households(carers, pupils, pairs)


def _parent_row(row: _Row, result: ImportResult) -> tuple[PupilDraft, list[CarerDraft]] | None:
    """The pupil and carers of one row, or None when the row has an error (then recorded)."""
    before = len(result.errors)
    result.errors.extend(row.formulas())
    if len(result.errors) > before:
        return None
    pupil = _pupil(row)
    if pupil is None:
        result.errors.append(problem("no_pupil", row.number, "the pupil's name is empty"))
        return None
    found = _row_carers(row, pupil.key, result)
    if len(result.errors) > before:
        return None
    if not found:
        message = "no carer: give the carer's name or e-mail"
        result.errors.append(problem("no_carer", row.number, message))
        return None
    return pupil, found


def _same_email(known: CarerDraft, carer: CarerDraft, result: ImportResult) -> None:
    """Two names with one family e-mail address are one carer here: say so."""
    if known is carer or not carer.email or plain(known.name) == plain(carer.name):
        return
    message = (
        f"{carer.name!r} has the same e-mail address as {known.name!r} (row {known.row}); "
        "they are one carer with one invitation"
    )
    params: dict[str, str | int] = {"name": carer.name, "other": known.name, "first": known.row}
    result.notes.append(Problem("shared_email", carer.row, message, params))


def _row_carers(row: _Row, pupil: str, result: ImportResult) -> list[CarerDraft]:
    found = [_carer(row, slot, pupil, result) for slot in ("", "_2")]
    return [carer for carer in found if carer is not None]


def _pair(
    pairs: dict[tuple[str, str], int], carer: str, pupil: str, number: int, result: ImportResult
) -> None:
    first = pairs.setdefault((carer, pupil), number)
    if first != number:
        message = f"the same carer and child as row {first}; merged into one"
        result.notes.append(problem("duplicate", number, message, first=first))


def _households(
    carers: Mapping[str, CarerDraft],
    pupils: Mapping[str, PupilDraft],
    pairs: Mapping[tuple[str, str], int],
) -> list[HouseholdDraft]:
    """Union-find: carers linked through shared children (and the reverse) are one household."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for carer_id, pupil_id in pairs:
        parent[find("c" + carer_id)] = find("p" + pupil_id)
    groups: dict[str, HouseholdDraft] = {}
    for carer in sorted(carers.values(), key=lambda c: c.row):
        groups.setdefault(find("c" + carer.key), HouseholdDraft([], [])).carers.append(carer)
    for pupil in sorted(pupils.values(), key=lambda p: p.row):
        groups.setdefault(find("p" + pupil.key), HouseholdDraft([], [])).pupils.append(pupil)
    homes = [home for group in groups.values() for home in _homes(group)]
    return sorted(homes, key=_first_row)


def _homes(household: HouseholdDraft) -> list[HouseholdDraft]:
    """Carers of one child who live at different addresses get a household (and a letter)
    each, with the same children; a carer without an address lives with the first one."""
    addresses: dict[str, list[CarerDraft]] = {}
    for carer in household.carers:
        addresses.setdefault(plain(carer.address), []).append(carer)
    given = [key for key in addresses if key]
    if len(given) < 2:
        return [household]
    homes = [HouseholdDraft(addresses[key], household.pupils, apart=True) for key in given]
    homes[0].carers[:0] = addresses.get("", [])
    return homes


def _first_row(household: HouseholdDraft) -> int:
    return min([c.row for c in household.carers] + [p.row for p in household.pupils])


def _parse_staff(rows: Iterable[_Row], result: ImportResult) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        before = len(result.errors)
        result.errors.extend(row.formulas())
        if len(result.errors) > before:
            continue
        member = _staff(row, result)
        if member is None or len(result.errors) > before:
            continue
        first = seen.setdefault(member.email, row.number)
        if first != row.number:
            message = f"the same e-mail address as row {first}; merged into one"
            result.notes.append(problem("duplicate", row.number, message, first=first))
            continue
        result.staff.append(member)


def _staff(row: _Row, result: ImportResult) -> StaffDraft | None:
    first, last = split_name(row.get("name"))
    first = row.get("first_name") or first
    last = join_name(row.get("infix"), row.get("last_name")) or last
    email = _email(row, "email", result)
    if not (first or last):
        result.errors.append(problem("no_name", row.number, "the name is empty"))
    if not email:
        result.errors.append(problem("no_email", row.number, "the e-mail address is empty"))
    facilitates = yes_no(row.get("can_facilitate"))
    if facilitates is None:
        value = row.get("can_facilitate")
        message = f"{value!r} is not yes or no"
        result.errors.append(problem("bad_yes_no", row.number, message, value=value))
    if not (first or last) or not email or facilitates is None:
        return None
    mentor_of = class_list(row.get("mentor_of"))
    function = row.get("function")
    return StaffDraft(
        first, last, email, row.get("phone"), function, facilitates, mentor_of, row.number
    )
