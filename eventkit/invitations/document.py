"""The printed invitations: one A4 page per household, in its language, with a QR code.

Built for speed and little memory (600 households in a few seconds): the fixed words are
translated once per language (see data.py); python-docx makes only the package around
the pages (styles, A4 section, properties) with a marker paragraph; each page is then
written as an XML string with direct run formatting (no style lookups) and spliced into
word/document.xml in place of the marker, with every QR code added as a media file and
an image relationship of its own. No lxml tree of 600 pages is ever built, and
python-docx's add_picture (which searches all earlier images and ids on every call, a
quadratic cost) is not used.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from xml.sax.saxutils import escape  # nosec B406 # escapes text we write; parses nothing

from docx.shared import Cm

from ..domain.text import filename
from ..exports import docx_base as dx
from . import qr
from .data import InvitationData, Letter, Logo, Page

LOGO_CM = 1.8  # the school's logo above each letter
LOGO_RID = "rIdEventkitLogo"
QR_CM = 5.0  # at least 4 cm: phones and zbar read that reliably, even from a 150 dpi scan
MARGIN_CM = 2.0
GREY = "595959"  # 7:1 on white, prints as a readable grey
MONO = "Courier New"  # LibreOffice draws it with the metric-compatible Liberation Mono
MARKER = "eventkit-invitation-pages"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
NS = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
Progress = Callable[[int], None]


def render(data: InvitationData, progress: Progress | None = None) -> tuple[str, str, bytes]:
    """The Word file: a page per household (or one page saying there are none yet)."""
    logo = data.logo if data.pages else None
    body = _splice(_skeleton(data), _pages(data, progress), len(data.pages), logo)
    name = filename(data.letters["nl"].words["heading"].lower(), data.title)
    return name, dx.DOCX_MIME, body


def _pages(data: InvitationData, progress: Progress | None) -> Iterator[tuple[bytes, bytes]]:
    """Each page as UTF-8 XML with its QR code PNG, made one at a time as the file is written."""
    for number, page in enumerate(data.pages, start=1):
        image = qr.png_for(page.url)
        yield _page_xml(data, data.letters[page.language], page, number).encode(), image
        if progress:
            progress(number)
    if not data.pages:
        notice = _para(_run(data.letters["nl"].words["none"], 12, italic=True), False)
        yield notice.encode(), b""


def _skeleton(data: InvitationData) -> bytes:
    """The package around the pages: A4, fonts, language, title, and the marker."""
    document = dx.new_document(None, "nl")
    dx.set_page(document, landscape=False, margin_cm=MARGIN_CM)
    dx.set_properties(document, f"{data.letters['nl'].words['heading']}: {data.title}", data.school)
    document.add_paragraph(MARKER)
    return dx.to_bytes(document)


def _splice(
    skeleton: bytes, pages: Iterable[tuple[bytes, bytes]], count: int, logo: Logo | None = None
) -> bytes:
    """The skeleton's parts, with the pages streamed into word/document.xml where the
    marker paragraph was (never held all at once), the `count` QR codes and the logo added."""
    images: list[bytes] = []
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(skeleton)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = _around_marker(content)
                with target.open(info, "w") as stream:
                    stream.write(head)
                    for page, image in pages:
                        stream.write(page)
                        images.append(image)
                    stream.write(tail)
                continue
            if info.filename == "word/_rels/document.xml.rels":
                content = _with_images(content.decode(), count, logo).encode()
            elif info.filename == "[Content_Types].xml":
                content = _with_image_types(content.decode(), logo).encode()
            target.writestr(info, content)
        for number, image in enumerate(images[:count], start=1):
            # PNGs are compressed already: stored, not deflated again.
            target.writestr(_media(number), image, compress_type=zipfile.ZIP_STORED)
        if logo is not None:
            target.writestr(f"word/{_logo_target(logo)}", logo.image, zipfile.ZIP_STORED)
    return out.getvalue()


def _around_marker(xml: bytes) -> tuple[bytes, bytes]:
    """document.xml before and after the marker paragraph."""
    pattern = rb"<w:p>(?:(?!<w:p[ >]).)*?" + MARKER.encode() + rb".*?</w:p>"
    found = list(re.finditer(pattern, xml, re.DOTALL))
    assert len(found) == 1, "the marker paragraph is missing"
    return xml[: found[0].start()], xml[found[0].end() :]


def _with_images(rels: str, count: int, logo: Logo | None = None) -> str:
    added = "".join(
        f'<Relationship Id="{_rid(n)}" Type="{IMAGE_REL}" Target="media/eventkit-qr-{n}.png"/>'
        for n in range(1, count + 1)
    )
    if logo is not None:
        added += f'<Relationship Id="{LOGO_RID}" Type="{IMAGE_REL}" Target="{_logo_target(logo)}"/>'
    return rels.replace("</Relationships>", added + "</Relationships>")


def _with_image_types(types: str, logo: Logo | None = None) -> str:
    """PNG (the QR codes) and the logo's type as content types of the package."""
    for extension in ("png", logo.extension if logo else "png"):
        if f'Extension="{extension}"' not in types:
            default = f'<Default Extension="{extension}" ContentType="image/{extension}"/>'
            types = types.replace("<Default ", default + "<Default ", 1)
    return types


