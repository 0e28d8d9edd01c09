"""Shared Word helpers: the base document, page set-up, styles, tables and runs.

Every export starts from `new_document(base)`: python-docx's own template, or the
school's uploaded .docx with its body emptied (its styles, letterhead, logo,
headers and footers stay).
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape  # nosec B406 # escapes text we write; parses nothing

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.image import ImagePart
from docx.parts.story import StoryPart
from docx.section import Section
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from ..domain.agenda import DomainError

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_BASE_BYTES = 10 * 1024 * 1024
A4 = (Cm(21.0), Cm(29.7))
GREY = "D9D9D9"  # prints as a clear light grey in black and white
LIGHT_GREY = "F2F2F2"
TABLE_TEXT = "eventkit table text"
TABLE_TEXT_ID = "eventkitTableText"
TABLE_TEXT_PT = 10
# The document language, kept on the document part for every run written later.
LANGUAGE_OF_PART = "eventkit_language"

# Every character Unicode writes right to left (bidi class R or AL) is in these blocks.
_RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # tab (09) and line break (0a) stay
_MAIN_TEMPLATE = b"wordprocessingml.template.main+xml"
_MAIN_DOCUMENT = b"wordprocessingml.document.main+xml"
_MACRO_MARKERS = (b"macroEnabled", b"vbaProject")
# The prefixes a fragment of body XML uses: text, tables and inline pictures.
_DRAWING_NS = nsdecls("w", "wp", "r")
_QUOTE = {'"': "&quot;"}
_SECTION_TAG = qn("w:sectPr")
# Prepared base documents kept (new_document): the school's few and python-docx's own, per
# language; a base document is at most MAX_BASE_BYTES.
_PREPARED: dict[tuple[bytes, str], bytes] = {}
_PREPARED_KEPT = 8
_PREPARED_LOCK = threading.Lock()  # a server may make documents in several threads
# Heading sizes for base documents that define no heading styles of their own.
_FALLBACK_STYLES = {"Title": (0, 24), "Heading 1": (0, 16), "Heading 2": (1, 13)}
# Proofing languages of runs (w:lang): the documents' languages and the parents'.
LANGUAGE_TAGS = {
    "nl": "nl-NL", "en": "en-GB", "tr": "tr-TR", "ar": "ar-SA", "pl": "pl-PL", "uk": "uk-UA",
    "fa": "fa-IR", "so": "so-SO", "ti": "ti-ET", "es": "es-ES", "ro": "ro-RO", "bg": "bg-BG",
    "he": "he-IL",
}  # fmt: skip


def language_tag(code: str) -> str:
    """The BCP 47 tag Word wants for a language code (the code itself when unknown)."""
    return LANGUAGE_TAGS.get(code, code or "nl-NL")


def bidi_tag(text: str, language: str = "") -> str:
    """The right-to-left language of a run: the letter's own when it is written right to
    left, else guessed from the script (Hebrew letters, otherwise Arabic)."""
    if language in ("ar", "fa", "he"):
        return language_tag(language)
    if any("\u0590" <= char <= "\u05ff" for char in text):
        return "he-IL"
    return "ar-SA"


def lang_xml(text: str, language: str) -> str:
    """The w:lang element of a run: its language, and for right-to-left text the bidi one
    (Word checks Arabic spelling with that), so nothing is marked as misspelled Dutch."""
    return _lang_xml(text, language, is_rtl(text))


def direction_xml(text: str, language: str) -> str:
    """The end of a run's properties: w:rtl for right-to-left text, then its w:lang (the
    text's direction asked once)."""
    rtl = is_rtl(text)
    return ("<w:rtl/>" if rtl else "") + _lang_xml(text, language, rtl)


def _lang_xml(text: str, language: str, rtl: bool) -> str:
    tag = language_tag(language)
    bidi = f' w:bidi="{bidi_tag(text, language)}"' if rtl else ""
    return f'<w:lang w:val="{tag}"{bidi}/>'


