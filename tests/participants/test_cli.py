"""`eventkit import participants EVENT_ID FILE`: exit codes, row errors on stderr, dry runs."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from flask import Flask
from sqlalchemy import func, select

from eventkit.extensions import db
from eventkit.models import Event, Household, Participant, Pupil

from .conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes, xlsx_bytes


def run(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(args=["import", "participants", *args])


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_a_magister_csv(app: Flask, event: Event, tmp_path: Path) -> None:
    path = write(tmp_path, "export.csv", csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    result = run(app, str(event.id), path)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Imported 2 households (2 new); carers: 3 new, 0 updated, 0 unchanged; "
        "pupils: 3 new, 0 updated, 0 unchanged.\n"
    )
    assert (count(Household), count(Pupil), count(Participant)) == (2, 3, 3)
    again = run(app, str(event.id), path)
    assert "carers: 0 new, 0 updated, 3 unchanged" in again.stdout


def test_dry_run_saves_nothing(app: Flask, event: Event, tmp_path: Path) -> None:
    path = write(tmp_path, "export.xlsx", xlsx_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    result = run(app, str(event.id), path, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("Would import 2 households (2 new)")
    assert count(Participant) == 0


def test_bad_rows_exit_1_with_the_row_errors_on_stderr(
    app: Flask, event: Event, tmp_path: Path
) -> None:
    rows = [list(r) for r in MAGISTER_ROWS]
    rows[0][1] = '=HYPERLINK("http://x","klik")'
    rows[3][6] = "petra(at)example.nl"
    path = write(tmp_path, "export.csv", csv_bytes(MAGISTER_HEADERS, rows, blank_lines=[3]))
    result = run(app, str(event.id), path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "export.csv: row 2: the column 'Roepnaam' holds a formula; give plain text instead",
        "export.csv: row 6: 'petra(at)example.nl' is not an e-mail address",
        "Nothing was imported.",
    ]
    assert count(Participant) == 0


def test_missing_column_and_unreadable_files(app: Flask, event: Event, tmp_path: Path) -> None:
    path = write(tmp_path, "k.csv", csv_bytes(["Klas", "E-mail ouder"], [["2B", "a@x.nl"]]))
    result = run(app, str(event.id), path)
    assert result.exit_code == 1
    assert "required column missing: the pupil's name" in result.stderr
    junk = write(tmp_path, "foto.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 10)
    result = run(app, str(event.id), junk)
    assert result.exit_code == 1
    assert "foto.csv: this is neither a CSV nor an Excel (.xlsx) file" in result.stderr
    assert run(app, "999", path).exit_code == 1


def test_mapping_option_and_notes(app: Flask, event: Event, tmp_path: Path) -> None:
    row = ["Daan", "5", "Petra", "p@x.nl"]
    data = csv_bytes(["Telg", "Groep", "Ouder", "Mail"], [row, row])
    path = write(tmp_path, "x.csv", data)
    result = run(
        app, str(event.id), path, "--mapping", "Telg=pupil_name", "--mapping", "mail=email"
    )
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr == "note: x.csv: row 3: the same carer and child as row 2; merged into one\n"
    )
    person = db.session.scalars(select(Participant)).one()
    assert (person.email, person.household.pupils[0].class_name) == ("p@x.nl", "5")
    bad = run(app, str(event.id), path, "--mapping", "Telg=shoe_size")
    assert bad.exit_code == 2 and "unknown field 'shoe_size'" in bad.stderr


def test_staff_from_the_command_line(app: Flask, event: Event, tmp_path: Path) -> None:
    row = ["Jan de Boer", "jan@school.nl", "teamleider", "ja"]
    data = csv_bytes(["Naam", "E-mail", "Functie", "Gespreksleider"], [row], delimiter=",")
    result = run(app, str(event.id), write(tmp_path, "staff.csv", data), "--kind", "staff")
    assert result.stdout == "Imported 1 staff: 1 new, 0 updated, 0 unchanged.\n"