def _logo_target(logo: Logo) -> str:
    return f"media/eventkit-logo.{logo.extension}"


def _rid(number: int) -> str:
    return f"rIdEventkitQr{number}"


def _media(number: int) -> str:
    return f"word/media/eventkit-qr-{number}.png"


# --- one page ------------------------------------------------------------------------------


def _page_xml(data: InvitationData, letter: Letter, page: Page, number: int) -> str:
    words, rtl = letter.words, letter.rtl
    run = partial(_run, language=letter.language)
    parts = [_logo(data, number)] if data.logo else []
    parts += [
        _para(
            run(data.school, size=10, color=GREY),
            rtl,
            page_break=number > 1 and not parts,
            after=2,
        ),  # fmt: skip
        *_heading(data, letter),
        _para(run(page.greeting, size=12), rtl, after=6),
        *(
            [_para(run(page.children_line, size=12, bold=True), rtl, after=6)]
            if page.children_line
            else []
        ),
        _para(run(words["intro"], size=12), rtl, after=8),
    ]
    for label, value in letter.facts:
        parts.append(_para(run(f"{label}: ", size=12, bold=True) + run(value, size=12), rtl))
    parts += [
        _para(run(words["pupil"], size=12, bold=True), rtl, before=8, after=8),
        _para(run(words["answer"], size=12), rtl, after=4, keep_next=True),
        _picture(number, page.url),
        _para(run(page.url, size=14, bold=True, mono=True), False, centre=True, after=0),
        _para(run(words["link_note"], size=10, color=GREY), rtl, centre=True, after=8),
    ]
    if letter.contact:
        parts.append(_para(_contact_runs(letter.contact, letter.language), rtl, after=8))
    if letter.dutch_line:
        parts.append(_para(_run(letter.dutch_line, size=10, italic=True), False, after=8))
    parts += _about(data, letter)
    return "".join(parts)


def _heading(data: InvitationData, letter: Letter) -> list[str]:
    """The meeting's title as the largest heading when it is in the letter's language; else
    "Invitation" in that language is, with the Dutch title below it, marked as Dutch."""
    words, rtl = letter.words, letter.rtl
    title, title_lang = data.title_in(letter.language)
    if title_lang == letter.language:
        return [
            _para(
                _run(words["heading"], size=13, color=GREY, language=letter.language), rtl, after=0
            ),
            _para(_run(title, size=22, bold=True, language=letter.language), rtl, after=10),
        ]
    return [
        _para(_run(words["heading"], size=22, bold=True, language=letter.language), rtl, after=0),
        _para(_dutch_runs(title, letter, size=14, bold=True), rtl, after=10),
    ]


def _dutch_runs(text: str, letter: Letter, size: float, bold: bool = False) -> str:
    """A school text left in Dutch, and a note that it is. In a right-to-left letter the
    Dutch sits in a first-strong isolate, so "Aanwezigheid 1. en verzuim" keeps its order."""
    if letter.language == "nl":
        return _run(text, size, bold=bold)
    isolated = f"\u2068{text}\u2069" if letter.rtl else text
    note = f"  ({letter.words['only_dutch']})"
    note_run = _run(note, size=9, color=GREY, language=letter.language)
    return _run(isolated, size, bold=bold) + note_run


def _contact_runs(contact: str, language: str) -> str:
    """The number on a line of its own: LibreOffice breaks even no-break spaces inside a
    left-to-right isolate in an Arabic line, which split the number over two lines."""
    run = partial(_run, language=language)
    words, isolate, number = contact.partition("\u2066")
    if not isolate:
        return run(contact, size=12, bold=True)
    line_break = "<w:r><w:br/></w:r>"
    return run(words.rstrip(), 12, bold=True) + line_break + run(isolate + number, 12, bold=True)


