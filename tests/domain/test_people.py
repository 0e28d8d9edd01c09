"""The import core: header aliases, row checks, normalisation, duplicates and households."""

from __future__ import annotations

import pytest

from eventkit.domain import people
from eventkit.domain.people import Kind, Sheet, SheetRow


def sheet(headers: list[str], *rows: list[str], start: int = 2) -> Sheet:
    return Sheet(
        tuple(headers), tuple(SheetRow(n, tuple(r)) for n, r in enumerate(rows, start=start))
    )


PARENT_HEADERS = ["Leerling", "Klas", "Leerjaar", "Naam ouder", "E-mail ouder", "Thuistaal"]


def parents(*rows: list[str]) -> people.ImportResult:
    return people.parse(sheet(PARENT_HEADERS, *rows), Kind.PARENTS)


# --- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "kind", "field"),
    [
        ("Leerling", Kind.PARENTS, "pupil_name"),
        ("Naam leerling", Kind.PARENTS, "pupil_name"),
        ("Voornaam leerling", Kind.PARENTS, "pupil_first_name"),
        ("Roepnaam", Kind.PARENTS, "pupil_first_name"),
        ("Tussenvoegsel", Kind.PARENTS, "pupil_infix"),
        ("Achternaam", Kind.PARENTS, "pupil_last_name"),
        ("Leerlingnummer", Kind.PARENTS, "pupil_id"),
        ("Stamnr.", Kind.PARENTS, "pupil_id"),
        ("Klas", Kind.PARENTS, "class_name"),
        ("Groep", Kind.PARENTS, "class_name"),
        ("Class", Kind.PARENTS, "class_name"),
        ("Leerjaar", Kind.PARENTS, "year"),
        ("Year group", Kind.PARENTS, "year"),
        ("Ouder/verzorger naam", Kind.PARENTS, "carer_name"),
        ("Naam ouder/verzorger", Kind.PARENTS, "carer_name"),
        ("Parent name", Kind.PARENTS, "carer_name"),
        ("Voornaam ouder", Kind.PARENTS, "carer_first_name"),
        ("E-mail ouder", Kind.PARENTS, "email"),
        ("E-mailadres", Kind.PARENTS, "email"),
        ("Parent's e-mail", Kind.PARENTS, "email"),
        ("Telefoon", Kind.PARENTS, "phone"),
        ("Mobiel nummer ouder", Kind.PARENTS, "phone"),
        ("Taal", Kind.PARENTS, "language"),
        ("Thuistaal", Kind.PARENTS, "language"),
        ("Home language", Kind.PARENTS, "language"),
        ("E-mail ouder 1", Kind.PARENTS, "email"),
        ("E-mail ouder 2", Kind.PARENTS, "email_2"),
        ("Naam verzorger2", Kind.PARENTS, "carer_name_2"),
        ("Ouder 2", Kind.PARENTS, "carer_name_2"),
        ("Adresregel 2", Kind.PARENTS, ""),
        ("Naam", Kind.PARENTS, ""),
        ("Naam", Kind.STAFF, "name"),
        ("Naam medewerker", Kind.STAFF, "name"),
        ("E-mail", Kind.STAFF, "email"),
        ("Functie", Kind.STAFF, "function"),
        ("Function", Kind.STAFF, "function"),
        ("Gespreksleider", Kind.STAFF, "can_facilitate"),
        ("Kan gespreksleider zijn", Kind.STAFF, "can_facilitate"),
        ("Gespreksleider (ja/nee)", Kind.STAFF, "can_facilitate"),
        ("Can facilitate", Kind.STAFF, "can_facilitate"),
        ("Mentor van", Kind.STAFF, "mentor_of"),
        ("Klassen", Kind.STAFF, "mentor_of"),
        ("Mentorklas", Kind.STAFF, "mentor_of"),
    ],
)
def test_header_aliases(header: str, kind: Kind, field: str) -> None:
    assert people.field_for(header, kind) == field


def test_suggested_mapping_gives_a_field_to_its_first_column_only() -> None:
    headers = ["Leerling", "Klas", "Groep", "\ufeffE-mail ouder", "E-mail"]
    assert people.suggest_mapping(headers, Kind.PARENTS) == [
        "pupil_name", "class_name", "", "email", "",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (PARENT_HEADERS, Kind.PARENTS),
        (["Naam", "E-mail", "Functie", "Gespreksleider"], Kind.STAFF),
        (["Naam", "E-mail", "Mentor van"], Kind.STAFF),
        (["Leerling", "Naam ouder", "Klas"], Kind.PARENTS),
        (["Telg", "Klas", "Naam ouder", "E-mail ouder"], Kind.PARENTS),
        (["Naam", "E-mail", "Klas"], Kind.PARENTS),
    ],
)
def test_detect_kind(headers: list[str], kind: Kind) -> None:
    assert people.detect_kind(headers) is kind