def set_properties(document: DocumentObject, title: str, author: str) -> None:
    """Title, author (the school) and the time the document was made, as Word shows them."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title = xml_safe(title)
    properties.author = xml_safe(author)
    properties.last_modified_by = xml_safe(author)
    properties.created = now
    properties.modified = now
    properties.revision = 1


class BaseDocumentError(DomainError):
    """An uploaded base document that cannot be used; `code` says why (see labels)."""


# --- the base document ---------------------------------------------------------------------


def normalise_base(raw: bytes) -> bytes:
    """Check an uploaded base document and return it as a .docx (a .dotx is converted).

    Raises BaseDocumentError for anything python-docx cannot open as a Word document.
    """
    if not raw:
        raise BaseDocumentError("empty", "the file is empty")
    if len(raw) > MAX_BASE_BYTES:
        raise BaseDocumentError("too_large", "the file is larger than 10 MB")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise BaseDocumentError("not_docx", "this is not a Word document (.docx)")
    raw = _as_document(raw)
    try:
        Document(io.BytesIO(raw))
    except Exception as error:  # python-docx raises many kinds on a malformed package
        raise BaseDocumentError(
            "unreadable", f"Word cannot open this document ({error})", detail=str(error)
        ) from error
    return raw


def _as_document(raw: bytes) -> bytes:
    """A Word template (.dotx) is a document with another content type: relabel it."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        names = source.namelist()
        if "[Content_Types].xml" not in names:
            raise BaseDocumentError("not_docx", "this is not a Word document (.docx)")
        types = source.read("[Content_Types].xml")
        if any(marker in types for marker in _MACRO_MARKERS):
            raise BaseDocumentError(
                "macros", "documents with macros (.docm, .dotm) are not accepted"
            )
        if _MAIN_TEMPLATE not in types:
            return raw
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                data = source.read(name)
                if name == "[Content_Types].xml":
                    data = data.replace(_MAIN_TEMPLATE, _MAIN_DOCUMENT)
                target.writestr(name, data)
    return out.getvalue()


def new_document(base: bytes | None, language: str) -> DocumentObject:
    """An empty document: the school's base (body emptied) or python-docx's default.

    The emptied base with eventkit's styles is made once per base and language and kept
    as a file: opening that costs half of making it again for every download (issue 13).
    """
    key = (hashlib.sha256(base).digest() if base else b"", language)
    with _PREPARED_LOCK:
        prepared = _PREPARED.pop(key, None)
    if prepared is None:
        prepared = to_bytes(_prepare(base, language))
    with _PREPARED_LOCK:
        _PREPARED[key] = prepared  # the most recently used last
        while len(_PREPARED) > _PREPARED_KEPT:
            del _PREPARED[next(iter(_PREPARED))]
    document = Document(io.BytesIO(prepared))
    setattr(document.part, LANGUAGE_OF_PART, language)  # every run written later gets it too
    return document


def _prepare(base: bytes | None, language: str) -> DocumentObject:
    document = Document(io.BytesIO(base)) if base else Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if not base:
        # python-docx's template sets Cambria for body text; a sans face reads better in tables.
        document.styles["Normal"].font.name = "Calibri"
    names = {style.name for style in document.styles}
    for name in _FALLBACK_STYLES:
        if name not in names:
            _add_heading_style(document, name)
    _add_table_text_style(document)
    _set_language(document, language)
    return document


def _add_table_text_style(document: DocumentObject) -> None:
    """The paragraph style of table cells: set once here rather than on every run,
    which keeps a 300-row appendix fast to build."""
    style = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = TABLE_TEXT_ID
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(TABLE_TEXT_PT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(2)


def _add_heading_style(document: DocumentObject, name: str) -> None:
    """A plain heading style for a base document that has none, keeping its outline level
    so Word's navigation pane and table of contents still find the headings."""
    level, size = _FALLBACK_STYLES[name]
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.bold = True
    style.font.size = Pt(size)
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.keep_with_next = True
    if name != "Title":
        style.element.get_or_add_pPr().get_or_add_outlineLvl().val = level


def _set_language(document: DocumentObject, language: str) -> None:
    """The proofing language of the text, so spelling and hyphenation follow the meeting."""
    tag = language_tag(language)
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), tag)
    document.core_properties.language = tag


