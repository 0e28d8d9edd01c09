"""The sheet a school exports, and which field each of its columns holds.

Headers are matched after lower-casing and dropping accents and punctuation, in Dutch and
English, with the spellings schools' administration systems use (Magister, Somtoday,
ParnasSys).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .cells import plain

IGNORE = ""


class Kind(StrEnum):
    PARENTS = "parents"
    STAFF = "staff"


# --- the sheet ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the spreadsheet shows (header = 1)
    cells: tuple[str, ...]

    def cell(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""


@dataclass(frozen=True)
class Sheet:
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    header_row: int = 1


@dataclass(frozen=True)
class Problem:
    """A row error (blocks the import) or a note (does not); `code` + `params` for the UI."""

    code: str
    row: int  # 0: the file as a whole
    message: str
    params: Mapping[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        where = f"row {self.row}: " if self.row else ""
        return where + self.message


# --- fields and header aliases --------------------------------------------------------------

CARER_FIELDS = (
    "carer_name", "carer_first_name", "carer_last_name", "email", "phone", "language", "address",
)  # fmt: skip
PUPIL_FIELDS = (
    "pupil_id", "pupil_name", "pupil_first_name", "pupil_infix", "pupil_last_name",
    "class_name", "year",
)  # fmt: skip
PARENT_FIELDS = PUPIL_FIELDS + CARER_FIELDS + tuple(f + "_2" for f in CARER_FIELDS)
STAFF_FIELDS = (
    "name", "first_name", "infix", "last_name", "email", "phone", "function",
    "can_facilitate", "mentor_of",
)  # fmt: skip
FIELDS: dict[Kind, tuple[str, ...]] = {Kind.PARENTS: PARENT_FIELDS, Kind.STAFF: STAFF_FIELDS}

# Required: at least one field of each group has a column.
REQUIRED: dict[Kind, tuple[tuple[str, tuple[str, ...]], ...]] = {
    Kind.PARENTS: (
        ("pupil", ("pupil_name", "pupil_first_name")),
        ("carer", ("carer_name", "carer_first_name", "carer_last_name", "email")),
    ),
    Kind.STAFF: (("name", ("name", "first_name", "last_name")), ("email", ("email",))),
}
REQUIRED_EXAMPLES = {
    "pupil": "the pupil's name (for example 'Leerling' or 'Roepnaam')",
    "carer": "the carer's name or e-mail (for example 'Naam ouder' or 'E-mail ouder')",
    "name": "the name (for example 'Naam')",
    "email": "the e-mail address (for example 'E-mail')",
}

# Header words, after lower-casing and dropping accents and punctuation, to a canonical word.
_PHRASES = (
    ("ouder verzorger", "ouder"), ("e mailadres", "email"), ("e mail", "email"),
    ("first name", "voornaam"), ("given name", "voornaam"), ("last name", "achternaam"),
    ("family name", "achternaam"), ("full name", "naam"), ("volledige naam", "naam"),
    ("home language", "taal"), ("preferred language", "taal"), ("spoken language", "taal"),
    ("year group", "leerjaar"), ("phone number", "telefoon"), ("mobile number", "telefoon"),
    ("mobiel nummer", "telefoon"), ("job title", "functie"), ("can facilitate", "gespreksleider"),
    ("mentor van", "mentor"), ("mentor of", "mentor"), ("home address", "woonadres"),
    ("street address", "woonadres"),
)  # fmt: skip
_WORDS = {
    "ouder": ("ouders", "verzorger", "verzorgers", "parent", "parents", "carer", "carers",
              "guardian", "guardians", "contactpersoon"),
    "leerling": ("leerlingen", "kind", "kinderen", "pupil", "student", "child", "ll"),
    "email": ("emailadres", "mail", "mailadres", "emails"),
    "telefoon": ("telefoonnummer", "tel", "telnr", "mobiel", "mobile", "phone", "telephone",
                 "gsm"),
    "naam": ("name", "namen", "names"),
    "voornaam": ("roepnaam", "firstname", "voornamen"),
    "achternaam": ("surname", "lastname", "familienaam"),
    "tussenvoegsel": ("tussenv", "voorvoegsel", "tussenvoegsels", "infix"),
    "taal": ("thuistaal", "language", "voertaal", "moedertaal", "voorkeurstaal"),
    "klas": ("groep", "class", "stamgroep", "stamklas", "basisgroep", "group", "klassen",
             "groepen", "classes"),
    "leerjaar": ("year", "jaar", "jaarlaag", "grade"),
    "nummer": ("number", "nr", "id", "stamnummer", "stamnr", "llnr", "leerlingnr"),
    "functie": ("function", "rol", "role", "taak", "position"),
    "gespreksleider": ("facilitator", "gespreksleiding", "facilitate", "facilitates"),
    "mentor": ("mentorklassen", "mentoren"),
    "woonadres": ("postadres", "huisadres", "straat", "street"),
    "medewerker": ("medewerkers", "personeel", "staff", "employee", "collega", "docent"),
}  # fmt: skip
_CANONICAL = {word: key for key, words in _WORDS.items() for word in words}
_GLUED = {"leerlingnummer": "leerling nummer", "mentorklas": "mentor klas"}
_FILLER = frozenset(
    {"van", "de", "het", "der", "of", "the", "is", "kan", "can", "be", "zijn", "ja", "nee",
     "yes", "no", "j", "n", "adres", "address", "s"}
)  # fmt: skip

_ALIASES: dict[Kind, dict[frozenset[str], str]] = {
    Kind.PARENTS: {
        frozenset(words.split()): name
        for name, options in {
            "pupil_id": ("leerling nummer", "nummer"),
            "pupil_name": ("leerling", "leerling naam"),
            "pupil_first_name": ("leerling voornaam", "voornaam"),
            "pupil_infix": ("leerling tussenvoegsel", "tussenvoegsel"),
            "pupil_last_name": ("leerling achternaam", "achternaam"),
            "class_name": ("klas", "leerling klas"),
            "year": ("leerjaar", "leerling leerjaar"),
            "carer_name": ("ouder", "ouder naam"),
            "carer_first_name": ("ouder voornaam",),
            "carer_last_name": ("ouder achternaam",),
            "email": ("email", "ouder email"),
            "phone": ("telefoon", "ouder telefoon"),
            "language": ("taal", "ouder taal", "leerling taal"),
            "address": ("woonadres", "ouder woonadres"),
        }.items()
        for words in options
    },
    Kind.STAFF: {
        frozenset(words.split()): name
        for name, options in {
            "name": ("naam",),
            "first_name": ("voornaam",),
            "infix": ("tussenvoegsel",),
            "last_name": ("achternaam",),
            "email": ("email",),
            "phone": ("telefoon",),
            "function": ("functie",),
            "can_facilitate": ("gespreksleider",),
            "mentor_of": ("mentor", "klas", "mentor klas"),
        }.items()
        for words in options
    },
}


# Letters that keep their own shape under NFKD: the Turkish dotless ı, the Polish ł, …


def header_words(header: str) -> tuple[frozenset[str], int]:
    """The canonical words of a header, and the carer slot it names (1, or 2 for 'ouder 2')."""
    text = f" {plain(header)} "
    for glued, apart in _GLUED.items():
        text = text.replace(f" {glued} ", f" {apart} ")
    for phrase, word in _PHRASES:
        text = text.replace(f" {phrase} ", f" {word} ")
    words = [_CANONICAL.get(w, w) for w in text.split()]
    slot = 2 if "2" in words else 1
    return frozenset(w for w in words if w not in _FILLER and w not in ("1", "2")), slot


def field_for(header: str, kind: Kind) -> str:
    """The field a header most likely holds, or IGNORE."""
    words, slot = header_words(header)
    if kind is Kind.STAFF:
        words = words - {"medewerker"}
    name = _ALIASES[kind].get(words, IGNORE)
    if slot == 2:
        return name + "_2" if name in CARER_FIELDS else IGNORE
    return name


def suggest_mapping(headers: Sequence[str], kind: Kind) -> list[str]:
    """One field per column (IGNORE for the rest); the first column wins a field."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        name = field_for(header, kind)
        if name in taken:
            name = IGNORE
        taken.add(name)
        mapping.append(name)
    return mapping


