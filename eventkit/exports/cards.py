"""Table cards (one A4 landscape page per table) and name badges (ten to an A4 sheet)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ..invitations import qr
from . import docx_base as dx
from . import layout
from .data import Badge, RunsheetData, TableGroup
from .texts import role, text

QR_CM = 5.0  # printed size; zbar and phones read 4 cm and up reliably
BADGE_WIDTHS = (9.5, 9.5)
BADGE_HEIGHT_CM = 5.5  # five rows of 9.5 x 5.5 cm fill an A4 with 1 cm margins


def add_qr(paragraph: Paragraph, url: str, width_cm: float) -> None:
    """The code of `url` as a picture in `paragraph` (the invitations' QR helpers)."""
    dx.picture(paragraph, qr.png_for(url), width_cm)


# --- table cards ---------------------------------------------------------------------------


def render(data: RunsheetData, base: bytes | None = None) -> tuple[str, str, bytes]:
    """A card per table: its number large, its theme, and a QR code to its note page."""
    document, lang = layout.start(data, "cards", base, landscape=True)
    if not data.tables:
        layout.nothing_yet(document, lang, "cards", "no_tables")
    for index, group in enumerate(data.tables):
        _card(document, group, lang, new_page=index > 0)
    return layout.finish(document, data, "cards")


def _centred(document: DocumentObject, value: str, size: float, bold: bool = False) -> None:
    paragraph = dx.paragraph(document)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(4)
    dx.write(paragraph, value, size=size, bold=bold)


def _card(document: DocumentObject, group: TableGroup, lang: str, new_page: bool) -> None:
    label = dx.paragraph(document)
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label.paragraph_format.page_break_before = new_page
    dx.write(label, text(lang, "table_label"), size=32)
    _centred(document, str(group.number), 150, bold=True)
    _centred(document, group.theme_title, 28 if len(group.theme_title) < 60 else 20, bold=True)
    if group.note_url:
        picture = dx.paragraph(document)
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_qr(picture, group.note_url, QR_CM)
        _centred(document, text(lang, "scan_notes"), 12)
        _centred(document, group.note_url, 14, bold=True)


# --- name badges ---------------------------------------------------------------------------


def render_badges(data: RunsheetData, base: bytes | None = None) -> tuple[str, str, bytes]:
    """Name badges: first name, role and table number, with dashed lines to cut along."""
    document, lang = layout.start(data, "badges", base, landscape=False, margin_cm=1.0)
    if not data.badges:
        layout.nothing_yet(document, lang, "badges", "no_badges")
        return layout.finish(document, data, "badges")
    grid = dx.table(document, BADGE_WIDTHS)
    dx.dashed_borders(grid)
    for start in range(0, len(data.badges), len(BADGE_WIDTHS)):
        row = dx.add_row(grid)
        row.height = Cm(BADGE_HEIGHT_CM)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        pair = data.badges[start : start + len(BADGE_WIDTHS)]
        for cell, badge in zip(row.cells, pair, strict=False):  # the last row may be half
            _badge(cell, badge, data.title, lang)
    return layout.finish(document, data, "badges")


def _badge(cell: _Cell, badge: Badge, title: str, lang: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    lines = [(title, 8, False), (badge.first_name, 26, True), (role(lang, badge.role), 13, False)]
    if badge.table_number is not None:
        lines.append((text(lang, "table", n=badge.table_number), 15, True))
    for index, (value, size, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(3)
        dx.write(paragraph, value, size=size, bold=bold)