def set_page(document: DocumentObject, landscape: bool, margin_cm: float = 1.5) -> None:
    """A4 in the given orientation, on every section of the document."""
    width, height = A4
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(margin_cm))


def to_bytes(document: DocumentObject) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- text ----------------------------------------------------------------------------------


def xml_safe(text: str) -> str:
    """Without the control characters XML 1.0 cannot hold (a NUL typed into a title before
    forms refused them would otherwise stop the whole document). Tab and line break stay."""
    return _CONTROL.sub("", text)


def is_rtl(text: str) -> bool:
    """Whether the text holds a right-to-left letter. Only the characters of the blocks
    where such letters live are asked for their direction: asking each character of every
    run took a second for the invitations of 2000 households (issue 13)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in _RTL_BLOCKS.findall(text))


def write(
    paragraph: Paragraph,
    text: str,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Add a run. Right-to-left text is marked as such, and the complex-script size and
    weight are set too: Word draws Arabic or Hebrew with those, not the Latin ones.

    Built as one XML fragment: python-docx's property setters each search the run's
    properties in schema order, which made a 100-table export take seconds (issue 13).
    """
    run = run_xml(text, _language_of(paragraph), size, bold, italic)
    paragraph._p.append(parse_xml(run.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))


def run_xml(
    text: str, language: str, size: float | None = None, bold: bool = False, italic: bool = False
) -> str:
    """A w:r element (without namespace declarations) holding `text`; tabs and line breaks
    become w:tab and w:br, as python-docx's add_run makes them."""
    clean = xml_safe(text)
    props = "<w:b/><w:bCs/>" if bold else ""
    props += "<w:i/>" if italic else ""
    if size is not None:
        props += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
    props += direction_xml(clean, language)
    return f"<w:r><w:rPr>{props}</w:rPr>{_text_xml(clean)}</w:r>"


def _text_xml(text: str) -> str:
    parts = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append("<w:br/>")
        for position, piece in enumerate(line.split("\t")):
            if position:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(parts)


def paragraph(
    container: DocumentObject | _Cell, style_id: str | None = None, props: str = "", runs: str = ""
) -> Paragraph:
    """A new paragraph at the end of a document (or cell), optionally in a style given by
    its id, with more paragraph properties and runs as XML. At the end of a long document
    python-docx's add_paragraph searches every block for the section properties, and looks
    a style up by name in all styles each time."""
    element = parse_xml(
        paragraph_xml(style_id, props, runs).replace("<w:p>", f"<w:p {nsdecls('w')}>", 1)
    )
    if isinstance(container, _Cell):
        container._tc.append(element)
        return Paragraph(element, container)
    _append_block(container, element)
    return Paragraph(element, container._body)


def paragraph_xml(style_id: str | None = None, props: str = "", runs: str = "") -> str:
    """A w:p element (without namespace declarations): its style by id, more paragraph
    properties and its runs given as XML."""
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    ppr = f"<w:pPr>{style}{props}</w:pPr>" if style or props else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def append_blocks(document: DocumentObject, blocks: Sequence[str]) -> None:
    """Add paragraphs and tables given as XML (`paragraph_xml`, `table_xml`, pictures of
    `picture_xml`) to the end of the body, parsed at once: a hundred table sheets built
    element by element through python-docx took most of a request (issue 13)."""
    fragment = parse_xml(f"<w:body {_DRAWING_NS}>{''.join(blocks)}</w:body>")
    section = _closing_section(document)
    for element in list(fragment):
        if section is None:
            document.element.body.append(element)
        else:
            section.addprevious(element)


def _append_block(document: DocumentObject, element: BaseOxmlElement) -> None:
    """Add a paragraph or table to the body, before its closing section properties."""
    section = _closing_section(document)
    if section is None:
        document.element.body.append(element)
    else:
        section.addprevious(element)


