"""Spreadsheet limits, checked before the file is parsed in full: a clear message that names
the limit, quickly, and nothing saved. Each case is one found in a probe of the upload."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook

from eventkit.models import Event
from eventkit.participants import readers
from eventkit.participants.readers import ReadError, read

from .test_pages import text


def workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_sheet(data: bytes, change) -> bytes:
    """The same .xlsx with its first sheet's XML changed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            target.writestr(item.filename, body)
    return out.getvalue()


def upload_in_memory(client: FlaskClient, event: Event, data: bytes, name: str):
    """The upload form posted as one multipart body in memory (the test client would spool a
    large file to a temporary file it never closes)."""
    boundary = "eventkit-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nauto\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        f"/events/{event.id}/participants/import",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


SMALL = [["Roepnaam", "Achternaam", "Naam ouder", "E-mail ouder"],
         ["Zoë", "Müller", "Şükrü Yılmaz", "sukru@example.nl"]]  # fmt: skip


def claims_the_whole_sheet() -> bytes:
    """A small file whose sheet says it is XFD1048576 big, with one cell out there."""

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    return rewrite_sheet(workbook(SMALL), change)


def many_columns() -> bytes:
    """As many columns as Excel allows and more than anyone needs (the probe had 20 000)."""
    return workbook([[f"kolom {n}" for n in range(16_000)], ["x"] * 16_000])


def packed_tightly() -> bytes:
    """A sheet padded with 60 MB of spaces: a few hundred KB packed."""
    padding = b" " * 60_000_000
    return rewrite_sheet(
        workbook(SMALL), lambda xml: xml.replace(b"</sheetData>", padding + b"</sheetData>")
    )


CASES = {
    "claims XFD1048576": (claims_the_whole_sheet, "too_many_rows", "more than 20000 rows"),
    "16 000 columns (xlsx)": (many_columns, "too_many_columns", "more than 200 columns"),
    "a zip bomb": (packed_tightly, "too_large_unpacked", "50 MB"),
    "400 000 columns (csv)": (lambda: (";".join(["x"] * 400_000) + "\r\n").encode() * 6,
                              "too_many_columns", "more than 200 columns"),
    "a cell of 5000 characters": (lambda: ("Naam;Klas\r\n" + "a" * 5000 + ";2B\r\n").encode(),
                                  "cell_too_long", "longer than 2000 characters"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_reader_refuses_quickly_naming_the_limit(case: str) -> None:
    make, code, _message = CASES[case]
    data = make()
    started = time.monotonic()
    with pytest.raises(ReadError) as refused:
        read(data, "export.xlsx" if data.startswith(b"PK") else "export.csv")
    assert time.monotonic() - started < 5
    assert refused.value.code == code


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_upload_says_which_limit_and_saves_nothing(
    app: Flask,
    english: FlaskClient,
    signed_in: FlaskClient,
    event: Event,
    tmp_path: Path,
    case: str,
) -> None:
    make, _code, message = CASES[case]
    folder = tmp_path / "imports"
    app.config["EVENTKIT_IMPORT_DIR"] = str(folder)
    data = make()
    name = "export.xlsx" if data.startswith(b"PK") else "export.csv"
    response = upload_in_memory(signed_in, event, data, name)
    assert response.status_code == 200
    assert message in text(response.text)
    assert not folder.exists() or not any(folder.iterdir())


def test_a_normal_file_still_reads() -> None:
    sheet = read(workbook(SMALL), "export.xlsx")
    assert sheet.headers == tuple(SMALL[0]) and sheet.rows[0].cells == tuple(SMALL[1])
    assert readers.MAX_COLUMNS == 200 and readers.MAX_CELL == 2000
