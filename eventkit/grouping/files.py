"""The file contract of table grouping: PEOPLE.csv and TABLES.csv in, result JSON out.

PEOPLE.csv columns: id,name,role,household,year,class,language,themes,facilitator,mentor_of
  role is parent|staff|student; themes are theme ids in order of preference separated by
  "|" (may be empty); facilitator is 1 or 0 (empty means 0); mentor_of lists class names
  separated by "|".
TABLES.csv columns: id,theme,min,max

Files are UTF-8 (a BOM from Excel is fine); a header that uses ";" instead of "," is
read with ";". Every error names the file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from eventkit.domain.grouping import ROLES, Person, Result, Role, Table

PEOPLE_COLUMNS = (
    "id",
    "name",
    "role",
    "household",
    "year",
    "class",
    "language",
    "themes",
    "facilitator",
    "mentor_of",
)
TABLE_COLUMNS = ("id", "theme", "min", "max")
FLAGS = {"1": True, "0": False, "": False}
ROLE_NAMES: dict[str, Role] = {role: role for role in ROLES}

T = TypeVar("T")


class InputFileError(ValueError):
    """A PEOPLE.csv or TABLES.csv problem, with file, row and column in the message."""


class _Row:
    def __init__(self, source: str, line: int, values: dict[str, str]) -> None:
        self.source, self.line, self.values = source, line, values

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def fail(self, column: str, problem: str) -> InputFileError:
        return InputFileError(f"{self.source} row {self.line}, column '{column}': {problem}")


def _rows(text: str, source: str, columns: tuple[str, ...]) -> Iterator[_Row]:
    text = text.removeprefix("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header and "," not in header else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    found = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in columns if c not in found]
    if missing:
        raise InputFileError(f"{source}: missing column(s) {', '.join(missing)} in the header")
    reader.fieldnames = found
    for values in reader:
        if any((v or "").strip() for v in values.values() if isinstance(v, str)):
            yield _Row(source, reader.line_num, values)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _unique_ids(rows: list[_Row]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        ident = row.get("id")
        if not ident:
            raise row.fail("id", "empty id")
        if ident in first:
            raise row.fail("id", f"duplicate id {ident!r} (first on row {first[ident]})")
        first[ident] = row.line


def _person(row: _Row) -> Person:
    role = row.get("role").lower()
    if role not in ROLE_NAMES:
        raise row.fail("role", f"{role!r} is not one of {', '.join(ROLES)}")
    flag = row.get("facilitator")
    if flag not in FLAGS:
        raise row.fail("facilitator", f"expected 1 or 0, got {flag!r}")
    themes = _split(row.get("themes"))
    if len(set(themes)) < len(themes):
        raise row.fail("themes", f"a theme is listed twice in {row.get('themes')!r}")
    return Person(
        id=row.get("id"),
        name=row.get("name"),
        role=ROLE_NAMES[role],
        household=row.get("household"),
        year=row.get("year"),
        klass=row.get("class"),
        language=row.get("language").lower(),
        themes=themes,
        facilitator=FLAGS[flag],
        mentor_of=_split(row.get("mentor_of")),
    )


def _int(row: _Row, column: str) -> int:
    value = row.get(column)
    try:
        return int(value)
    except ValueError:
        raise row.fail(column, f"expected a whole number, got {value!r}") from None


def _table(row: _Row) -> Table:
    low, high = _int(row, "min"), _int(row, "max")
    if not row.get("theme"):
        raise row.fail("theme", "empty theme")
    if low < 1:
        raise row.fail("min", f"must be at least 1, got {low}")
    if high < low:
        raise row.fail("max", f"must be at least min ({low}), got {high}")
    return Table(id=row.get("id"), theme=row.get("theme"), min=low, max=high)


def _parse(text: str, source: str, columns: tuple[str, ...], make: Callable[[_Row], T]) -> list[T]:
    rows = list(_rows(text, source, columns))
    _unique_ids(rows)
    return [make(row) for row in rows]


def parse_people(text: str, source: str = "PEOPLE.csv") -> list[Person]:
    return _parse(text, source, PEOPLE_COLUMNS, _person)


def parse_tables(text: str, source: str = "TABLES.csv") -> list[Table]:
    tables = _parse(text, source, TABLE_COLUMNS, _table)
    if not tables:
        raise InputFileError(f"{source}: no tables")
    return tables


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputFileError(f"{path.name}: cannot read the file ({error})") from None


def read_people(path: Path) -> list[Person]:
    return parse_people(_read(path), path.name)


def read_tables(path: Path) -> list[Table]:
    return parse_tables(_read(path), path.name)


def result_json(result: Result) -> dict[str, Any]:
    """The result document: status, score, bound, tables, metrics, rules and message."""
    return {
        "status": result.status,
        "score": result.score,
        "bound": result.bound,
        "gap": result.gap,
        "tables": [
            {"id": t.id, "theme": t.theme, "members": list(t.members)} for t in result.tables
        ],
        "metrics": asdict(result.metrics),
        "rules": [asdict(check) for check in result.rules],
        "message": result.message,
    }