def test_missing_required_column_is_named() -> None:
    result = people.parse(sheet(["Klas", "E-mail ouder"], ["2B", "a@b.nl"]), Kind.PARENTS)
    assert [(e.code, e.row, e.params) for e in result.errors] == [
        ("missing_column", 0, {"need": "pupil"})
    ]
    assert "pupil's name" in str(result.errors[0])
    assert "'Leerling'" in str(result.errors[0])


def test_a_column_mapped_twice_is_an_error() -> None:
    headers = ["Leerling", "Ouder", "Mail 1", "Mail 2"]
    mapping = ["pupil_name", "carer_name", "email", "email"]
    problems = people.check_mapping(headers, mapping, Kind.PARENTS)
    assert [(p.code, p.params["first"], p.params["second"]) for p in problems] == [
        ("column_twice", "Mail 1", "Mail 2")
    ]


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "formula"),
    [
        ('=HYPERLINK("http://x","klik")', True),
        ("=1+1", True),
        ("  =A1", True),
        ("@SUM(A1:A2)", True),
        ("+HYPERLINK(1)", True),
        ("-2+3", True),
        ("+31 6 12345678", False),
        ("+31 (0)6-1234 5678", False),
        ("-", False),
        ("Anne-Marie", False),
        ("", False),
        ("a=b", False),
    ],
)
def test_looks_like_formula(value: str, formula: bool) -> None:
    assert people.looks_like_formula(value) is formula


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("+31 6 1234", "+31 6 1234"),
        ("Zoë", "Zoë"),
    ],
)
def test_safe_cell_escapes_formulas_for_output(value: str, safe: str) -> None:
    assert people.safe_cell(value) == safe


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Nederlands", "nl"), ("Dutch", "nl"), ("Turks", "tr"), ("Türkçe", "tr"),
        ("Arabisch", "ar"), ("Marokkaans", "ar"), ("Pools", "pl"), ("Oekraïens", "uk"),
        ("Engels", "en"), ("ENGLISH", "en"), ("tr", "tr"), ("nl-NL", "nl"), ("", "nl"),
        ("Tigrinya", "ti"), ("Klingon", None),
    ],
)  # fmt: skip
def test_language_names_become_codes(value: str, code: str | None) -> None:
    assert people.language_code(value) == code


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Petra Jansen", "Petra", "Jansen"),
        ("Jansen, Petra", "Petra", "Jansen"),
        ("Petra van der Berg", "Petra", "van der Berg"),
        ("  Şükrü   Yılmaz ", "Şükrü", "Yılmaz"),
        ("Zoë", "Zoë", ""),
    ],
)
def test_split_name(full: str, first: str, last: str) -> None:
    assert people.split_name(full) == (first, last)


@pytest.mark.parametrize(
    ("value", "answer"),
    [("ja", True), ("Yes", True), ("x", True), ("1", True), ("nee", False), ("", False),
     ("No", False), ("misschien", None)],
)  # fmt: skip
def test_yes_no(value: str, answer: bool | None) -> None:
    assert people.yes_no(value) is answer


def test_class_list() -> None:
    assert people.class_list("2A, 2B / 3C en 4D; 2A") == ["2A", "2B", "3C", "4D"]
    assert people.class_list("groep 5") == ["groep 5"]


# --- parents and households -----------------------------------------------------------------


def test_rows_are_normalised() -> None:
    result = parents(
        ["  Zoë  de Vries ", " 2B", "2", "Şükrü Yılmaz", " SUKRU@Example.NL ", "Turks"]
    )
    assert result.ok and result.rows == 1
    (household,) = result.households
    (carer,) = household.carers
    (pupil,) = household.pupils
    assert (carer.first_name, carer.last_name, carer.email, carer.language) == (
        "Şükrü", "Yılmaz", "sukru@example.nl", "tr",
    )  # fmt: skip
    assert (pupil.first_name, pupil.last_name, pupil.class_name, pupil.year) == (
        "Zoë", "de Vries", "2B", "2",
    )  # fmt: skip
    assert household.language == "tr"


