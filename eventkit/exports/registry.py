"""Every file eventkit hands out about a meeting, in one registry (issue 12).

Each exporter has an id (the CLI's KIND and the web's /export/<id>.<format>), a label,
who may use it (staff roles), whether it holds personal data, its formats, and one
`render(event, options) -> Export(filename, mimetype, body)`. The web (`send_export`),
the CLI (`eventkit export KIND ID`) and background jobs all go through here, so a file
has one name, one set of readers and one way out (as pretix's exporter base does).

The renderers themselves stay where they are (runsheet, cards, responses, ics, …): data
in, bytes out. This module only gathers their data from a meeting and names the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from importlib import import_module
from typing import NamedTuple

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from ..domain.text import filename
from ..models import Event, Role
from . import pdf


class Export(NamedTuple):
    """A finished file: what the web sends, the CLI writes and a job stores."""

    filename: str
    mimetype: str
    body: bytes


@dataclass(frozen=True)
class Options:
    """What a render may need besides the meeting; every field has a safe default."""

    fmt: str = ""  # one of the exporter's formats; empty: its first
    base_url: str = ""  # links printed in the file (QR codes)
    now: datetime | None = None  # when the file is made (spreadsheets say so)
    classes: tuple[str, ...] = ()  # invitations: only these classes
    progress: Callable[[int], None] | None = None  # background jobs: items done


Make = Callable[[Event, Options], tuple[str, str, bytes]]

EVERYONE = frozenset(r.value for r in Role)  # every signed-in member of the school's team
EDITORS = frozenset((Role.ADMIN.value, Role.COORDINATOR.value, Role.TEAM.value))
OFFICE = ("docx", "pdf")  # a Word file, or the same made into PDF by LibreOffice


@dataclass(frozen=True)
class Exporter:
    id: str
    label: str | LazyString
    help: str  # one line for `eventkit export --help`
    make: Make
    formats: tuple[str, ...]
    roles: frozenset[str] = EVERYONE
    #: names, contact data or personal links: never kept by a browser or proxy, and audited
    personal: bool = True
    #: made by the worker (eventkit.jobs), not during the web request
    background: bool = False
    #: the audit log's name for a download (default `<id>.<format>`)
    audit_as: str = ""

    def allows(self, role: str) -> bool:
        return role in self.roles

    def render(self, event: Event, options: Options | None = None) -> Export:
        """The file (KeyError for a format it does not make; pdf.PdfError)."""
        options = options or Options()
        fmt = options.fmt or self.formats[0]
        if fmt not in self.formats:
            raise KeyError(f"{self.id} has no format {fmt!r}")
        if fmt == "pdf":
            return Export(*pdf.to_pdf(*self.make(event, replace(options, fmt="docx"))))
        return Export(*self.make(event, replace(options, fmt=fmt)))

    def audit_name(self, fmt: str) -> str:
        return self.audit_as or f"{self.id}.{fmt or self.formats[0]}"


# --- how each file is made from a meeting --------------------------------------------------


def _printed(module: str, function: str = "render") -> Make:
    """A facilitators' document (run-sheet, table sheets, cards, badges) on the school's
    Word base document. The renderers are imported when used: they import much of the
    app, which in turn reaches this registry (invitations, jobs)."""

    def make(event: Event, options: Options) -> tuple[str, str, bytes]:
        from .data import runsheet_data

        render = getattr(import_module(f".{module}", __package__), function)
        result: tuple[str, str, bytes] = render(
            runsheet_data(event, options.base_url), event.school.docx_template
        )
        return result

    return make


def _report(event: Event, options: Options) -> tuple[str, str, bytes]:
    from . import report
    from .report_data import report_data

    return report.render(report_data(event), event.school.docx_template)


def calendar(
    event: Event, *, link: str = "", language: str | None = None
) -> tuple[str, str, bytes]:
    """The meeting as an .ics; a parent's copy carries their link and their language."""
    from ..calendar import ics

    body = ics.event_calendar(event, method="PUBLISH", link=link, language=language)
    return filename("calendar", event.title, "ics"), ics.MIMETYPE, body


def _calendar(event: Event, options: Options) -> tuple[str, str, bytes]:
    return calendar(event)


def language_name(code: str) -> str:
    """A language's name in the reader's own language (the staff's locale)."""
    from ..invitations.texts import language_name as name_in

    return name_in(code, str(get_locale() or "nl"))


