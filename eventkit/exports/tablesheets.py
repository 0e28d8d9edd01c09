"""One A4 page per theme table for its facilitator: theme, questions, members, timing, notes."""

from __future__ import annotations

import math

from docx.document import Document as DocumentObject
from docx.shared import Cm

from ..domain.agenda import BlockKind
from ..invitations import qr
from . import docx_base as dx
from . import layout
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
    """The sheets are written as XML and parsed at once (issue 13: a hundred sheets built
    through python-docx's objects took most of the 300 ms a download may take)."""
    document, lang = layout.start(data, "tablesheets", base, landscape=False, margin_cm=2.0)
    if not data.tables:
        layout.nothing_yet(document, lang, "tablesheets", "no_tables")
    sheets = [
        block
        for index, group in enumerate(data.tables)
        for block in _sheet(document, data, group, lang, new_page=index > 0)
    ]
    dx.append_blocks(document, sheets)
    return layout.finish(document, data, "tablesheets")


def _sheet(
    document: DocumentObject, data: RunsheetData, group: TableGroup, lang: str, new_page: bool
) -> list[str]:
    """One sheet as body XML: paragraphs and tables (see docx_base.append_blocks)."""
    title = f"{text(lang, 'table', n=group.number)}: {group.theme_title}"
    page_break = "<w:pageBreakBefore/>" if new_page else '<w:pageBreakBefore w:val="0"/>'
    where = ", ".join(part for part in (long_date(lang, data.date), data.room) if part)
    blocks = [
        dx.heading_xml(document, title, 1, page_break),
        dx.paragraph_xml(runs=dx.run_xml(f"{data.title} · {where}", lang, italic=True)),
        _facts(data, group, lang),
    ]
    if group.note_url:
        blocks += _note_link(document, group.note_url, lang)
    if group.theme_questions:
        blocks.append(dx.heading_xml(document, text(lang, "questions"), 2))
        blocks += [
            dx.item_xml(question, f"{number}.", 0, lang)
            for number, question in enumerate(group.theme_questions, start=1)
        ]
    blocks += _members(document, group, lang)
    blocks.append(dx.heading_xml(document, text(lang, "notes"), 2))
    notes = dx.rows_xml(dx.twips(NOTE_WIDTHS), lang, [[""]], height_cm=_notes_height(group))
    blocks.append(dx.table_xml(NOTE_WIDTHS, notes))
    return blocks


def _facts(data: RunsheetData, group: TableGroup, lang: str) -> str:
    facts = [(text(lang, "facilitator"), group.facilitator or text(lang, "to_fill"))]
    for key, kind in (
        ("table_round", BlockKind.THEME_TABLES),
        ("presentations", BlockKind.PRESENTATIONS),
    ):
        slot = data.first_slot(kind)
        if slot is not None:
            facts.append((text(lang, key), f"{slot.start:%H:%M}–{slot.end:%H:%M}"))
    values = [(dx.Cell(label, bold=True, fill=dx.LIGHT_GREY), value) for label, value in facts]
    return dx.table_xml(FACT_WIDTHS, dx.rows_xml(dx.twips(FACT_WIDTHS), lang, values))


def _note_link(document: DocumentObject, url: str, lang: str) -> list[str]:
    """The table's note page: what to do on the left, its QR code on the right. The
    paragraph before it keeps Word and LibreOffice from joining this table to the facts."""
    text_width, code_width = dx.twips(LINK_WIDTHS)
    how = (
        dx.paragraph_xml(dx.TABLE_TEXT_ID, runs=dx.run_xml(text(lang, "notes_on_phone"), lang,
                                                           bold=True))
        + dx.paragraph_xml(runs=dx.run_xml(text(lang, "scan_or_type"), lang))
        + dx.paragraph_xml(runs=dx.run_xml(url, lang, bold=True))
    )  # fmt: skip
    # 6 pt above the code: its white margin would otherwise hide the cell's border
    code = dx.paragraph_xml(
        props='<w:spacing w:before="120"/><w:jc w:val="center"/>',
        runs=dx.picture_xml(document.part, qr.png_for(url), QR_CM),
    )
    row = (
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{text_width}"/><w:vAlign w:val="center"/>'
        f"</w:tcPr>{how}</w:tc>"
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{code_width}"/></w:tcPr>{code}</w:tc></w:tr>'
    )
    return [dx.paragraph_xml(), dx.table_xml(LINK_WIDTHS, [row])]


def _members(document: DocumentObject, group: TableGroup, lang: str) -> list[str]:
    """The members with their role, or lines to write names on before groups are made."""
    widths = dx.twips(MEMBER_WIDTHS)
    titles = [dx.Cell(text(lang, c), bold=True, fill=dx.GREY) for c in ("col_name", "col_role")]
    rows = dx.rows_xml(widths, lang, [titles], header=True)
    rows += dx.rows_xml(widths, lang, [(m.printed_name, role(lang, m.role)) for m in group.members])
    if not group.members:
        height = Cm(BLANK_ROW_CM).twips
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p/></w:tc>'
            for width in widths
        )
        blank = f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}"/></w:trPr>{cells}</w:tr>'
        rows += [blank] * BLANK_MEMBER_ROWS
    return [dx.heading_xml(document, text(lang, "members"), 2), dx.table_xml(MEMBER_WIDTHS, rows)]


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