def _closing_section(document: DocumentObject) -> BaseOxmlElement | None:
    """The body's closing section properties, when it has them (found from the end: lxml
    counts an element's children one by one, which made every block added cost more)."""
    body = document.element.body
    try:
        last = body[-1]
    except IndexError:
        return None
    return last if last.tag == _SECTION_TAG else None


def style_id(document: DocumentObject, name: str) -> str:
    """A paragraph style's id, looked up by name once per document."""
    cache: dict[str, str] = document.part.__dict__.setdefault("eventkit_style_ids", {})
    if name not in cache:
        cache[name] = document.styles[name].style_id
    return cache[name]


def _language_of(paragraph: Paragraph) -> str:
    return _language_of_part(paragraph.part)


def _language_of_part(part: object) -> str:
    return str(getattr(part, LANGUAGE_OF_PART, "nl"))


def heading(document: DocumentObject, text: str, level: int) -> Paragraph:
    """A heading in the base document's own heading style (Title for level 0)."""
    return paragraph(document, _heading_id(document, level), runs=_heading_run(document, text))


def heading_xml(document: DocumentObject, text: str, level: int, props: str = "") -> str:
    """A heading as XML (see `heading`), with more paragraph properties (in schema order
    after the style: keepNext, keepLines, pageBreakBefore, ...)."""
    return paragraph_xml(_heading_id(document, level), props, _heading_run(document, text))


def _heading_id(document: DocumentObject, level: int) -> str:
    return style_id(document, "Title" if level == 0 else f"Heading {level}")


def _heading_run(document: DocumentObject, text: str) -> str:
    return run_xml(text, _language_of_part(document.part))


def item(container: DocumentObject | _Cell, text: str, marker: str, indent_cm: float) -> Paragraph:
    """A list item drawn with its own marker and a hanging indent.

    Drawn rather than numbered through a list style: a school's base document may have
    no numbering definitions, and then Word would print the items without markers.
    """
    run = run_xml(f"{marker}\t{text}", _language_of_part(container.part))
    return paragraph(container, props=_item_props(indent_cm), runs=run)


def item_xml(
    text: str, marker: str, indent_cm: float, language: str, style_id: str | None = None
) -> str:
    """A list item as XML (see `item`), in a paragraph style given by its id if asked."""
    run = run_xml(f"{marker}\t{text}", language)
    return paragraph_xml(style_id, _item_props(indent_cm), run)


def _item_props(indent_cm: float) -> str:
    left = Cm(indent_cm + 0.5).twips
    return (
        f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
        f'<w:spacing w:before="0" w:after="20"/><w:ind w:left="{left}" w:hanging="283"/>'
    )


