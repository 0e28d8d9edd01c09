"""The printed invitations: one A4 page per household, in its language, with a QR code.

Built for speed (600 households in a few seconds): the fixed words are translated once
per language (see data.py), each page is written as one XML string with direct run
formatting (no style lookups), all pages are parsed in one go, and every QR code is a
PNG made once and added as an image part under a name and relationship id of its own
(python-docx's add_picture searches all earlier images and ids on every call, which
grows quadratically with the number of pages).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.parts.image import ImagePart
from docx.shared import Cm

from ..exports import docx_base as dx
from . import qr
from .data import InvitationData, Letter, Page

QR_CM = 5.0  # at least 4 cm: phones and zbar read that reliably, even from a 150 dpi scan
MARGIN_CM = 2.0
GREY = "595959"  # 7:1 on white, prints as a readable grey
MONO = "Courier New"  # LibreOffice draws it with the metric-compatible Liberation Mono
Progress = Callable[[int], None]


def render(data: InvitationData, progress: Progress | None = None) -> tuple[str, str, bytes]:
    """The Word file: a page per household (or one page saying there are none yet)."""
    document = dx.new_document(None, "nl")
    dx.set_page(document, landscape=False, margin_cm=MARGIN_CM)
    document.core_properties.title = f"{data.letters['nl'].words['heading']}: {data.title}"
    xml = []
    for number, page in enumerate(data.pages, start=1):
        rid = _add_qr(document, page.url, number)
        xml.append(_page_xml(data, data.letters[page.language], page, rid, number))
        if progress:
            progress(number)
    if not data.pages:
        xml.append(_para(_run(data.letters["nl"].words["none"], size=12, italic=True), False))
    _append(document, "".join(xml))
    name = dx.filename(data.letters["nl"].words["heading"].lower(), data.title)
    return name, dx.DOCX_MIME, dx.to_bytes(document)


def _append(document: DocumentObject, xml: str) -> None:
    body = document.element.body
    fragment = parse_xml(f"<w:body {nsdecls('w', 'wp', 'a', 'pic', 'r')}>{xml}</w:body>")
    section = body.sectPr
    for child in list(fragment):
        if section is not None:
            section.addprevious(child)
        else:
            body.append(child)


def _add_qr(document: DocumentObject, url: str, number: int) -> str:
    part = document.part
    blob = qr.png(qr.matrix(url))
    image = ImagePart(PackURI(f"/word/media/eventkit-qr-{number}.png"), CT.PNG, blob)
    rid = f"rIdEventkitQr{number}"
    part.rels.add_relationship(RT.IMAGE, image, rid)
    return rid


# --- one page ------------------------------------------------------------------------------


def _page_xml(data: InvitationData, letter: Letter, page: Page, rid: str, number: int) -> str:
    words, rtl = letter.words, letter.rtl
    parts = [
        _para(_run(data.school, size=10, color=GREY), rtl, page_break=number > 1, after=2),
        _para(_run(words["heading"], size=13, color=GREY), rtl, after=0),
        _para(_run(data.title, size=22, bold=True), rtl, after=10),
        _para(_run(page.greeting, size=12), rtl, after=6),
        _para(_run(words["intro"], size=12), rtl, after=8),
    ]
    for label, value in letter.facts:
        parts.append(_para(_run(f"{label}: ", size=12, bold=True) + _run(value, size=12), rtl))
    parts += [
        _para(_run(words["pupil"], size=12, bold=True), rtl, before=8, after=8),
        _para(_run(words["answer"], size=12), rtl, after=4, keep_next=True),
        _picture(rid, number, page.url),
        _para(_run(page.url, size=14, bold=True, mono=True), False, centre=True, after=0),
        _para(_run(words["link_note"], size=10, color=GREY), rtl, centre=True, after=8),
    ]
    if letter.dutch_line:
        parts.append(_para(_run(letter.dutch_line, size=10, italic=True), False, after=8))
    parts += _about(data, letter)
    return "".join(parts)


def _about(data: InvitationData, letter: Letter) -> list[str]:
    words, rtl = letter.words, letter.rtl
    parts = []
    goal = [line.strip() for line in data.goal.splitlines() if line.strip()]
    if goal:
        parts.append(_para(_run(words["why"], size=12, bold=True), rtl, before=6, keep_next=True))
        parts += [_para(_run(line, size=11), rtl) for line in goal]
    if data.themes:
        parts.append(
            _para(_run(words["themes"], size=12, bold=True), rtl, before=6, keep_next=True)
        )
        parts += [_para(_run(f"•  {title}", size=11), rtl, after=0) for title in data.themes]
    return parts


def _picture(rid: str, number: int, url: str) -> str:
    size = Cm(QR_CM)
    graphic = (
        f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="qr-{number}.png"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{size}" cy="{size}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
    )
    inline = (
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{size}" cy="{size}"/>'
        f'<wp:docPr id="{10000 + number}" name="QR {number}" descr="{_text(url)}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f"{graphic}</wp:inline>"
    )
    return (
        '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'
        f"</w:pPr><w:r><w:drawing>{inline}</w:drawing></w:r></w:p>"
    )


# --- paragraphs and runs as XML ------------------------------------------------------------


def _para(
    runs: str,
    rtl: bool,
    *,
    page_break: bool = False,
    keep_next: bool = False,
    centre: bool = False,
    before: int = 0,
    after: int = 3,
) -> str:
    """A paragraph; pPr children in schema order (keepNext, pageBreakBefore, bidi, spacing, jc).
    Right-to-left letters use bidi paragraphs without jc, so they start at the right."""
    ppr = (
        ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if page_break else "")
        + ("<w:bidi/>" if rtl else "")
        + f'<w:spacing w:before="{before * 20}" w:after="{after * 20}"/>'
        + ('<w:jc w:val="center"/>' if centre else "")
    )
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _run(
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
    color: str = "",
) -> str:
    """A run with direct formatting; rPr children in schema order. Complex-script size and
    weight are set too, since Word draws Arabic with those."""
    half_points = int(size * 2)
    rpr = (
        (f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' if mono else "")
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        + ("<w:rtl/>" if dx.is_rtl(text) else "")
    )
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _text(value: str) -> str:
    """XML-escaped, without the control characters XML 1.0 forbids."""
    clean = "".join(c for c in value if c >= " " or c == "\t")
    return escape(clean, {'"': "&quot;"})
