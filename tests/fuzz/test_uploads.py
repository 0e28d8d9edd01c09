"""Fuzz every upload: the participants import, the run-sheet base document, the school
logo and the agenda template file get random bytes, truncated spreadsheets and documents,
CSV in odd encodings and odd file names. No answer may be a 500."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from docx import Document
from flask import Flask, g
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from eventkit.models import Event

CSV = (
    "Voornaam;Achternaam;Groep;E-mail\nAmina;El Idrissi;2B;amina@home.example\nJürgen;Şahin;2C;x\n"
)


def xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Voornaam", "Achternaam", "Groep"])
    sheet.append(["Amina", "El Idrissi", "2B"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
WHOLE = {"xlsx": xlsx(), "docx": docx(), "png": PNG}
ENCODED = [CSV.encode(codec) for codec in ("utf-16", "utf-16-be", "iso8859-9", "cp1254",
                                            "utf-8-sig", "utf-32")]  # fmt: skip
ODD = [b"", b"\x00" * 100, CSV.encode() + b"\x00\xff\xfe", b"\xef\xbb\xbf", b"PK\x03\x04",
       b"{\"name\": [1, 2]}", b"[]", b"null", "é".encode() * 3000]  # fmt: skip


@st.composite
def payload(draw: st.DrawFn) -> bytes:
    """Whole files cut short, files in odd encodings, or random bytes."""
    kind = draw(st.sampled_from(["cut", "encoded", "odd", "random"]))
    if kind == "cut":
        whole = WHOLE[draw(st.sampled_from(sorted(WHOLE)))]
        return whole[: draw(st.integers(0, len(whole) - 1))]
    if kind == "encoded":
        return draw(st.sampled_from(ENCODED))
    if kind == "odd":
        return draw(st.sampled_from(ODD))
    return draw(st.binary(max_size=3000))


NAMES = st.sampled_from(["ouders.csv", "ouders.xlsx", "basis.docx", "logo.png", "logo.svg",
                         "sjabloon.json", "", "../../etc/passwd", "a" * 300 + ".csv",
                         "naam\u202egpj.csv", "bestand", ".xlsx", "x.XLSX"])  # fmt: skip


def uploads(event: Event) -> list[tuple[str, str, dict[str, str]]]:
    """(URL, the file field's name, other fields) of every upload form."""
    return [
        (f"/events/{event.id}/participants/import", "file", {"kind": "auto"}),
        (f"/events/{event.id}/agenda/import", "file", {}),
        ("/school/runsheet-template", "file", {}),
        ("/school/logo", "logo", {}),
    ]


@pytest.fixture
def meeting_of(make_event: Callable[..., Any]) -> Event:
    event: Event = make_event()
    return event


@pytest.mark.slow
def test_no_upload_answers_500_to_odd_files(
    app: Flask, signed_in: FlaskClient, meeting_of: Event
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = True  # a 500 shows its traceback
    # the harness posts real uploads: a whole spreadsheet reaches the import's preview
    whole = {"kind": "auto", "file": (io.BytesIO(WHOLE["xlsx"]), "ouders.xlsx")}
    answer = signed_in.post(f"/events/{meeting_of.id}/participants/import", data=whole)
    assert answer.status_code == 302 and "/participants/import/" in answer.location
    for url, name, extra in uploads(meeting_of):
        fuzz_upload(signed_in, url, name, extra)


def fuzz_upload(client: FlaskClient, url: str, name: str, extra: dict[str, str]) -> None:
    @settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(content=payload(), filename=NAMES)
    @example(content=WHOLE["xlsx"][:700], filename="ouders.xlsx")
    @example(content=CSV.encode("utf-16"), filename="ouders.csv")
    def post(content: bytes, filename: str) -> None:
        g.pop("_login_user", None)
        data: dict[str, Any] = {**extra, name: (io.BytesIO(content), filename)}
        answer = client.post(url, data=data, content_type="multipart/form-data")
        answer.close()
        assert answer.status_code < 500, (url, filename, content[:80])

    post()
