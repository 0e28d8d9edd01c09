"""`eventkit export KIND EVENT_ID [-o FILE] [--pdf]`: one command per kind in the registry
(run-sheet, table sheets, cards, badges, report, responses, ics, …), plus
`eventkit export invitations EVENT_ID [--class 2B]`. The file's format follows -o's
extension when the kind makes several (responses: .xlsx or .csv); --pdf for Word files."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from ..invitations.cli import invitations_command
from ..models import Event
from .registry import EXPORTERS, Exporter, Options

# Kinds with a command of their own (extra options), made through the same registry.
OWN_COMMANDS = {"invitations": invitations_command}


@click.group("export")
def export_group() -> None:
    """Print or save a meeting's files: run-sheet, table sheets, cards, badges, report, …"""


def _event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"no meeting with id {event_id}")
    return event


def _format(exporter: Exporter, output: Path | None, as_pdf: bool) -> str:
    """--pdf, else the format -o's extension names, else the kind's first."""
    if as_pdf:
        return "pdf"
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if suffix in exporter.formats and suffix != "pdf":
        return suffix
    made = [f for f in exporter.formats if f != "pdf"]
    if output is not None and len(made) > 1:
        raise click.ClickException(f"the file must end in {' or '.join('.' + f for f in made)}")
    return exporter.formats[0]


def _export(exporter: Exporter, event_id: int, output: Path | None, as_pdf: bool) -> None:
    from .pdf import PdfError

    event = _event(event_id)
    fmt = _format(exporter, output, as_pdf)
    options = Options(fmt=fmt, base_url=current_app.config["EVENTKIT_BASE_URL"])
    try:
        with current_app.test_request_context():  # the staff's words, in the default locale
            name, _mimetype, body = exporter.render(event, options)
    except PdfError as error:
        raise click.ClickException(str(error)) from error
    target = output or Path(name)
    if as_pdf and target.suffix.lower() == ".docx":
        target = target.with_suffix(".pdf")  # never a PDF inside a file named .docx
    target.write_bytes(body)
    click.echo(f"Written: {target} ({len(body) // 1024} kB)")


def _add_command(exporter: Exporter) -> None:
    @export_group.command(exporter.id, help=exporter.help)
    @click.argument("event_id", type=int)
    @click.option(
        "-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help="File to write (default: a name from the meeting's title, here).",
    )  # fmt: skip
    @click.option(
        "--pdf", "as_pdf", is_flag=True, hidden="pdf" not in exporter.formats,
        help="Write a PDF (needs LibreOffice).",
    )  # fmt: skip
    @with_appcontext
    def command(event_id: int, output: Path | None, as_pdf: bool) -> None:
        if as_pdf and "pdf" not in exporter.formats:
            raise click.ClickException(f"{exporter.id} has no PDF")
        _export(exporter, event_id, output, as_pdf)


for _exporter in EXPORTERS:
    if _exporter.id in OWN_COMMANDS:
        export_group.add_command(OWN_COMMANDS[_exporter.id])
    else:
        _add_command(_exporter)
