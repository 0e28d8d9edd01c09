"""Spreadsheet files from school administration systems → a `Sheet` of plain strings.

CSV comes comma, semicolon or tab separated (Dutch Excel writes semicolons), in UTF-8
with or without a byte order mark, in Windows-1252 (older exports), or as Excel's
"Unicode text" (UTF-16 with a BOM, tab separated). An .xlsx is read with openpyxl; its
formula cells arrive as their formula text ("=HYPERLINK(…)") so the row check rejects
them, instead of silently taking a cached value the user never saw as data.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import Any

from ..domain.agenda import DomainError
from ..domain.people import Sheet, SheetRow, clean
from ..domain.text import without_controls

# Limits, checked while reading (rows, columns, cells) or before it (the .xlsx package), so
# a hostile or broken file is refused with its limit named, in bounded time and memory.
MAX_ROWS = 20_000
MAX_SHEET_ROWS = 2 * MAX_ROWS  # row numbers, blank rows included
MAX_COLUMNS = 200
MAX_CELL = 2000  # characters
MAX_FILE = 5 * 1024 * 1024  # bytes, as uploaded
MAX_UNPACKED = 50 * 1024 * 1024  # bytes, all parts of an .xlsx unpacked together
MAX_RATIO = 100  # unpacked / packed, for parts above RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MB = 1024 * 1024
DELIMITERS = (";", "\t", ",")  # on a tie the first wins: a Dutch header rarely holds ';'
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class ReadError(DomainError):
    """A file that cannot be read as a table; `code` picks the message."""


def read(data: bytes, filename: str = "") -> Sheet:
    """The first sheet of an .xlsx, or a CSV/text table; ReadError when it is neither."""
    if not data.strip():
        raise ReadError("empty", "the file is empty")
    if len(data) > MAX_FILE:
        raise ReadError("too_large", f"larger than {MAX_FILE // MB} MB", limit=MAX_FILE // MB)
    if data.startswith(OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise ReadError("old_excel", "old Excel file (.xls): save it as .xlsx or CSV")
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    return read_csv(data)


def decode(data: bytes) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _binary(data):
        raise ReadError("not_a_table", "this is neither a CSV nor an Excel (.xlsx) file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ReadError("encoding", "unknown text encoding: save as CSV UTF-8") from error


def read_csv(data: bytes) -> Sheet:
    text = decode(data)
    lines = text.splitlines(keepends=True)
    first = lines[0].strip().lower() if lines else ""
    if first.startswith("sep=") and len(first) == 5:
        # Excel's "sep=;" hint line: Excel hides it, so the header is row 1 after it.
        delimiter, lines = first[4], lines[1:]
    else:
        delimiter = sniff(lines)
    reader = csv.reader(io.StringIO("".join(lines), newline=""), delimiter=delimiter)
    try:
        return _sheet((number, row) for number, row in enumerate(reader, start=1))
    except csv.Error as error:
        raise ReadError("bad_csv", f"the CSV file is damaged: {error}", detail=str(error)) from None


def _binary(data: bytes) -> bool:
    """Control bytes (other than tab and line ends) mark a picture, a PDF, a program …"""
    sample = data[:2000]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\r\n\t")
    return controls > len(sample) // 50


def sniff(lines: Sequence[str]) -> str:
    """The separator of the first non-empty line (the header): the most frequent of ; tab ,"""
    header = next((line for line in lines if line.strip()), "")
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def check_package(data: bytes) -> None:
    """Refuse an .xlsx that would unpack to too much (a zip bomb) before openpyxl opens it.
    The sizes come from the zip directory; zipfile never inflates a part beyond them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ReadError("bad_xlsx", "this Excel file cannot be read") from error
    if sum(part.file_size for part in parts) > MAX_UNPACKED:
        message = f"unpacks to more than {MAX_UNPACKED // MB} MB"
        raise ReadError("too_large_unpacked", message, limit=MAX_UNPACKED // MB)
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * part.compress_size:
            raise ReadError("packed_tightly", "packed suspiciously tightly", limit=MAX_RATIO)


def read_xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_package(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise ReadError("bad_xlsx", "this Excel file cannot be read") from error
    try:
        found = Sheet((), ())
        for sheet in book.worksheets:
            found = _read_sheet(sheet)
            if found.headers:
                break
        return found
    finally:
        book.close()


def _read_sheet(sheet: Any) -> Sheet:
    # The sheet's own claim of its size (up to XFD1048576) is not trusted: rows are read as
    # they come, one column past the limit to see it crossed.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    try:
        return _sheet((n, _row_text(row)) for n, row in enumerate(rows, 1))
    finally:
        rows.close()  # before the workbook closes its file


def _row_text(row: tuple[Any, ...]) -> list[str]:
    """The row's cells as text, without the empty cells after the last value."""
    if row.count(None) == len(row):  # the common blank row, at C speed
        return []
    last = len(row)
    while row[last - 1] is None:
        last -= 1
    return [cell_text(v) for v in row[:last]]


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: 12345 not 12345.0, dates as 2025-03-01."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    text = getattr(value, "text", value)  # openpyxl's ArrayFormula keeps its formula in .text
    return str(text)


def _sheet(numbered: Iterable[tuple[int, Sequence[str]]]) -> Sheet:
    """The first non-empty row is the header; empty rows are skipped, numbers kept."""
    headers: tuple[str, ...] = ()
    header_row = 1
    rows: list[SheetRow] = []
    for number, cells in numbered:
        _within_limits(number, cells)
        if not any(clean(cell) for cell in cells):
            continue
        if not headers:
            headers, header_row = tuple(clean(c) for c in cells), number
            continue
        # No bidi overrides or control characters, not even in the preview of the file.
        rows.append(SheetRow(number, tuple(without_controls(c, keep_lines=True) for c in cells)))
        if len(rows) > MAX_ROWS:
            raise ReadError("too_many_rows", f"more than {MAX_ROWS} rows", limit=MAX_ROWS)
    return Sheet(_trim(headers, rows), tuple(rows), header_row)


def _within_limits(number: int, cells: Sequence[str]) -> None:
    if number > MAX_SHEET_ROWS:
        raise ReadError("too_many_rows", f"more than {MAX_ROWS} rows", limit=MAX_ROWS)
    if len(cells) > MAX_COLUMNS and any(cell.strip() for cell in cells[MAX_COLUMNS:]):
        message = f"more than {MAX_COLUMNS} columns"
        raise ReadError("too_many_columns", message, limit=MAX_COLUMNS)
    if any(len(cell) > MAX_CELL for cell in cells):
        message = f"row {number} has a cell longer than {MAX_CELL} characters"
        raise ReadError("cell_too_long", message, row=number, limit=MAX_CELL)


def _trim(headers: tuple[str, ...], rows: Sequence[SheetRow]) -> tuple[str, ...]:
    """Drop trailing columns that have neither a header nor a value."""

    def used(column: int) -> bool:
        named = column < len(headers) and bool(headers[column])
        return named or any(clean(row.cell(column)) for row in rows)

    width = max([len(headers)] + [len(r.cells) for r in rows]) if headers else 0
    while width and not used(width - 1):
        width -= 1
    return tuple(headers[i] if i < len(headers) else "" for i in range(width))
