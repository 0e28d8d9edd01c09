"""PEOPLE.csv / TABLES.csv parsing, the result JSON and the `solve` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventkit.grouping.cli import solve_command
from eventkit.grouping.files import InputFileError, parse_people, parse_tables

HEADER = "id,name,role,household,year,class,language,themes,facilitator,mentor_of\n"
PEOPLE = HEADER + (
    "p1,Anna,parent,h1,3,3A,nl,attendance|homework,0,\n"
    "p2,Bram,parent,h1,3,3A,NL,attendance,0,\n"
    "p3,Cem,parent,,4,4B,tr,homework|attendance,0,\n"
    "p4,Dana,parent,,5,5A,ar,,0,\n"
    "p5,Eva,parent,,3,3B,pl,homework,,\n"
    "p6,Fleur,parent,,6,6A,nl,attendance,0,\n"
    "s1,Mr Smit,staff,,,,nl,attendance,1,3A|4B\n"
    "s2,Ms Jansen,staff,,,,nl,homework,1,\n"
    "l1,Lisa,Student,,5,5A,nl,homework,0,\n"
    "l2,Mo,student,,6,6A,nl,attendance,0,\n"
)
TABLES = "id,theme,min,max\nt1,attendance,4,6\nt2,homework,4,6\n"


def test_parse_people_fields() -> None:
    people = parse_people(PEOPLE)
    assert [p.id for p in people][:3] == ["p1", "p2", "p3"]
    anna, bram, smit, lisa = people[0], people[1], people[6], people[8]
    assert anna.themes == ("attendance", "homework") and anna.household == "h1"
    assert (anna.year, anna.klass, bram.language) == ("3", "3A", "nl")
    assert smit.facilitator and smit.mentor_of == ("3A", "4B") and smit.role == "staff"
    assert lisa.role == "student" and not people[4].facilitator


def test_parse_accepts_bom_semicolons_and_blank_lines() -> None:
    text = "\ufeff" + TABLES.replace(",", ";") + "\n;;;\n"
    assert [t.id for t in parse_tables(text)] == ["t1", "t2"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x1,X,teacher,,,,,,0,", "row 2, column 'role': 'teacher' is not one of"),
        ("x1,X,parent,,,,,,yes,", "row 2, column 'facilitator': expected 1 or 0"),
        ("x1,X,parent,,,,,a|a,0,", "row 2, column 'themes': a theme is listed twice"),
        (",X,parent,,,,,,0,", "row 2, column 'id': empty id"),
    ],
)
def test_people_errors_name_row_and_column(line: str, expected: str) -> None:
    with pytest.raises(InputFileError, match=expected):
        parse_people(HEADER + line + "\n")


def test_duplicate_id_names_both_rows() -> None:
    with pytest.raises(InputFileError, match="row 3, column 'id': duplicate id 'a' .*row 2"):
        parse_people(HEADER + "a,A,parent,,,,,,0,\na,B,parent,,,,,,0,\n")


def test_missing_columns_are_named() -> None:
    with pytest.raises(InputFileError, match="missing column.*themes, facilitator"):
        parse_people("id,name,role,household,year,class,language,mentor_of\n")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("t1,a,x,4", "row 2, column 'min': expected a whole number, got 'x'"),
        ("t1,a,0,4", "row 2, column 'min': must be at least 1"),
        ("t1,a,5,4", "row 2, column 'max': must be at least min"),
        ("t1,,2,4", "row 2, column 'theme': empty theme"),
    ],
)
def test_table_errors_name_row_and_column(line: str, expected: str) -> None:
    with pytest.raises(InputFileError, match=expected):
        parse_tables("id,theme,min,max\n" + line + "\n")


@pytest.fixture
def files(tmp_path: Path):
    def write(people: str = PEOPLE, tables: str = TABLES) -> list[str]:
        (tmp_path / "PEOPLE.csv").write_text(people, encoding="utf-8")
        (tmp_path / "TABLES.csv").write_text(tables, encoding="utf-8")
        return ["--people", str(tmp_path / "PEOPLE.csv"), "--tables", str(tmp_path / "TABLES.csv")]

    return write


def test_solve_prints_result_json(files) -> None:
    result = CliRunner().invoke(solve_command, [*files(), "--mentor-apart", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["status"] == "optimal" and doc["score"] == doc["bound"]
    members = [m for table in doc["tables"] for m in table["members"]]
    assert sorted(members) == sorted(line.split(",")[0] for line in PEOPLE.splitlines()[1:])
    assert {t["id"]: t["theme"] for t in doc["tables"]} == {"t1": "attendance", "t2": "homework"}
    assert set(doc["metrics"]) >= {"first_choice_pct", "top_two_pct", "min_year_mix", "gap"}
    assert all(rule["ok"] for rule in doc["rules"])
    smit_table = next(t for t in doc["tables"] if "s1" in t["members"])
    assert not {"p1", "p2", "p3"} & set(smit_table["members"])  # mentor apart


def test_solve_summary_without_json(files) -> None:
    result = CliRunner().invoke(solve_command, [*files(), "--households", "apart"])
    assert result.exit_code == 0
    assert result.output.startswith("status: optimal")


def test_infeasible_exits_1_with_the_fix(files) -> None:
    tables = TABLES + "t3,bullying,2,4\n"
    result = CliRunner().invoke(solve_command, [*files(tables=tables), "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["status"] == "infeasible"
    assert "add 1 facilitator(s) or remove 1 table(s)" in doc["message"]


@pytest.mark.parametrize(
    ("people", "tables", "expected"),
    [
        (HEADER + "a,A,boss,,,,,,0,\n", TABLES, "PEOPLE.csv row 2, column 'role'"),
        (PEOPLE, "id,theme,min\nt1,a,1\n", "TABLES.csv: missing column(s) max"),
        (PEOPLE, "id,theme,min,max\n", "TABLES.csv: no tables"),
    ],
)
def test_bad_input_exits_2(files, people: str, tables: str, expected: str) -> None:
    result = CliRunner().invoke(solve_command, [*files(people, tables), "--json"])
    assert result.exit_code == 2
    assert expected in result.output


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.csv")
    result = CliRunner().invoke(solve_command, ["--people", missing, "--tables", missing])
    assert result.exit_code == 2
