"""The school's own texts for parents, per language, and the translation round's sheet.

The team writes a meeting's title, goal and closing words, and each theme's title,
description and questions, in Dutch. Colleagues or parent volunteers translate them in a
spreadsheet: one row per text (an id, what it is, the Dutch text), one column per parent
language. An upload is checked as a whole: one problem and nothing is saved, and every
problem names its row and column, so a volunteer can find it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .text import control_characters, strip_bidi

ID, WHAT, DUTCH = "id", "text", "nl"
MAX_LENGTH = 5000


@dataclass(frozen=True)
class SchoolText:
    """One text to translate: `key` ("title", "theme.12.question.0"), what it is for the
    translator, the Dutch text, and its translations (code -> text)."""

    key: str
    what: str
    dutch: str
    translations: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    row: int  # 1-based, as the spreadsheet shows it
    column: str  # the column's heading (a language code, or "id")
    code: str  # unknown_id, changed_dutch, formula, control, too_long, twice, no_id_column,
    # unknown_language, no_rows
    value: str = ""


@dataclass(frozen=True)
class Upload:
    """The checked upload: (key, language) -> text ("" clears it), or the problems."""

    values: Mapping[tuple[str, str], str]
    problems: tuple[Problem, ...]


def header(languages: Sequence[str]) -> list[str]:
    return [ID, WHAT, DUTCH, *languages]


def sheet_rows(texts: Sequence[SchoolText], languages: Sequence[str]) -> list[list[str]]:
    """The rows below the header: id, what, Dutch, then one cell per language."""
    return [
        [t.key, t.what, t.dutch, *(t.translations.get(code, "") for code in languages)]
        for t in texts
    ]


Row = tuple[int, Sequence[str]]  # (row number as the spreadsheet shows it, cells)


def read_sheet(
    headers: Sequence[str],
    rows: Sequence[Row],
    texts: Sequence[SchoolText],
    offered: Sequence[str],
) -> Upload:
    """Check a filled-in sheet against the texts it was made from."""
    if not headers or not rows:
        return Upload({}, (Problem(1, ID, "no_rows"),))
    head = [_cell(c).lower() for c in headers]
    if ID not in head:
        return Upload({}, (Problem(1, ID, "no_id_column"),))
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for number, name in enumerate(head):
        if name in (ID, WHAT, DUTCH, ""):
            continue
        if name not in offered:
            problems.append(Problem(1, name, "unknown_language", name))
        elif name in columns:
            problems.append(Problem(1, name, "twice", name))
        else:
            columns[name] = number
    known = {t.key: t for t in texts}
    values: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    for row_number, row in rows:
        cells = [_cell(c) for c in row]
        key = cells[head.index(ID)] if head.index(ID) < len(cells) else ""
        if not key and not any(cells):
            continue
        text = known.get(key)
        if text is None or key in seen:
            problems.append(Problem(row_number, ID, "unknown_id" if text is None else "twice", key))
            continue
        seen.add(key)
        problems += _dutch_unchanged(row_number, cells, head, text)
        for code, number in columns.items():
            raw = row[number] if number < len(row) else None
            value, problem = _checked(raw, row_number, code)
            if problem:
                problems.append(problem)
            else:
                values[(key, code)] = value
    return Upload({} if problems else values, tuple(problems))


def _dutch_unchanged(
    row_number: int, cells: Sequence[str], head: Sequence[str], text: SchoolText
) -> list[Problem]:
    """A translation of an older Dutch text would say something else: download again."""
    if DUTCH not in head or head.index(DUTCH) >= len(cells):
        return []
    if _same(cells[head.index(DUTCH)], text.dutch):
        return []
    return [Problem(row_number, DUTCH, "changed_dutch", text.key)]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _checked(raw: object, row_number: int, code: str) -> tuple[str, Problem | None]:
    value = strip_bidi(_cell(raw))
    if isinstance(raw, str) and raw.lstrip().startswith("="):
        return "", Problem(row_number, code, "formula")
    if control_characters(value, multiline=True):
        return "", Problem(row_number, code, "control")
    if len(value) > MAX_LENGTH:
        return "", Problem(row_number, code, "too_long", str(MAX_LENGTH))
    return value.strip(), None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()
