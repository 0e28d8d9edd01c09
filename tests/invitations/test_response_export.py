"""The response overview as a download (.xlsx, CSV) from the page and the command line."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from eventkit.exports.cli import export_group


def _households(meeting, make_household) -> None:
    needs = {"interpreter": True, "interpreter_language": "ar", "childcare": True}
    make_household(
        meeting,
        carers=[("Amal Haddad", "amal@example.test")],
        answer={"answer": "yes", "adults": 2, "pupil_comes": True, "language": "ar", **needs,
                "question": "=HYPERLINK(\"http://evil\")", "accessibility": "Rolstoel"},
    )  # fmt: skip
    make_household(meeting, answer={"answer": "maybe", "adults": 1})
    make_household(meeting, children=[("Daan", "Smit", "1A", "1")])


def test_xlsx_download_from_the_responses_page(signed_in, meeting, make_household) -> None:
    _households(meeting, make_household)
    page = signed_in.get(f"/events/{meeting.id}/responses").text
    assert f"/events/{meeting.id}/responses/overview.xlsx" in page
    reply = signed_in.get(f"/events/{meeting.id}/responses/overview.xlsx")
    assert reply.status_code == 200
    assert "attachment" in reply.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(reply.data))
    answers, totals = book.worksheets
    rows = [[cell.value for cell in row] for row in answers.iter_rows()]
    header = rows[0]
    amal = next(r for r in rows if r[0] == "Amal Haddad")
    assert amal[header.index("Volwassenen")] == 2
    assert amal[header.index("Tolk")] == "Arabisch"
    assert amal[header.index("Kinderopvang")] == "ja"
    assert amal[header.index("Toegankelijkheid")] == "Rolstoel"
    assert amal[header.index("Vraag")] == '\'=HYPERLINK("http://evil")'  # stays text
    assert amal[header.index("Taal van het antwoord")] == "Arabisch"
    assert any(r[header.index("Antwoord")] == "nog geen antwoord" for r in rows)
    assert all(cell.data_type != "f" for row in answers.iter_rows() for cell in row)
    counts = {row[0].value: row[1].value for row in totals.iter_rows(min_row=2)}
    assert counts["Volwassenen (ja)"] == 2 and counts["Tolk: Arabisch"] == 1
    assert book.properties.creator == meeting.school.name


def test_csv_download_is_formula_safe(signed_in, meeting, make_household) -> None:
    _households(meeting, make_household)
    reply = signed_in.get(f"/events/{meeting.id}/responses/overview.csv")
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(reply.data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    assert all(not cell.startswith(("=", "@", "+")) for row in rows for cell in row)


def test_unknown_format_is_404(signed_in, meeting) -> None:
    assert signed_in.get(f"/events/{meeting.id}/responses/overview.pdf").status_code == 404


def test_questions_show_who_asked_and_the_language(signed_in, meeting, make_household) -> None:
    make_household(
        meeting,
        carers=[("Olena Shevchenko", "o@example.test")],
        answer={"question": "Коли батьківські збори?", "language": "uk"},
    )
    page = signed_in.get(f"/events/{meeting.id}/responses").text
    assert "Olena Shevchenko" in page and "in het Oekraïens" in page


def test_cli_writes_xlsx_and_csv(app, meeting, make_household, tmp_path) -> None:
    _households(meeting, make_household)
    runner = app.test_cli_runner()
    target = tmp_path / "antwoorden.xlsx"
    result = runner.invoke(export_group, ["responses", str(meeting.id), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert load_workbook(target).worksheets[0].max_row == 4
    as_csv = tmp_path / "antwoorden.csv"
    result = runner.invoke(export_group, ["responses", str(meeting.id), "-o", str(as_csv)])
    assert result.exit_code == 0 and as_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    result = runner.invoke(export_group, ["responses", "99999", "-o", str(target)])
    assert result.exit_code == 1
