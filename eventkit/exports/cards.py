"""Table cards (one A4 landscape page per table) and name badges (ten to an A4 sheet)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Cm

from ..invitations import qr
from . import docx_base as dx
from . import layout
from .data import Badge, RunsheetData, TableGroup
from .texts import role, text

QR_CM = 5.0  # printed size; zbar and phones read 4 cm and up reliably
BADGE_WIDTHS = (9.5, 9.5)
BADGE_HEIGHT_CM = 5.5  # five rows of 9.5 x 5.5 cm fill an A4 with 1 cm margins
_CENTRE = '<w:jc w:val="center"/>'


# --- table cards ---------------------------------------------------------------------------


def render(data: RunsheetData, base: bytes | None = None) -> tuple[str, str, bytes]:
    """A card per table: its number large, its theme, and a QR code to its note page.
    Written as XML and parsed at once (a hundred cards for a big school, issue 13)."""
    document, lang = layout.start(data, "cards", base, landscape=True)
    if not data.tables:
        layout.nothing_yet(document, lang, "cards", "no_tables")
    cards = [
        block
        for index, group in enumerate(data.tables)
        for block in _card(document, group, lang, new_page=index > 0)
    ]
    dx.append_blocks(document, cards)
    return layout.finish(document, data, "cards")


def _centred(value: str, lang: str, size: float, bold: bool = False) -> str:
    """A centred line with 4 pt below it."""
    run = dx.run_xml(value, lang, size=size, bold=bold)
    return dx.paragraph_xml(props=f'<w:spacing w:after="80"/>{_CENTRE}', runs=run)


def _card(document: DocumentObject, group: TableGroup, lang: str, new_page: bool) -> list[str]:
    page_break = "<w:pageBreakBefore/>" if new_page else '<w:pageBreakBefore w:val="0"/>'
    title_size = 28 if len(group.theme_title) < 60 else 20
    blocks = [
        dx.paragraph_xml(props=page_break + _CENTRE,
                         runs=dx.run_xml(text(lang, "table_label"), lang, size=32)),
        _centred(str(group.number), lang, 150, bold=True),
        _centred(group.theme_title, lang, title_size, bold=True),
    ]  # fmt: skip
    if group.note_url:
        code = dx.picture_xml(document.part, qr.png_for(group.note_url), QR_CM)
        blocks += [
            dx.paragraph_xml(props=_CENTRE, runs=code),
            _centred(text(lang, "scan_notes"), lang, 12),
            _centred(group.note_url, lang, 14, bold=True),
        ]
    return blocks


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
