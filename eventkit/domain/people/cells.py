"""Cell values of an import: cleaning, names, e-mail, yes/no, class lists, and spreadsheet
formulas that must never reach an export."""

from __future__ import annotations

import re
import unicodedata

from ..text import without_controls

_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def plain(text: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("\ufeff", "").casefold().translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text).strip()


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
