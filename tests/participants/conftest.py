"""Nasty real-world export files, built byte by byte, and a meeting to import them into."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from eventkit.models import Event

MAGISTER_HEADERS = ["Leerlingnummer", "Roepnaam", "Achternaam", "Klas", "Leerjaar",
                    "Naam ouder/verzorger", "E-mail ouder", "Telefoon", "Thuistaal"]  # fmt: skip

# One row per (carer, child): Şükrü has two children; Eva has two carers.
MAGISTER_ROWS = [
    ["1001", "Zoë", "Müller", "2B", "2", "Şükrü Yılmaz", "SUKRU@example.nl", "0612345678", "Turks"],
    ["1002", "Eva", "Yılmaz", "3A", "3", "Şükrü Yılmaz", "sukru@example.nl", "0612345678", "Turks"],
    ["1002", "Eva", "Yılmaz", "3A", "3", "Ayşe Yılmaz", "ayse@example.nl", "", "Turks"],
    ["1003", "Daan", "de Vries", "2B", "2", "Petra de Vries", "petra@example.nl", "", "Nederlands"],
]  # fmt: skip


def csv_bytes(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    blank_lines: Sequence[int] = (),
) -> bytes:
    """A CSV as Excel writes it (CRLF); blank_lines: insert an empty line before these rows."""
    lines = [delimiter.join(headers)]
    for index, row in enumerate(rows):
        if index in blank_lines:
            lines.append("")
        lines.append(delimiter.join(_quoted(cell, delimiter) for cell in row))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _quoted(cell: str, delimiter: str) -> str:
    if delimiter in cell or '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def xlsx_bytes(headers: Sequence[Any], rows: Sequence[Sequence[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def magister_csv() -> bytes:
    return csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS, blank_lines=[2])


@pytest.fixture(autouse=True)
def import_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Uploads of a test go to its own folder, never to the checkout's instance folder."""
    folder = tmp_path / "imports"
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["EVENTKIT_IMPORT_DIR"] = str(folder)
    return folder


@pytest.fixture
def event(make_event: Callable[..., Event]) -> Event:
    return make_event()
