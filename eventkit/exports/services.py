"""Exports of a meeting, and the school's Word base document they start from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import partial
from pathlib import PurePath

from ..extensions import db
from ..models import Event, School
from . import cards, pdf, report, runsheet, tablesheets
from .data import RunsheetData, runsheet_data
from .docx_base import BaseDocumentError, normalise_base
from .report_data import ReportData, report_data

Export = tuple[str, str, bytes]
Renderer = Callable[[RunsheetData, bytes | None], Export]

RENDERERS: Mapping[str, Renderer] = {
    "runsheet": runsheet.render,
    "tablesheets": tablesheets.render,
    "cards": cards.render,
    "badges": cards.render_badges,
}
# Documents made from the evening's outcomes rather than the plan.
AFTER_THE_EVENING = ("report",)
KINDS = (*RENDERERS, *AFTER_THE_EVENING)


def export(event: Event, kind: str, base_url: str, as_pdf: bool = False) -> Export:
    """One printed document of a meeting (raises KeyError for an unknown kind, PdfError)."""
    if kind == "report":
        result = report.render(report_data(event), event.school.docx_template)
    else:
        render = RENDERERS[kind]
        result = render(runsheet_data(event, base_url), event.school.docx_template)
    return pdf.to_pdf(*result) if as_pdf else result


def store_base(school: School, name: str, raw: bytes) -> None:
    """Keep an uploaded .docx/.dotx as the school's base document.

    Raises BaseDocumentError, leaving the school unchanged, unless python-docx opens it
    and every export can be made on it.
    """
    document = normalise_base(raw)
    _try_exports(document)
    school.docx_template = document
    stem = PurePath(name.strip()).stem[:190] or "template"
    school.docx_template_name = f"{stem}.docx"  # a .dotx is stored as a document
    db.session.commit()


def remove_base(school: School) -> None:
    school.docx_template = None
    school.docx_template_name = ""
    db.session.commit()


def _try_exports(base: bytes) -> None:
    sample = RunsheetData(
        language="nl",
        title="Proef",
        school="School",
        date=date(2026, 1, 1),
        start=datetime(2026, 1, 1, 19),
        end=datetime(2026, 1, 1, 21),
    )
    report_sample = ReportData(
        language="nl", title="Proef", school="School", date=sample.date, start=sample.start
    )
    attempts: list[Callable[[], Export]] = [partial(r, sample, base) for r in RENDERERS.values()]
    attempts.append(partial(report.render, report_sample, base))
    for attempt in attempts:
        try:
            attempt()
        except Exception as error:  # any failure means exports would fail on this base too
            raise BaseDocumentError(
                "unusable", f"the exports cannot be made on it ({error})", detail=str(error)
            ) from error
