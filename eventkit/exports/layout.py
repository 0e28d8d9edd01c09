"""The start and end every printed export shares: page, title, file name, empty notice."""

from __future__ import annotations

from docx.document import Document as DocumentObject

from ..domain.text import filename
from . import docx_base as dx
from .data import RunsheetData
from .texts import language_of, text


def start(
    data: RunsheetData, kind: str, base: bytes | None, landscape: bool, margin_cm: float = 1.5
) -> tuple[DocumentObject, str]:
    """A new A4 document for `kind` (runsheet, tablesheets, cards, badges) and its language."""
    lang = language_of(data.language)
    document = dx.new_document(base, lang)
    dx.set_page(document, landscape=landscape, margin_cm=margin_cm)
    dx.set_properties(document, f"{text(lang, kind)}: {data.title}", data.school)
    return document, lang


def finish(document: DocumentObject, data: RunsheetData, kind: str) -> tuple[str, str, bytes]:
    name = filename(text(language_of(data.language), f"file_{kind}"), data.title)
    return name, dx.DOCX_MIME, dx.to_bytes(document)


def nothing_yet(document: DocumentObject, lang: str, kind: str, notice: str) -> None:
    """A page that says what is missing, rather than an empty document."""
    dx.heading(document, text(lang, kind), 1)
    dx.write(dx.paragraph(document), text(lang, notice), italic=True)