def picture_xml(part: StoryPart, image: bytes, width_cm: float) -> str:
    """A w:r showing `image`, `width_cm` wide, as XML for a fragment that declares the w,
    wp and r prefixes (`_DRAWING_NS`); the image becomes a new part related to `part`.

    The drawing is written as python-docx's `new_pic_inline` makes it. python-docx finds a
    new drawing id by reading every id in the document, and a new relationship id by
    comparing it with every relationship, which costs more for each picture added; both
    are counted here from the first free one instead (issue 13).
    """
    found = Image.from_blob(image)
    count = part.__dict__.get("eventkit_images", 0) + 1
    part.__dict__["eventkit_images"] = count
    name = PackURI(f"/word/media/eventkit{count}.{found.ext}")
    rid = _new_rid(part)
    part.rels.add_relationship(RT.IMAGE, ImagePart.from_image(found, name), rid)
    width, height = found.scaled_dimensions(Cm(width_cm), None)
    shape_id = part.__dict__.get("eventkit_next_id") or part.next_id
    part.__dict__["eventkit_next_id"] = shape_id + 1
    size = f'cx="{int(width)}" cy="{int(height)}"'
    return (
        f"<w:r><w:drawing><wp:inline {nsdecls('a', 'pic')}><wp:extent {size}/>"
        f'<wp:docPr id="{shape_id}" name="Picture {shape_id}"/><wp:cNvGraphicFramePr>'
        '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{escape(found.filename, _QUOTE)}"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
        '<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext {size}/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _new_rid(part: StoryPart) -> str:
    """The first free relationship id from the last one given (python-docx's own search
    starts at rId1 each time). Relationships are only ever added while a document is
    made, so this is the id python-docx would choose."""
    number = part.__dict__.get("eventkit_next_rid", 1)
    while f"rId{number}" in part.rels:
        number += 1
    part.__dict__["eventkit_next_rid"] = number + 1
    return f"rId{number}"


def _text_width(section: Section) -> Length:
    """The width between the margins (a section without a page size is A4)."""
    page = section.page_width or Cm(21)
    return Length(page - (section.left_margin or 0) - (section.right_margin or 0))


def page_footer(document: DocumentObject, text: str, page_word: str, of_word: str) -> None:
    """A footer on every page: the meeting, and 'page 3 of 7' (Word's PAGE and NUMPAGES
    fields, which Word and LibreOffice fill when they lay the pages out). A school base
    document keeps its own footer; this line is added under it."""
    for section in document.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        first = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph = first if not first.text.strip() else footer.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            _text_width(section), WD_TAB_ALIGNMENT.RIGHT
        )
        write(paragraph, f"{text}\t{page_word} ", size=8)
        _field(paragraph, "PAGE")
        write(paragraph, f" {of_word} ", size=8)
        _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A simple field (w:fldSimple) with a placeholder the office program replaces."""
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:rPr><w:sz w:val="16"/>'
        "</w:rPr><w:t>1</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(field)


def page_break(document: DocumentObject) -> None:
    paragraph(document).add_run().add_break(WD_BREAK.PAGE)


# --- tables --------------------------------------------------------------------------------


def table(container: DocumentObject | _Cell, widths_cm: Sequence[float]) -> Table:
    """A fixed-layout table with thin black borders and the given column widths (built as
    one XML fragment, as python-docx's add_table would make it)."""
    if isinstance(container, _Cell):
        grid = container.add_table(rows=0, cols=len(widths_cm))
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        grid.autofit = False
        for column, width in zip(grid.columns, widths_cm, strict=True):
            column.width = Cm(width)
        _borders(grid._tbl.tblPr, "single", 4)
        return grid
    element = parse_xml(table_xml(widths_cm).replace("<w:tbl>", f"<w:tbl {nsdecls('w')}>", 1))
    _append_block(container, element)
    return Table(element, container._body)


def table_xml(widths_cm: Sequence[float], rows: Sequence[str] = ()) -> str:
    """A table as XML (see `table`) holding `rows` (w:tr XML, as `rows_xml` makes them)."""
    columns = "".join(f'<w:gridCol w:w="{Cm(width).twips}"/>' for width in widths_cm)
    return (
        "<w:tbl><w:tblPr>"
        '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/>'
        f"{_borders_xml('single', 4)}"
        '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        f"</w:tblPr><w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def twips(widths_cm: Sequence[float]) -> list[int]:
    """Column widths in twentieths of a point, as `table` writes them in its grid."""
    return [Cm(width).twips for width in widths_cm]


def _borders_xml(kind: str, size: int) -> str:
    edges = "".join(
        f'<w:{side} w:val="{kind}" w:sz="{size}" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return f"<w:tblBorders>{edges}</w:tblBorders>"


def _borders(parent: BaseOxmlElement, kind: str, size: int) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), kind)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    parent.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )


def dashed_borders(grid: Table) -> None:
    """Cutting lines instead of solid borders (badges)."""
    old = grid._tbl.tblPr.find(qn("w:tblBorders"))
    if old is not None:
        grid._tbl.tblPr.remove(old)
    _borders(grid._tbl.tblPr, "dashed", 4)


