"""The school's Word base document the printed exports start from (the exports
themselves: eventkit.exports.registry)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import PurePath

from ..extensions import db
from ..models import School
from . import cards, report, runsheet, tablesheets
from .data import RunsheetData
from .docx_base import BaseDocumentError, normalise_base
from .report_data import ReportData

Export = tuple[str, str, bytes]
Renderer = Callable[[RunsheetData, bytes | None], Export]

# The documents made on the school's Word base document, tried on every new one.
ON_THE_BASE: tuple[Renderer, ...] = (
    runsheet.render, tablesheets.render, cards.render, cards.render_badges,
)  # fmt: skip


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
    attempts: list[Callable[[], Export]] = [partial(r, sample, base) for r in ON_THE_BASE]
    attempts.append(partial(report.render, report_sample, base))
    for attempt in attempts:
        try:
            attempt()
        except Exception as error:  # any failure means exports would fail on this base too
            raise BaseDocumentError(
                "unusable", f"the exports cannot be made on it ({error})", detail=str(error)
            ) from error