def _responses(event: Event, options: Options) -> tuple[str, str, bytes]:
    from ..clock import school_now
    from . import responses

    return responses.export(event, options.fmt, language_name, options.now or school_now())


def _table_lists(event: Event, options: Options) -> tuple[str, str, bytes]:
    """Table, theme, name, role, language: a CSV that Excel opens (BOM, semicolons)."""
    from ..domain.people import safe_cell
    from ..grouping import services as grouping
    from ..labels import ROLE_NAMES

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Table"), _("Theme"), _("Name"), _("Role"), _("Language")])
    for table, members in grouping.table_lists(event):
        theme = table.theme.title if table.theme else ""
        for person in members:
            writer.writerow([table.number, theme, safe_cell(person.name), ROLE_NAMES[person.role],
                             person.language])  # fmt: skip
    return "tafellijsten.csv", "text/csv", ("\ufeff" + out.getvalue()).encode()


def agenda_file(data: Mapping[str, object], name: str) -> tuple[str, str, bytes]:
    """An agenda template as JSON (the meeting's own, or one the school saved)."""
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return filename("agenda", name, "json"), "application/json", body


def _agenda(event: Event, options: Options) -> tuple[str, str, bytes]:
    from ..agenda import services as agenda
    from ..domain.planning import template_to_dict

    return agenda_file(template_to_dict(agenda.as_template(event, event.title)), event.title)


def _translations(event: Event, options: Options) -> tuple[str, str, bytes]:
    from ..languages import services as languages

    return languages.workbook(event)


def _invitations(event: Event, options: Options) -> tuple[str, str, bytes]:
    from ..invitations import document
    from ..invitations.data import invitation_data

    data = invitation_data(event, options.base_url, options.classes)
    return document.render(data, options.progress)


def _aftercare_qr(event: Event, options: Options) -> tuple[str, str, bytes]:
    """The QR code of the meeting's public aftercare page, to print on a poster."""
    from ..aftercare import public
    from ..invitations import qr

    url = public.public_url(options.base_url, event)
    return "aftercare-qr.svg", "image/svg+xml", qr.svg_for(url, label=url).encode()


EXPORTERS: tuple[Exporter, ...] = (
    Exporter("runsheet", _l("Run-sheet"),
             "The run-sheet (draaiboek): agenda, themes, preparation, team.",
             _printed("runsheet"), OFFICE),
    Exporter("tablesheets", _l("Table sheets"), "One page per theme table for its facilitator.",
             _printed("tablesheets"), OFFICE),
    Exporter("cards", _l("Table cards"),
             "Table cards: table number, theme and a QR code to the table's notes.",
             _printed("cards"), OFFICE),
    Exporter("badges", _l("Name badges"), "Name badges: first name, role and table number.",
             _printed("cards", "render_badges"), OFFICE),
    Exporter("report", _l("Follow-up report"),
             "The follow-up report: attendance, outcomes, evaluation charts, actions.",
             _report, OFFICE),
    Exporter("ics", _l("Calendar file"),
             "The meeting as a calendar file (.ics) for any calendar program.",
             _calendar, ("ics",), personal=False),
    Exporter("responses", _l("Response overview"),
             "The response overview: who comes, adults, pupils, interpreters, childcare, "
             "questions.", _responses, ("xlsx", "csv")),
    Exporter("table-lists", _l("Table lists"), "The table lists: table, theme, name, role.",
             _table_lists, ("csv",), audit_as="tafellijsten.csv"),
    Exporter("agenda", _l("Agenda template"),
             "The agenda, themes and tasks as a template file for another meeting.",
             _agenda, ("json",), personal=False),
    Exporter("translations", _l("Texts to translate"),
             "The meeting's texts for parents, a column per language, for translators.",
             _translations, ("xlsx",), personal=False),
    Exporter("invitations", _l("Invitation letters"),
             "Personal invitations: one A4 page per household, in its language, with a QR code.",
             _invitations, ("docx",), roles=EDITORS, background=True),
    Exporter("aftercare-qr", _l("QR code of the aftercare page"),
             "The QR code to the meeting's public aftercare page, as SVG.",
             _aftercare_qr, ("svg",), personal=False),
)  # fmt: skip
REGISTRY: Mapping[str, Exporter] = {exporter.id: exporter for exporter in EXPORTERS}


def get(exporter_id: str) -> Exporter:
    """The exporter with this id (KeyError otherwise)."""
    return REGISTRY[exporter_id]


def find(exporter_id: str) -> Exporter | None:
    return REGISTRY.get(exporter_id)
