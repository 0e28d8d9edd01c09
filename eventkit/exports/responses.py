"""The response overview as a spreadsheet (.xlsx) or CSV: one row per invited household,
for catering (how many come), interpreters (which language), childcare, accessibility
and the mentors who follow up on questions.

Every text cell goes through `people.safe_cell`: a parent's answer that starts with `=`
or `@` stays text in Excel instead of becoming a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from ..domain.people import safe_cell
from ..domain.text import filename
from ..invitations import overview as overview_of
from ..invitations.data import households_of
from ..models import Answer, Event, Household
from .docx_base import xml_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
FORMATS = ("xlsx", "csv")

Cell = str | int
LanguageName = Callable[[str], str]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def export(
    event: Event, kind: str, language_name: LanguageName, created: datetime
) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of the overview as .xlsx or .csv (ValueError otherwise)."""
    households = households_of(event)
    answers = answers_table(households, event, language_name)
    stem = _("responses")
    if kind == "csv":
        return filename(stem, event.title, "csv"), CSV, to_csv(answers)
    if kind == "xlsx":
        totals = totals_table(households, event, language_name)
        body = to_xlsx([(_("Answers"), answers), (_("Totals"), totals)], event, created)
        return filename(stem, event.title, "xlsx"), XLSX, body
    raise ValueError(f"unknown format {kind!r}")


# --- tables --------------------------------------------------------------------------------


def _answer_word(answer: str | None) -> str:
    words = {Answer.YES.value: _("Yes"), Answer.MAYBE.value: _("Maybe"), Answer.NO.value: _("No")}
    return words.get(answer or "", _("no answer yet"))


def _yes(flag: bool) -> str:
    return _("yes") if flag else ""


def answers_table(
    households: Sequence[Household], event: Event, language_name: LanguageName
) -> Table:
    """One row per household, answered or not (mentors call those who did not answer)."""
    themes = {t.id: t.title for t in event.themes}
    header = (
        _("Household"), _("Pupils"), _("Class"), _("Answer"), _("Adults"),
        _("Pupil comes along"), _("Interpreter"), _("Childcare"), _("Accessibility"),
        _("Themes"), _("Question"), _("Language of the answer"), _("E-mail"), _("Phone"),
    )  # fmt: skip
    rows = []
    for household in households:
        response = household.response
        coming = response is not None and response.answer in overview_of.COMING
        interpreter = ""
        if response is not None and coming and response.interpreter:
            interpreter = language_name(response.interpreter_language or "?")
        rows.append(
            (
                overview_of.household_name(household),
                overview_of.pupil_names(household),
                overview_of.classes_of(household),
                _answer_word(response.answer if response else None),
                response.adults if coming and response else 0,
                _yes(bool(coming and response and response.pupil_comes)),
                interpreter,
                _yes(bool(coming and response and response.childcare)),
                response.accessibility.strip() if response else "",
                ", ".join(themes[t] for t in (response.themes or []) if t in themes)
                if response
                else "",
                response.question.strip() if response else "",
                language_name(response.language) if response else "",
                ", ".join(c.email for c in household.carers if c.email),
                ", ".join(c.phone for c in household.carers if c.phone),
            )
        )
    return Table(header, tuple(rows))


def totals_table(
    households: Sequence[Household], event: Event, language_name: LanguageName
) -> Table:
    """The counts catering and the interpreters' planning start from."""
    found = overview_of.build(households, event.themes)
    total = found.total
    rows: list[tuple[Cell, ...]] = [
        (_("Invited households"), total.invited, ""),
        (_("Answered"), total.answered, ""),
        (_("Yes"), total.yes, ""),
        (_("Maybe"), total.maybe, ""),
        (_("No"), total.no, ""),
        (_("Adults (yes)"), total.adults_yes, ""),
        (_("Adults (maybe)"), total.adults_maybe, ""),
        (_("Pupils coming along"), total.pupils_yes, ""),
        (_("Households that need childcare"), found.childcare, ""),
    ]
    for code, yes, maybe in found.interpreters:
        rows.append((_("Interpreter: %(language)s", language=language_name(code)), yes, maybe))
    return Table((_("What"), _("Yes"), _("Maybe")), tuple(rows))


# --- writers -------------------------------------------------------------------------------


def _safe(value: Cell) -> Cell:
    return value if isinstance(value, int) else safe_cell(xml_safe(value))


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte order mark and semicolons: what Dutch Excel opens as columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_safe(cell) for cell in table.header])
    for row in table.rows:
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(sheets: Sequence[tuple[str, Table]], event: Event, created: datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for empty in list(book.worksheets):
        book.remove(empty)
    for title, table in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([_safe(cell) for cell in table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(cell) for cell in row])
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            longest = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(longest, 8) + 2, 60)
    book.properties.creator = event.school.name
    book.properties.title = f"{_('Responses')} · {event.title}"
    book.properties.created = created
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
