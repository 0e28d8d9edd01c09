"""Reading export files: separators, encodings, blank lines, row numbers, .xlsx, junk."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from eventkit.participants.readers import ReadError, read, sniff

from .conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes, xlsx_bytes


def test_utf8_bom_semicolons_and_blank_lines_keep_spreadsheet_row_numbers(
    magister_csv: bytes,
) -> None:
    assert magister_csv.startswith(b"\xef\xbb\xbf")
    sheet = read(magister_csv, "export.csv")
    assert sheet.headers == tuple(MAGISTER_HEADERS)  # no BOM left on the first header
    assert sheet.header_row == 1
    # The blank line is row 4 in Excel; the rows after it keep their numbers.
    assert [row.number for row in sheet.rows] == [2, 3, 5, 6]
    assert sheet.rows[0].cells[1:3] == ("Zoë", "Müller")
    assert sheet.rows[0].cells[5] == "Şükrü Yılmaz"


def test_windows_1252_holds_zoe_and_muller() -> None:
    data = csv_bytes(["Leerling", "Naam ouder"], [["Zoë Müller", "Françoise Müller"]],
                     encoding="cp1252")  # fmt: skip
    assert b"Zo\xeb" in data  # ë as the single byte cp1252 gives it
    sheet = read(data, "ansi.csv")
    assert sheet.rows[0].cells == ("Zoë Müller", "Françoise Müller")


def test_sukru_cannot_be_windows_1252_so_excel_writes_a_question_mark() -> None:
    # Ş is not in Windows-1252: Excel's "CSV (separated)" save turns it into '?'.
    with pytest.raises(UnicodeEncodeError):
        "Şükrü".encode("cp1252")
    data = "Leerling;Naam ouder\r\nEmre;Şükrü\r\n".encode("cp1252", errors="replace")
    assert read(data).rows[0].cells == ("Emre", "?ükrü")
    # In UTF-8 (with or without BOM) it arrives whole.
    for encoding in ("utf-8", "utf-8-sig"):
        data = "Leerling;Naam ouder\r\nEmre;Şükrü\r\n".encode(encoding)
        assert read(data).rows[0].cells == ("Emre", "Şükrü")


def test_excel_unicode_text_is_utf16_with_tabs() -> None:
    data = "Leerling\tNaam ouder\r\nZoë\tŞükrü\r\n".encode("utf-16")
    assert read(data, "export.txt").rows[0].cells == ("Zoë", "Şükrü")


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("Leerling;Klas;Naam ouder", ";"),
        ("Leerling,Klas,Naam ouder", ","),
        ("Leerling\tKlas\tNaam ouder", "\t"),
        ('"Naam, ouder";Klas;Leerling', ";"),
        ("Leerling", ","),
    ],
)
def test_sniff_separator(header: str, delimiter: str) -> None:
    assert sniff(["", header + "\r\n", "a,b,c;d\r\n"]) == delimiter


def test_quoted_cells_may_hold_the_separator_and_line_breaks() -> None:
    data = b'Leerling,Naam ouder\r\n"Jansen, Daan","Petra\r\nJansen"\r\nEva,Kees\r\n'
    sheet = read(data)
    assert [row.cells for row in sheet.rows] == [
        ("Jansen, Daan", "Petra\r\nJansen"),
        ("Eva", "Kees"),
    ]
    assert [row.number for row in sheet.rows] == [2, 3]


def test_blank_lines_before_the_header_and_excel_sep_hint() -> None:
    sheet = read(b"\r\n;;\r\nLeerling;Klas\r\nDaan;2B\r\n")
    assert (sheet.headers, sheet.header_row, sheet.rows[0].number) == (("Leerling", "Klas"), 3, 4)
    hinted = read(b"sep=,\r\nLeerling,Klas\r\nDaan;x,2B\r\n")
    assert hinted.rows[0].cells == ("Daan;x", "2B")
    assert hinted.rows[0].number == 2


def test_trailing_empty_columns_are_dropped() -> None:
    sheet = read(b"Leerling;Klas;;;\r\nDaan;2B;;;\r\n")
    assert sheet.headers == ("Leerling", "Klas")


def test_xlsx_numbers_dates_and_formula_cells() -> None:
    data = xlsx_bytes(
        ["Leerlingnummer", "Roepnaam", "Leerjaar", "Geboren", "Naam ouder"],
        [
            [1001, "Zoë", 2.0, date(2012, 3, 1), "Şükrü Yılmaz"],
            [None, None, None, None, None],
            [1002, '=HYPERLINK("http://x","klik")', 3, None, "Ayşe"],
        ],
    )
    sheet = read(data, "export.xlsx")
    assert sheet.headers[1] == "Roepnaam"
    assert [row.number for row in sheet.rows] == [2, 4]
    assert sheet.rows[0].cells == ("1001", "Zoë", "2", "2012-03-01", "Şükrü Yılmaz")
    # A formula arrives as its formula text, so the row check can reject it.
    assert sheet.rows[1].cells[1] == '=HYPERLINK("http://x","klik")'


def test_xlsx_skips_an_empty_first_sheet() -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Leeg"
    book.create_sheet("Export").append(["Leerling", "Klas"])
    book["Export"].append(["Daan", "2B"])
    out = io.BytesIO()
    book.save(out)
    assert read(out.getvalue()).rows[0].cells == ("Daan", "2B")


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "leeg.csv", "empty"),
        (b"  \r\n", "leeg.csv", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "oud.xls", "old_excel"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "foto.csv", "not_a_table"),
        (_zip(), "export.xlsx", "bad_xlsx"),
        (b"\x81\x8d\x8f\x90\x9d" * 3, "x.csv", "encoding"),
    ],
)
def test_files_that_are_not_tables(data: bytes, name: str, code: str) -> None:
    with pytest.raises(ReadError) as caught:
        read(data, name)
    assert caught.value.code == code


def test_the_magister_rows_survive_xlsx_too() -> None:
    sheet = read(xlsx_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    assert [list(row.cells) for row in sheet.rows] == MAGISTER_ROWS