def add_row(grid: Table, header: bool = False) -> _Row:
    """A row that is never split across pages; a header row repeats on every page."""
    row = grid.add_row()  # python-docx gives each cell its column's width
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    return row


def cell_text(cell: _Cell, text: str, size: float | None = None, bold: bool = False) -> Paragraph:
    """Write into a cell's first (empty) paragraph."""
    paragraph = table_text(cell.paragraphs[0])
    write(paragraph, text, size=size, bold=bold)
    return paragraph


def table_text(paragraph: Paragraph) -> Paragraph:
    """Put a paragraph in the table text style (by id: looking styles up by name is slow)."""
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = TABLE_TEXT_ID
    return paragraph


@dataclass(frozen=True)
class Cell:
    """A table cell's text, written bold and on a coloured ground when asked."""

    text: str
    bold: bool = False
    fill: str | None = None


def header_row(grid: Table, titles: Sequence[str], keep_next: bool = False) -> _Row:
    """Bold titles on grey that Word repeats at the top of every page the table spans."""
    rows(grid, [[Cell(title, bold=True, fill=GREY) for title in titles]], header=True,
         keep_next=keep_next)  # fmt: skip
    return grid.rows[-1]


def text_rows(grid: Table, values: Sequence[Sequence[str]], keep_together: bool = False) -> None:
    """Append rows of plain table text (see `rows`). With keep_together, every row but the
    last keeps with the next (the whole list on one page if it fits)."""
    rows(grid, values, keep_together=keep_together)


def column_twips(grid: Table) -> list[int]:
    """The widths of a table's columns in twentieths of a point."""
    return [Length(column.w or 0).twips for column in grid._tbl.tblGrid.gridCol_lst]


def rows(
    grid: Table,
    values: Sequence[Sequence[str | Cell]],
    keep_together: bool = False,
    header: bool = False,
    keep_next: bool = False,
    height_cm: float | None = None,
) -> None:
    """Append rows that are never split across pages, the same as add_row + cell_text +
    shade but built as one XML fragment: python-docx's element-by-element building made a
    100-table export take seconds (issue 13)."""
    language = str(getattr(grid.part, LANGUAGE_OF_PART, "nl"))
    xml = rows_xml(column_twips(grid), language, values, keep_together, header, keep_next,
                   height_cm)  # fmt: skip
    append_rows(grid, xml)


def rows_xml(
    widths: Sequence[int],
    language: str,
    values: Sequence[Sequence[str | Cell]],
    keep_together: bool = False,
    header: bool = False,
    keep_next: bool = False,
    height_cm: float | None = None,
) -> list[str]:
    """The w:tr XML of `rows` for columns `widths` twips wide (see `twips`)."""
    row_props = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    if height_cm is not None:  # exactly this high, whatever is written in it
        row_props += f'<w:trHeight w:val="{Cm(height_cm).twips}" w:hRule="exact"/>'
    xml = []
    for index, cells in enumerate(values):
        keep = keep_next or (keep_together and index < len(values) - 1)
        parts = "".join(
            _cell_xml(c if isinstance(c, Cell) else Cell(c), w, keep, language)
            for c, w in zip(cells, widths, strict=True)
        )
        xml.append(f"<w:tr><w:trPr>{row_props}</w:trPr>{parts}</w:tr>")
    return xml


def append_rows(grid: Table, rows: Sequence[str]) -> None:
    """Append rows given as w:tr XML (without namespace declarations), parsed at once."""
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")
    for row in list(fragment):
        grid._tbl.append(row)


def _cell_xml(cell: Cell, width: int, keep: bool, language: str) -> str:
    clean = xml_safe(cell.text).replace("\n", " ")
    bold = "<w:b/><w:bCs/>" if cell.bold else ""
    rpr = f"<w:rPr>{bold}{direction_xml(clean, language)}</w:rPr>"
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
    keep_xml = "<w:keepNext/>" if keep else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{TABLE_TEXT_ID}"/>{keep_xml}</w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">{escape(clean)}</w:t></w:r></w:p></w:tc>'
    )
