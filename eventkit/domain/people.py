"""Participants from a school administration export: columns, rows, carers and households.

A school exports its pupils with their carers from Magister, Somtoday or ParnasSys as a
spreadsheet. Most exports have one row per (carer, child) pair; some have one row per
child with "ouder 1 / ouder 2" column pairs. Both shapes come in here as a `Sheet` (the
header and the rows, with their row numbers as the spreadsheet shows them: header = 1)
and leave as households: the carers linked through shared children, and the children
through shared carers, form one household that gets one invitation naming every child.

Rules that hold throughout:

- A carer is identified by e-mail; without one by name + phone; without either by name
  together with their first child (so two unrelated carers with one common name never
  merge, and a carer without contact details gets a paper invitation per household).
- A pupil is identified by the pupil number, or else by name + class.
- The same carer + child twice is merged, never saved twice, and always reported as a note.
- A cell that looks like a spreadsheet formula (=, @, or + / - followed by more than a
  phone number) rejects its row: such a value would run when an export is opened.
- Everything is all or nothing: one row error and nothing is imported.

Pure Python: no Flask, SQLAlchemy or spreadsheet library here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .text import without_controls

DEFAULT_LANGUAGE = "nl"
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
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def plain(text: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", "").casefold().translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text).strip()


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
            problems.append(_problem("unknown_field", 0, f"unknown field {name!r}", field=name))
        elif name in used:
            first, second = headers[used[name]], _header(headers, column)
            message = f"the columns {first!r} and {second!r} are both mapped to {name}"
            problems.append(
                _problem("column_twice", 0, message, field=name, first=first, second=second)
            )
        used.setdefault(name, column)
    for need, options in REQUIRED[kind]:
        if not used.keys() & set(options):
            message = f"required column missing: {REQUIRED_EXAMPLES[need]}"
            problems.append(_problem("missing_column", 0, message, need=need))
    return problems


def _header(headers: Sequence[str], column: int) -> str:
    return headers[column] if column < len(headers) else f"#{column + 1}"


def _problem(code: str, row: int, message: str, **params: str | int) -> Problem:
    return Problem(code, row, message, params)


# --- cell values ----------------------------------------------------------------------------

_PHONE_LIKE = re.compile(r"[+-]?[\d\s().\-/]*")
_EMAIL = re.compile(r"[^@\s;,<>()\[\]\"']+@[^@\s;,<>()\[\]\"']+\.[a-z]{2,}")


def clean(value: str) -> str:
    """Trimmed, with runs of spaces (also non-breaking ones) as one space; without bidi
    controls and control characters (see eventkit.domain.text)."""
    text = without_controls(value).replace("\ufeff", "").replace("\u200b", "")
    return " ".join(text.split())


def looks_like_formula(value: str) -> bool:
    """A value a spreadsheet would run: =…, @…, or +/- followed by more than a phone number."""
    text = value.strip()
    if not text:
        return False
    if text[0] in "=@":
        return True
    return text[0] in "+-" and not _PHONE_LIKE.fullmatch(text)


def safe_cell(value: str) -> str:
    """A value to write into a CSV or spreadsheet: a would-be formula gets a leading quote."""
    if looks_like_formula(value) or value[:1] in ("\t", "\r"):
        return "'" + value
    return value


def normal_email(value: str) -> str:
    text = clean(value).casefold()
    return text.removeprefix("mailto:")


def is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))


def split_name(full: str) -> tuple[str, str]:
    """'Jansen, Petra' and 'Petra Jansen' → ('Petra', 'Jansen'); 'Petra van Dijk' keeps 'van'."""
    full = clean(full)
    if "," in full:
        last, _, first = full.partition(",")
        return clean(first), clean(last)
    first, _, last = full.partition(" ")
    return first, last


def join_name(*parts: str) -> str:
    return " ".join(p for p in (clean(x) for x in parts) if p)


_YES = frozenset({"ja", "j", "yes", "y", "x", "1", "true", "waar", "wel", "v", "✓", "✔"})
_NO = frozenset({"nee", "n", "no", "0", "false", "onwaar", "niet", "geen", "", "-"})


def yes_no(value: str) -> bool | None:
    """True, False, or None for a value that is neither."""
    text = clean(value).casefold()
    return True if text in _YES else False if text in _NO else None


def class_list(value: str) -> list[str]:
    """'2A, 2B / 3C en 4D' → ['2A', '2B', '3C', '4D']; 'groep 5' stays one class."""
    parts = re.split(r"[,;/|]|\s+(?:en|and|&)\s+", value)
    return list(dict.fromkeys(p for p in (clean(x) for x in parts) if p))


# --- languages ------------------------------------------------------------------------------

_LANGUAGES = {
    "nl": "nederlands dutch nl nld dut vlaams flemish",
    "en": "engels english en eng",
    "tr": "turks turkish turkce tr tur",
    "ar": "arabisch arabic ar ara marokkaans marokkaans arabisch darija العربية",
    "pl": "pools polish polski pl pol",
    "uk": "oekraiens ukrainian ukrainisch uk ukr українська",
    "de": "duits german deutsch de deu ger",
    "fr": "frans french francais fr fra fre",
    "es": "spaans spanish espanol es spa",
    "pt": "portugees portuguese portugues pt por",
    "it": "italiaans italian italiano it ita",
    "ro": "roemeens romanian romana ro ron rum",
    "bg": "bulgaars bulgarian bg bul",
    "ru": "russisch russian ru rus русский",
    "so": "somalisch somali soomaali so som",
    "ti": "tigrinya tigrinia tigrinja tigrinyaans ti tir",
    "am": "amhaars amharic am amh",
    "fa": "farsi perzisch persian dari fa fas per",
    "ps": "pashto pasjtoe ps pus",
    "ku": "koerdisch kurdish kurdi ku kur",
    "zh": "chinees chinese mandarijn mandarin kantonees cantonese zh zho chi",
    "ber": "berbers berber tamazight riffijns tarifit ber",
    "pap": "papiaments papiamentu papiamento pap",
    "srn": "sranantongo sranan surinaams srn",
    "hi": "hindi hi hin",
    "ur": "urdu ur urd",
    "sq": "albanees albanian shqip sq sqi alb",
    "bs": "bosnisch bosnian bs bos",
    "hr": "kroatisch croatian hr hrv",
    "sr": "servisch serbian sr srp",
    "hu": "hongaars hungarian magyar hu hun",
    "el": "grieks greek el ell gre",
    "vi": "vietnamees vietnamese vi vie",
    "fy": "fries frisian frysk fy fry",
    "lt": "litouws lithuanian lt lit",
    "lv": "lets latvian lv lav",
    "cs": "tsjechisch czech cs ces cze",
    "sk": "slowaaks slovak sk slk slo",
    "he": "hebreeuws hebrew he heb",
    "id": "indonesisch indonesian id ind",
    "tl": "tagalog filipijns filipino tl tgl",
    "th": "thai thais th tha",
    "ja": "japans japanese ja jpn",
    "ko": "koreaans korean ko kor",
}
LANGUAGE_NAMES = {name: code for code, names in _LANGUAGES.items() for name in names.split()} | {
    "marokkaans arabisch": "ar"
}


def language_code(value: str) -> str | None:
    """'Turks', 'Türkçe', 'tr', 'TR-tr' → 'tr'; '' → the default; unknown → None."""
    text = clean(value).casefold()
    if not text:
        return DEFAULT_LANGUAGE
    if text in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text]
    key = plain(text)
    base = re.split(r"[ _-]", key)[0] if key else ""
    return LANGUAGE_NAMES.get(key) or LANGUAGE_NAMES.get(base if len(base) <= 3 else "")


# --- drafts ---------------------------------------------------------------------------------


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
                header = _header(self._headers, column)
                message = f"the column {header!r} holds a formula; give plain text instead"
                problems.append(_problem("formula", self.number, message, column=header))
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
        result.errors.append(_problem("no_rows", 0, "the file has no rows below its header"))
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
        result.notes.append(_problem("unknown_language", row.number, message, value=value))
        return DEFAULT_LANGUAGE
    return code


def _email(row: _Row, name: str, result: ImportResult) -> str:
    email = normal_email(row.get(name))
    if email and not is_email(email):
        message = f"{row.get(name)!r} is not an e-mail address"
        result.errors.append(_problem("bad_email", row.number, message, value=row.get(name)))
    elif not email.partition("@")[0].isascii():
        # Mail to such an address needs a server with SMTPUTF8; many lack it.
        message = (
            f"{email!r} has accented letters before the @: not every mail server can send to it"
        )
        result.notes.append(_problem("accented_email", row.number, message, value=email))
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
        result.errors.append(_problem("no_pupil", row.number, "the pupil's name is empty"))
        return None
    found = _row_carers(row, pupil.key, result)
    if len(result.errors) > before:
        return None
    if not found:
        message = "no carer: give the carer's name or e-mail"
        result.errors.append(_problem("no_carer", row.number, message))
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
        result.notes.append(_problem("duplicate", number, message, first=first))


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
            result.notes.append(_problem("duplicate", row.number, message, first=first))
            continue
        result.staff.append(member)


def _staff(row: _Row, result: ImportResult) -> StaffDraft | None:
    first, last = split_name(row.get("name"))
    first = row.get("first_name") or first
    last = join_name(row.get("infix"), row.get("last_name")) or last
    email = _email(row, "email", result)
    if not (first or last):
        result.errors.append(_problem("no_name", row.number, "the name is empty"))
    if not email:
        result.errors.append(_problem("no_email", row.number, "the e-mail address is empty"))
    facilitates = yes_no(row.get("can_facilitate"))
    if facilitates is None:
        value = row.get("can_facilitate")
        message = f"{value!r} is not yes or no"
        result.errors.append(_problem("bad_yes_no", row.number, message, value=value))
    if not (first or last) or not email or facilitates is None:
        return None
    mentor_of = class_list(row.get("mentor_of"))
    function = row.get("function")
    return StaffDraft(
        first, last, email, row.get("phone"), function, facilitates, mentor_of, row.number
    )