def test_a_carer_with_two_children_is_one_household_naming_both() -> None:
    result = parents(
        ["Daan Jansen", "2B", "2", "Petra Jansen", "petra@x.nl", "Nederlands"],
        ["Eva Jansen", "4A", "4", "Petra Jansen", "petra@x.nl", "Nederlands"],
        ["Eva Jansen", "4A", "4", "Kees Jansen", "kees@x.nl", "Nederlands"],
        ["Ali Demir", "2B", "2", "Ayşe Demir", "ayse@x.nl", "Turks"],
    )
    assert result.ok
    assert [[c.email for c in h.carers] for h in result.households] == [
        ["petra@x.nl", "kees@x.nl"],
        ["ayse@x.nl"],
    ]
    assert [[p.first_name for p in h.pupils] for h in result.households] == [
        ["Daan", "Eva"],
        ["Ali"],
    ]


def test_children_through_shared_carers_join_transitively() -> None:
    # A—1—B—2—C: three carers, two children, one chain: one household.
    result = parents(
        ["Kind Een", "1A", "1", "Ouder A", "a@x.nl", ""],
        ["Kind Twee", "1B", "1", "Ouder C", "c@x.nl", ""],
        ["Kind Een", "1A", "1", "Ouder B", "b@x.nl", ""],
        ["Kind Twee", "1B", "1", "Ouder B", "b@x.nl", ""],
    )
    assert len(result.households) == 1
    assert [c.email for c in result.households[0].carers] == ["a@x.nl", "c@x.nl", "b@x.nl"]


def test_duplicate_rows_are_merged_and_reported() -> None:
    row = ["Daan Jansen", "2B", "2", "Petra Jansen", "petra@x.nl", ""]
    result = parents(row, ["Eva Jansen", "4A", "4", "Petra Jansen", "petra@x.nl", ""], row)
    assert result.ok
    assert [(n.code, n.row, n.params) for n in result.notes] == [("duplicate", 4, {"first": 2})]
    assert len(result.carers) == 1 and len(result.pupils) == 2


def test_carer_without_email_is_known_by_name_and_phone() -> None:
    headers = ["Leerling", "Klas", "Naam ouder", "Telefoon"]
    result = people.parse(
        sheet(
            headers,
            ["Daan", "2B", "Petra Jansen", "06-12345678"],
            ["Eva", "4A", "Petra Jansen", "06 1234 5678"],
            ["Sem", "1A", "Petra Jansen", "06 9999 9999"],
        ),
        Kind.PARENTS,
    )
    assert [[p.first_name for p in h.pupils] for h in result.households] == [
        ["Daan", "Eva"],
        ["Sem"],
    ]


def test_carer_without_contact_details_is_never_merged_across_children() -> None:
    headers = ["Leerling", "Klas", "Naam ouder"]
    result = people.parse(
        sheet(headers, ["Daan", "2B", "M. Yilmaz"], ["Sem", "1A", "M. Yilmaz"]), Kind.PARENTS
    )
    assert len(result.households) == 2


def test_one_row_per_child_with_two_carer_columns() -> None:
    headers = [
        "Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam", "Groep",
        "Naam ouder 1", "E-mail ouder 1", "Naam ouder 2", "E-mail ouder 2", "Taal ouder 2",
    ]  # fmt: skip
    result = people.parse(
        sheet(
            headers,
            [
                "101",
                "Daan",
                "de",
                "Vries",
                "5",
                "Petra de Vries",
                "p@x.nl",
                "Kees Bos",
                "k@x.nl",
                "Engels",
            ],
            ["102", "Noor", "", "Bos", "7", "Kees Bos", "k@x.nl", "", "", ""],
            ["103", "Ali", "", "Demir", "5", "Ayşe Demir", "a@x.nl", "", "", ""],
        ),  # fmt: skip
        Kind.PARENTS,
    )
    assert result.ok, result.errors
    first, second = result.households
    assert [c.name for c in first.carers] == ["Petra de Vries", "Kees Bos"]
    assert [(p.external_id, p.name) for p in first.pupils] == [
        ("101", "Daan de Vries"),
        ("102", "Noor Bos"),
    ]
    assert first.carers[1].language == "en" and first.language == "nl"
    assert [c.name for c in second.carers] == ["Ayşe Demir"]


def test_family_email_shared_by_two_names_is_one_carer_with_a_note() -> None:
    headers = ["Leerling", "Naam ouder 1", "E-mail ouder 1", "Naam ouder 2", "E-mail ouder 2"]
    result = people.parse(
        sheet(headers, ["Daan", "Petra Jansen", "fam@x.nl", "Kees Jansen", "fam@x.nl"]),
        Kind.PARENTS,
    )
    assert [c.name for c in result.carers] == ["Petra Jansen"]
    assert [(n.code, n.row) for n in result.notes] == [("shared_email", 2)]


