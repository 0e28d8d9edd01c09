"""One A4 page per theme table for its facilitator: theme, questions, members, timing, notes."""

from __future__ import annotations

import math

from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ..domain.agenda import BlockKind
from . import docx_base as dx
from . import layout
from .cards import add_qr
from .data import RunsheetData, TableGroup
from .texts import long_date, role, text

FACT_WIDTHS = (4.5, 12.5)
MEMBER_WIDTHS = (9.0, 8.0)
NOTE_WIDTHS = (17.0,)
LINK_WIDTHS = (13.0, 4.0)
QR_CM = 3.2  # the sheet lies on the table: 3 cm and up scans from a phone held above it
LINK_CM = 4.5  # the link row (the code and the cell's padding) and the line above it
BLANK_MEMBER_ROWS = 8  # lines to write names on when no groups are made yet
USABLE_HEIGHT_CM = 25.7  # A4 portrait with 2 cm margins
# Heights measured on LibreOffice's rendering (10 pt table text, the default styles).
LINE_CM = 0.6  # a line of a question
MEMBER_ROW_CM = 0.6
BLANK_ROW_CM = 0.8
FIXED_CM = 8.1  # subtitle, facts, the headings and the members' header row
CHARS_PER_LINE = 85


def render(data: RunsheetData, base: bytes | None = None) -> tuple[str, str, bytes]:
    document, lang = layout.start(data, "tablesheets", base, landscape=False, margin_cm=2.0)
    if not data.tables:
        layout.nothing_yet(document, lang, "tablesheets", "no_tables")
    for index, group in enumerate(data.tables):
        _sheet(document, data, group, lang, new_page=index > 0)
    return layout.finish(document, data, "tablesheets")


def _sheet(
    document: DocumentObject, data: RunsheetData, group: TableGroup, lang: str, new_page: bool
) -> None:
    title = f"{text(lang, 'table', n=group.number)}: {group.theme_title}"
    dx.heading(document, title, 1).paragraph_format.page_break_before = new_page
    where = ", ".join(part for part in (long_date(lang, data.date), data.room) if part)
    dx.write(dx.paragraph(document), f"{data.title} · {where}", italic=True)
    _facts(document, data, group, lang)
    if group.note_url:
        _note_link(document, group.note_url, lang)
    if group.theme_questions:
        dx.heading(document, text(lang, "questions"), 2)
        for number, question in enumerate(group.theme_questions, start=1):
            dx.item(document, question, f"{number}.", 0)
    _members(document, group, lang)
    dx.heading(document, text(lang, "notes"), 2)
    dx.rows(dx.table(document, NOTE_WIDTHS), [[""]], height_cm=_notes_height(group))


def _facts(document: DocumentObject, data: RunsheetData, group: TableGroup, lang: str) -> None:
    facts = [(text(lang, "facilitator"), group.facilitator or text(lang, "to_fill"))]
    for key, kind in (
        ("table_round", BlockKind.THEME_TABLES),
        ("presentations", BlockKind.PRESENTATIONS),
    ):
        slot = data.first_slot(kind)
        if slot is not None:
            facts.append((text(lang, key), f"{slot.start:%H:%M}–{slot.end:%H:%M}"))
    grid = dx.table(document, FACT_WIDTHS)
    dx.rows(
        grid, [(dx.Cell(label, bold=True, fill=dx.LIGHT_GREY), value) for label, value in facts]
    )


def _note_link(document: DocumentObject, url: str, lang: str) -> None:
    """The table's note page: what to do on the left, its QR code on the right."""
    dx.paragraph(document)  # without it Word and LibreOffice join this table to the facts
    cells = dx.add_row(dx.table(document, LINK_WIDTHS)).cells
    cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    dx.cell_text(cells[0], text(lang, "notes_on_phone"), bold=True)
    dx.write(cells[0].add_paragraph(), text(lang, "scan_or_type"))
    dx.write(cells[0].add_paragraph(), url, bold=True)
    picture = cells[1].paragraphs[0]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(6)  # the code's white margin would hide the border
    add_qr(picture, url, QR_CM)


def _members(document: DocumentObject, group: TableGroup, lang: str) -> None:
    dx.heading(document, text(lang, "members"), 2)
    grid = dx.table(document, MEMBER_WIDTHS)
    dx.header_row(grid, [text(lang, "col_name"), text(lang, "col_role")])
    dx.text_rows(grid, [(m.printed_name, role(lang, m.role)) for m in group.members])
    for _ in range(0 if group.members else BLANK_MEMBER_ROWS):
        dx.add_row(grid).height = Cm(BLANK_ROW_CM)


def _notes_height(group: TableGroup) -> float:
    """What is left of the page for notes, estimated from the lines above (at least 4 cm).

    Calibrated on LibreOffice's rendering with a 1 cm margin to spare: a sheet that
    overflows would push the notes box onto a page of its own.
    """
    question_lines = sum(math.ceil(len(q) / CHARS_PER_LINE) for q in group.theme_questions)
    title_lines = math.ceil(len(group.theme_title) / 40)
    members = len(group.members) * MEMBER_ROW_CM or BLANK_MEMBER_ROWS * BLANK_ROW_CM
    link = LINK_CM if group.note_url else 0.0
    used = FIXED_CM + title_lines * 1.0 + question_lines * LINE_CM + members + link
    return max(4.0, round(USABLE_HEIGHT_CM - used - 1.0, 1))
