"""Table cards (one A4 landscape page per table) and name badges (ten to an A4 sheet)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
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
    widths = dx.column_twips(grid)
    height = Cm(BADGE_HEIGHT_CM).twips
    rows = []
    for start in range(0, len(data.badges), len(BADGE_WIDTHS)):
        pair = data.badges[start : start + len(BADGE_WIDTHS)]  # the last row may be half
        cells = [
            _badge_xml(pair[index], data.title, lang, width) if index < len(pair)
            else f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
            for index, width in enumerate(widths)
        ]  # fmt: skip
        rows.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="exact"/>'
            f"</w:trPr>{''.join(cells)}</w:tr>"
        )
    dx.append_rows(grid, rows)
    return layout.finish(document, data, "badges")


def _badge_xml(badge: Badge, title: str, lang: str, width: int) -> str:
    """One badge's cell, written as XML: made a thousand times for a big school, where
    python-docx's element-by-element building took half a second (issue 13)."""
    lines = [(title, 8, False), (badge.first_name, 26, True), (role(lang, badge.role), 13, False)]
    if badge.table_number is not None:
        lines.append((text(lang, "table", n=badge.table_number), 15, True))
    paragraphs = "".join(
        '<w:p><w:pPr><w:spacing w:after="60"/><w:jc w:val="center"/></w:pPr>'
        f"{dx.run_xml(value, lang, size=size, bold=bold)}</w:p>"
        for value, size, bold in lines
    )
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f"{paragraphs}</w:tc>"
    )