@pytest.mark.parametrize(
    ("row", "code", "params"),
    [
        (["", "2B", "2", "Petra", "p@x.nl", ""], "no_pupil", {}),
        (["Daan", "2B", "2", "", "", ""], "no_carer", {}),
        (["Daan", "2B", "2", "Petra", "p at x.nl", ""], "bad_email", {"value": "p at x.nl"}),
        (["Daan", "2B", "2", "Petra", "a@x.nl;b@x.n", ""], "bad_email", {"value": "a@x.nl;b@x.n"}),
        (['=HYPERLINK("http://x","klik")', "2B", "2", "Petra", "p@x.nl", ""], "formula",
         {"column": "Leerling"}),
        (["Daan", "2B", "2", "@SUM(1)", "p@x.nl", ""], "formula", {"column": "Naam ouder"}),
    ],
)  # fmt: skip
def test_row_errors_name_row_and_reason(row: list[str], code: str, params: dict[str, str]) -> None:
    good = ["Eva", "4A", "4", "Kees", "k@x.nl", ""]
    result = parents(good, row, good)
    assert [(e.code, e.row, dict(e.params)) for e in result.errors] == [(code, 3, params)]
    assert str(result.errors[0]).startswith("row 3: ")
    assert result.households == []  # all or nothing


def test_unknown_language_is_a_note_and_falls_back_to_dutch() -> None:
    result = parents(["Daan", "2B", "2", "Petra", "p@x.nl", "Klingon"])
    assert result.ok
    assert [(n.code, n.row, n.params) for n in result.notes] == [
        ("unknown_language", 2, {"value": "Klingon"})
    ]
    assert result.carers[0].language == "nl"


def test_blank_rows_are_not_counted_and_an_empty_file_is_an_error() -> None:
    result = parents(["", "", "", "", "", ""], ["Daan", "2B", "2", "Petra", "p@x.nl", ""])
    assert result.ok and result.rows == 1
    empty = people.parse(sheet(PARENT_HEADERS), Kind.PARENTS)
    assert [e.code for e in empty.errors] == ["no_rows"]


def test_unmapped_columns_are_not_checked_for_formulas() -> None:
    headers = [*PARENT_HEADERS, "Notitie"]
    row = ["Daan", "2B", "2", "Petra", "p@x.nl", "", "=1+1"]
    assert people.parse(sheet(headers, row), Kind.PARENTS).ok


# --- staff ----------------------------------------------------------------------------------

STAFF_HEADERS = ["Naam", "E-mail", "Functie", "Kan gespreksleider zijn", "Mentor van"]


def staff(*rows: list[str]) -> people.ImportResult:
    return people.parse(sheet(STAFF_HEADERS, *rows), Kind.STAFF)


def test_staff_rows() -> None:
    result = staff(
        ["Fatima el Amrani", "F.elAmrani@School.nl", "mentor", "ja", "2A, 2B"],
        ["Jan de Boer", "jan@school.nl", "teamleider", "", ""],
    )
    assert result.ok
    first, second = result.staff
    assert (first.first_name, first.last_name, first.email) == (
        "Fatima", "el Amrani", "f.elamrani@school.nl",
    )  # fmt: skip
    assert (first.function, first.can_facilitate, first.mentor_of) == ("mentor", True, ["2A", "2B"])
    assert (second.can_facilitate, second.mentor_of) == (False, [])


@pytest.mark.parametrize(
    ("row", "codes"),
    [
        (["", "a@x.nl", "", "ja", ""], ["no_name"]),
        (["Jan", "", "", "ja", ""], ["no_email"]),
        (["Jan", "a@x.nl", "", "soms", ""], ["bad_yes_no"]),
        (["Jan", "a@x.nl", "=cmd|' /C calc'!A0", "ja", ""], ["formula"]),
    ],
)
def test_staff_row_errors(row: list[str], codes: list[str]) -> None:
    result = staff(row)
    assert [(e.code, e.row) for e in result.errors] == [(c, 2) for c in codes]
    assert result.staff == []


def test_staff_duplicates_are_merged_first_row_wins() -> None:
    result = staff(
        ["Jan de Boer", "jan@x.nl", "mentor", "ja", "2A"],
        ["Jan de Boer", "JAN@x.nl", "teamleider", "nee", ""],
    )
    assert [(s.function, s.row) for s in result.staff] == [("mentor", 2)]
    assert [(n.code, n.row, n.params) for n in result.notes] == [("duplicate", 3, {"first": 2})]
