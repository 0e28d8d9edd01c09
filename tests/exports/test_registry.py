"""The exporter registry: every file the app hands out, for whom, through the web and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient

from eventkit.exports.registry import EXPORTERS, REGISTRY, Exporter
from eventkit.exports.sending import content_disposition
from eventkit.extensions import db
from eventkit.models import Event, Role, School, User
from tests.conftest import PASSWORD

EVERYONE = {"admin", "coordinator", "team", "facilitator"}
EDITORS = {"admin", "coordinator", "team"}
# The registry as the school's team meets it: id -> (formats, who may have it, personal data).
EXPECTED = {
    "runsheet": (("docx", "pdf"), EVERYONE, True),
    "tablesheets": (("docx", "pdf"), EVERYONE, True),
    "cards": (("docx", "pdf"), EVERYONE, True),
    "badges": (("docx", "pdf"), EVERYONE, True),
    "report": (("docx", "pdf"), EVERYONE, True),
    "ics": (("ics",), EVERYONE, False),
    "responses": (("xlsx", "csv"), EVERYONE, True),
    "table-lists": (("csv",), EVERYONE, True),
    "agenda": (("json",), EVERYONE, False),
    "translations": (("xlsx",), EVERYONE, False),
    "invitations": (("docx",), EDITORS, True),
    "aftercare-qr": (("svg",), EVERYONE, False),
}
VISITORS = ("coordinator", "team", "facilitator", "anonymous", "other school")
# The addresses pages link to; each serves the same registry kind as /export/<id>.<format>.
OWN_ADDRESSES = {
    ("ics", "ics"): "/events/{id}/calendar.ics",
    ("responses", "xlsx"): "/events/{id}/responses/overview.xlsx",
    ("responses", "csv"): "/events/{id}/responses/overview.csv",
    ("table-lists", "csv"): "/events/{id}/tables/lists.csv",
    ("agenda", "json"): "/events/{id}/agenda/export",
    ("translations", "xlsx"): "/events/{id}/translations/sheet.xlsx",
    ("aftercare-qr", "svg"): "/events/{id}/aftercare/qr.svg",
}


def test_the_registry_lists_every_kind() -> None:
    assert [e.id for e in EXPORTERS] == list(REGISTRY) == list(EXPECTED)
    roles = {r.value for r in Role}
    for exporter in EXPORTERS:
        formats, allowed, personal = EXPECTED[exporter.id]
        found = (exporter.formats, set(exporter.roles), exporter.personal)
        assert found == (formats, allowed, personal), exporter.id
        assert exporter.roles <= roles and str(exporter.label) and exporter.help


def _visitor(
    who: str, client: FlaskClient, login: Callable[[User], FlaskClient], make_user
) -> FlaskClient:
    if who == "anonymous":
        return client
    if who == "other school":
        other = School(name="Andere school")
        db.session.add(other)
        db.session.commit()
        return login(make_user("coordinator", school_=other))
    return login(make_user(who))


def _started(app: Flask, make_user, event: Event) -> str:
    """A background kind is started by a coordinator on its page; the address of its job."""
    starter = app.test_client()
    coordinator = make_user("coordinator")
    signed = starter.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    job = starter.post(f"/events/{event.id}/invitations/word")
    assert signed.status_code == job.status_code == 302
    g.pop("_login_user", None)  # the tests share one app context: forget the starter
    return job.headers["Location"]


def _cases() -> list[tuple[str, str, str]]:
    return [
        (e.id, fmt, who)
        for e in EXPORTERS
        for fmt in e.formats
        if fmt != "pdf"  # LibreOffice: tests/exports/test_exports_office.py
        for who in VISITORS
    ]


@pytest.mark.parametrize(("kind", "fmt", "who"), _cases())
def test_each_kind_as_each_visitor_on_the_web(
    app: Flask, client, login, make_user, make_event, kind: str, fmt: str, who: str
) -> None:
    exporter = REGISTRY[kind]
    event = make_event()
    job = _started(app, make_user, event) if exporter.background else ""
    visitor = _visitor(who, client, login, make_user)
    if exporter.background:
        response = visitor.get(f"{job}/download")
    else:
        response = visitor.get(f"/events/{event.id}/export/{kind}.{fmt}")
    if who == "anonymous":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    elif who == "other school":
        assert response.status_code == 404
    elif who not in exporter.roles:
        assert response.status_code == 403
    else:
        assert response.status_code == 200, response.text[:300]
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment; filename=")
        assert "filename*=UTF-8''" in disposition
        assert response.data
        if exporter.personal:
            assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("kind", "fmt"), list(OWN_ADDRESSES))
def test_the_pages_addresses_serve_the_registry(
    signed_in: FlaskClient, make_event, kind: str, fmt: str
) -> None:
    event = make_event()
    own = signed_in.get(OWN_ADDRESSES[kind, fmt].format(id=event.id))
    generic = signed_in.get(f"/events/{event.id}/export/{kind}.{fmt}")
    assert own.status_code == generic.status_code == 200
    assert own.headers["Content-Disposition"] == generic.headers["Content-Disposition"]
    assert own.mimetype == generic.mimetype


def test_unknown_kinds_and_formats_are_not_found(signed_in: FlaskClient, make_event) -> None:
    event = make_event()
    for path in ("nothing.docx", "ics.docx", "responses.pdf", "invitations.docx"):
        assert signed_in.get(f"/events/{event.id}/export/{path}").status_code == 404, path


@pytest.mark.parametrize("exporter", EXPORTERS, ids=lambda e: e.id)
def test_each_kind_on_the_command_line(
    app: Flask, make_event, tmp_path: Path, exporter: Exporter
) -> None:
    event = make_event()
    target = tmp_path / f"{exporter.id}.{exporter.formats[0]}"
    args = ["export", exporter.id, str(event.id), "-o", str(target)]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert f"Written: {target}" in result.output
    assert target.read_bytes()


def test_a_kind_with_two_formats_follows_the_file_name(app: Flask, make_event, tmp_path) -> None:
    event = make_event()
    runner = app.test_cli_runner()
    csv = tmp_path / "antwoorden.csv"
    assert runner.invoke(args=["export", "responses", str(event.id), "-o", str(csv)]).exit_code == 0
    assert csv.read_bytes().startswith("\ufeff".encode())  # the CSV, not an .xlsx
    text = str(tmp_path / "a.txt")
    wrong = runner.invoke(args=["export", "responses", str(event.id), "-o", text])
    assert wrong.exit_code == 1 and "the file must end in .xlsx or .csv" in wrong.output
    no_pdf = runner.invoke(args=["export", "ics", str(event.id), "--pdf"])
    assert no_pdf.exit_code == 1 and "ics has no PDF" in no_pdf.output


def test_names_keep_their_letters_for_browsers_that_read_rfc_5987() -> None:
    header = content_disposition("vergadering-café-ütopia.docx")
    assert header == (
        "attachment; filename=vergadering-cafe-utopia.docx; "
        "filename*=UTF-8''vergadering-caf%C3%A9-%C3%BCtopia.docx"
    )
    assert content_disposition('a "b".csv').startswith('attachment; filename="a _b_.csv"')
