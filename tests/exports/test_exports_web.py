"""Downloads from the meeting's page, and the school's Word base document."""

from __future__ import annotations

import io

import docx
import pytest

from eventkit.exports import pdf
from eventkit.extensions import db
from eventkit.models import School

from .conftest import LETTERHEAD

KINDS = [
    ("runsheet", "draaiboek-"),
    ("tablesheets", "tafelbladen-"),
    ("cards", "tafelkaarten-"),
    ("badges", "naambadges-"),
]


def upload(client, body: bytes, name: str = "briefpapier.docx"):
    data = {"file": (io.BytesIO(body), name)}
    return client.post("/school/runsheet-template", data=data, content_type="multipart/form-data")


def test_the_meeting_page_links_to_the_exports(signed_in, make_event) -> None:
    event = make_event()
    page = signed_in.get(f"/events/{event.id}").text
    for kind, _ in KINDS:
        assert f"/events/{event.id}/export/{kind}.docx" in page
    assert "/school/runsheet-template" in page


@pytest.mark.parametrize(("kind", "prefix"), KINDS)
def test_every_export_downloads_as_word(signed_in, make_event, kind: str, prefix: str) -> None:
    event = make_event()
    response = signed_in.get(f"/events/{event.id}/export/{kind}.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert (
        f"filename={prefix}ouderavond-aanwezigheid.docx" in response.headers["Content-Disposition"]
    )
    document = docx.Document(io.BytesIO(response.data))
    assert document.paragraphs or document.tables


def test_exports_need_the_schools_own_meeting(client, login, make_event, make_user) -> None:
    event = make_event()
    assert client.get(f"/events/{event.id}/export/runsheet.docx").status_code == 302  # sign in
    other = School(name="Andere school")
    db.session.add(other)
    db.session.commit()
    login(make_user("coordinator", school_=other))
    assert client.get(f"/events/{event.id}/export/runsheet.docx").status_code == 404
    assert client.get(f"/events/{event.id}/export/nothing.docx").status_code == 404


def test_pdf_without_libreoffice_says_so(signed_in, make_event, monkeypatch) -> None:
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    event = make_event()
    signed_in.get("/language/en")
    response = signed_in.get(f"/events/{event.id}/export/runsheet.pdf", follow_redirects=True)
    assert "PDF needs LibreOffice" in response.text
    assert "runsheet.pdf" not in signed_in.get(f"/events/{event.id}").text


@pytest.mark.office
def test_pdf_download(signed_in, make_event, office) -> None:
    event = make_event()
    response = signed_in.get(f"/events/{event.id}/export/cards.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")


def test_school_base_document_upload_use_and_removal(
    signed_in, school, make_event, school_template
) -> None:
    response = upload(signed_in, school_template)
    assert response.status_code == 302
    db.session.refresh(school)
    assert school.docx_template_name == "briefpapier.docx"
    event = make_event()
    body = signed_in.get(f"/events/{event.id}/export/runsheet.docx").data
    assert docx.Document(io.BytesIO(body)).sections[0].header.paragraphs[0].text == LETTERHEAD
    assert signed_in.get("/school/runsheet-template/download").data == school.docx_template
    signed_in.post("/school/runsheet-template/delete")
    db.session.refresh(school)
    assert school.docx_template is None and school.docx_template_name == ""


@pytest.mark.parametrize(
    ("body", "name", "message"),
    [
        (b"just text", "briefpapier.docx", "This document cannot be used"),
        (b"PK\x03\x04 broken", "briefpapier.docx", "This document cannot be used"),
        (b"%PDF-1.4", "briefpapier.pdf", "Only Word documents"),
    ],
)
def test_a_broken_upload_changes_nothing(
    signed_in, school, school_template, body: bytes, name: str, message: str
) -> None:
    signed_in.get("/language/en")  # the messages in English, whatever the catalogs hold
    upload(signed_in, school_template)
    response = upload(signed_in, body, name)
    assert response.status_code == 200 and message in response.text
    db.session.refresh(school)
    assert school.docx_template is not None and school.docx_template_name == "briefpapier.docx"


def test_only_the_action_team_uploads(login, make_user, school, school_template) -> None:
    client = login(make_user("facilitator"))
    assert client.get("/school/runsheet-template").status_code == 200
    assert upload(client, school_template).status_code == 403
    assert client.post("/school/runsheet-template/delete").status_code == 403
    db.session.refresh(school)
    assert school.docx_template is None