def _about(data: InvitationData, letter: Letter) -> list[str]:
    words, rtl = letter.words, letter.rtl
    run = partial(_run, language=letter.language)
    parts = []
    text, text_language = data.goal_in(letter.language)
    goal = [line.strip() for line in text.splitlines() if line.strip()]
    if goal:
        parts.append(_para(run(words["why"], size=12, bold=True), rtl, before=6, keep_next=True))
        if text_language == letter.language:
            parts += [_para(run(line, size=11), rtl) for line in goal]
        else:  # Dutch: left to right, the note after its last line
            parts += [_para(_run(line, size=11), False) for line in goal[:-1]]
            parts.append(_para(_dutch_runs(goal[-1], letter, size=11), False))
    themes = data.themes_in(letter.language)
    if themes:
        parts.append(_para(run(words["themes"], size=12, bold=True), rtl, before=6, keep_next=True))
        for title, title_lang in themes:
            runs = run("•  ", size=11) + (
                run(title, size=11)
                if title_lang == letter.language
                else _dutch_runs(title, letter, size=11)
            )
            parts.append(_para(runs, rtl, after=0))
    closing, closing_lang = data.closing_in(letter.language)
    if closing.strip():
        runs = (
            run(closing.strip(), size=11)
            if closing_lang == letter.language
            else _dutch_runs(closing.strip(), letter, size=11)
        )
        parts.append(_para(runs, rtl and closing_lang == letter.language, before=8))
    return parts


def _logo(data: InvitationData, number: int) -> str:
    """The school's logo at the top of the page, LOGO_CM high (never wider than 8 cm)."""
    assert data.logo is not None
    ratio = data.logo.width / max(1, data.logo.height)
    height = min(Cm(LOGO_CM), int(Cm(8) / max(ratio, 0.01)))
    width = int(height * ratio)
    inline = _inline(LOGO_RID, "logo", width, height, data.school, 5000 + number)
    page_break = "<w:pageBreakBefore/>" if number > 1 else ""
    return (
        f'<w:p><w:pPr>{page_break}<w:spacing w:before="0" w:after="80"/></w:pPr>'
        f"<w:r><w:drawing>{inline}</w:drawing></w:r></w:p>"
    )


def _picture(number: int, url: str) -> str:
    """The QR code, 5 cm square and centred."""
    size = Cm(QR_CM)
    inline = _inline(_rid(number), f"qr-{number}.png", size, size, url, 10000 + number)
    return (
        '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>'
        f"</w:pPr><w:r><w:drawing>{inline}</w:drawing></w:r></w:p>"
    )


def _inline(rid: str, name: str, width: int, height: int, descr: str, doc_id: int) -> str:
    """A picture in the text. Namespaces are declared on the elements themselves, so the
    drawing is valid whatever the document root declares."""
    ns = {prefix: f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items()}
    graphic = (
        f'<a:graphic {ns["a"]}><a:graphicData uri="{NS["pic"]}"><pic:pic {ns["pic"]}>'
        f'<pic:nvPicPr><pic:cNvPr id="0" name="{_text(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip {ns["r"]} r:embed="{rid}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
    )
    return (
        f'<wp:inline {ns["wp"]} distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/>'
        f'<wp:docPr id="{doc_id}" name="{_text(name)}" descr="{_text(descr)}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks {ns["a"]} noChangeAspect="1"/>'
        f"</wp:cNvGraphicFramePr>{graphic}</wp:inline>"
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
    language: str = "nl",
) -> str:
    """A run with direct formatting; rPr children in schema order. Complex-script size and
    weight are set too, since Word draws Arabic with those; the run's language (w:lang, the
    bidi one for right-to-left text) keeps Word from marking Turkish or Arabic as Dutch."""
    half_points = int(size * 2)
    rpr = (
        (f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}"/>' if mono else "")
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        + ("<w:rtl/>" if dx.is_rtl(text) else "")
        + dx.lang_xml(text, language)
    )
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f]")  # all but the tab


def _text(value: str) -> str:
    """XML-escaped, without the control characters XML 1.0 forbids."""
    clean = _CONTROL.sub("", value)
    return escape(clean, {'"': "&quot;"})