def detect_kind(headers: Sequence[str]) -> Kind:
    """Staff when a column names a function, facilitating or mentoring, and none a pupil or
    a carer; parents otherwise."""
    generic = {IGNORE, "email", "phone", "language", "class_name", "year"}
    parents = set(suggest_mapping(headers, Kind.PARENTS)) - generic
    staff = set(suggest_mapping(headers, Kind.STAFF)) & {"function", "can_facilitate"}
    mentor = any("mentor" in header_words(h)[0] for h in headers)
    return Kind.STAFF if (staff or mentor) and not parents else Kind.PARENTS


def check_mapping(headers: Sequence[str], mapping: Sequence[str], kind: Kind) -> list[Problem]:
    """Missing required columns and columns mapped twice (file-level problems, row 0)."""
    problems = []
    used: dict[str, int] = {}
    for column, name in enumerate(mapping):
        if name == IGNORE:
            continue
        if name not in FIELDS[kind]:
            problems.append(problem("unknown_field", 0, f"unknown field {name!r}", field=name))
        elif name in used:
            first, second = headers[used[name]], header_name(headers, column)
            message = f"the columns {first!r} and {second!r} are both mapped to {name}"
            problems.append(
                problem("column_twice", 0, message, field=name, first=first, second=second)
            )
        used.setdefault(name, column)
    for need, options in REQUIRED[kind]:
        if not used.keys() & set(options):
            message = f"required column missing: {REQUIRED_EXAMPLES[need]}"
            problems.append(problem("missing_column", 0, message, need=need))
    return problems


def header_name(headers: Sequence[str], column: int) -> str:
    return headers[column] if column < len(headers) else f"#{column + 1}"


def problem(code: str, row: int, message: str, **params: str | int) -> Problem:
    return Problem(code, row, message, params)
