"""`eventkit export runsheet|tablesheets|cards|badges|report EVENT_ID -o FILE [--pdf]`,
`eventkit export responses EVENT_ID -o FILE.xlsx|FILE.csv`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from ..invitations.cli import invitations_command
from ..models import Event

KINDS = {
    "runsheet": "The run-sheet (draaiboek): agenda, themes, preparation, team.",
    "tablesheets": "One page per theme table for its facilitator.",
    "cards": "Table cards: table number, theme and a QR code to the table's notes.",
    "badges": "Name badges: first name, role and table number.",
    "report": "The follow-up report: attendance, outcomes, evaluation charts, actions.",
}


@click.group("export")
def export_group() -> None:
    """Print a meeting: run-sheet, table sheets, table cards, name badges, follow-up report."""


def _event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    return event


def _write(target: Path, body: bytes) -> None:
    target.write_bytes(body)
    click.echo(f"Written: {target} ({len(body) // 1024} kB)")


def _export(kind: str, event_id: int, output: Path | None, as_pdf: bool) -> None:
    from . import services
    from .pdf import PdfError

    event = _event(event_id)
    base_url = current_app.config["EVENTKIT_BASE_URL"]
    try:
        name, _mimetype, body = services.export(event, kind, base_url, as_pdf=as_pdf)
    except PdfError as error:
        raise click.ClickException(str(error)) from error
    target = output or Path(name)
    if as_pdf and target.suffix.lower() == ".docx":
        target = target.with_suffix(".pdf")  # never a PDF inside a file named .docx
    _write(target, body)


def _add_command(kind: str, help_text: str) -> None:
    @export_group.command(kind, help=help_text)
    @click.argument("event_id", type=int)
    @click.option(
        "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="File to write (default: a name from the meeting's title, here).",
    )  # fmt: skip
    @click.option("--pdf", "as_pdf", is_flag=True, help="Write a PDF (needs LibreOffice).")
    @with_appcontext
    def command(event_id: int, output: Path | None, as_pdf: bool) -> None:
        _export(kind, event_id, output, as_pdf)


for _kind, _help in KINDS.items():
    _add_command(_kind, _help)


@export_group.command("responses")
@click.argument("event_id", type=int)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write, .xlsx or .csv (default: an .xlsx named after the meeting, here).",
)  # fmt: skip
@with_appcontext
def responses_command(event_id: int, output: Path | None) -> None:
    """The response overview: who comes, adults, pupils, interpreters, childcare, questions."""
    from ..clock import school_now
    from ..invitations.texts import language_name
    from . import responses

    event = _event(event_id)
    kind = "csv" if output is not None and output.suffix.lower() == ".csv" else "xlsx"
    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise click.ClickException("the file must end in .xlsx or .csv")
    with current_app.test_request_context():  # the staff's words, in the default locale
        name, _mimetype, body = responses.export(
            event, kind, lambda code: language_name(code, "nl"), school_now()
        )
    _write(output or Path(name), body)


@export_group.command("ics")
@click.argument("event_id", type=int)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (default: a name from the meeting's title, here).",
)  # fmt: skip
@with_appcontext
def ics_command(event_id: int, output: Path | None) -> None:
    """The meeting as a calendar file (.ics) for any calendar program."""
    from ..calendar.ics import export

    event = _event(event_id)
    name, _mimetype, body = export(event)
    _write(output or Path(name), body)


export_group.add_command(invitations_command)
