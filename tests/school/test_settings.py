"""The school settings page: coordinators only, saved fields, the logo checked by Pillow."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from PIL import Image

from eventkit.config import PARENT_LANGUAGES
from eventkit.extensions import db
from eventkit.models import School, User
from eventkit.school import services

FORM = {
    "name": "Het Baken",
    "address": "Schoolstraat 1\n1234 AB Utrecht",
    "contact_name": "Mevrouw Bakker",
    "contact_phone": "030 123 45 67",
    "mail_sender_name": "Het Baken ouders",
    "reply_to": "ouders@hetbaken.example",
    "parent_languages": ["tr", "ar"],
    "retention_days": "400",
}


def picture(kind: str = "PNG", size: tuple[int, int] = (120, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 90, 120)).save(out, format=kind)
    return out.getvalue()


def test_coordinator_saves_the_settings(signed_in: FlaskClient, school: School) -> None:
    page = signed_in.get("/school")
    assert page.status_code == 200
    assert 'value="OBS De Linde"' in page.text
    response = signed_in.post("/school", data=FORM)
    assert response.status_code == 302
    db.session.refresh(school)
    assert school.name == "Het Baken"
    assert school.contact_phone == "030 123 45 67"
    assert school.retention_days == 400
    assert school.parent_languages == ["nl", "tr", "ar"]  # Dutch always stays
    assert services.offered_languages(school) == ("nl", "tr", "ar")
    assert services.sender_name(school) == "Het Baken ouders"
    assert services.reply_to(school) == "ouders@hetbaken.example"


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("reply_to", "geen adres"), ("contact_phone", "bel me<script>"),
     ("retention_days", "5"), ("retention_days", "veel")],
)  # fmt: skip
def test_a_bad_field_gets_a_message(
    signed_in: FlaskClient, school: School, field: str, value: str
) -> None:
    response = signed_in.post("/school", data=FORM | {field: value})
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text
    db.session.refresh(school)
    assert school.name == "OBS De Linde"


def test_defaults_follow_the_school_and_its_coordinator(
    school: School, make_user: Callable[..., User]
) -> None:
    assert services.reply_to(school) == ""
    make_user("team", email="team@school.test")
    first = make_user("coordinator", email="eerste@school.test")
    make_user("coordinator", email="tweede@school.test")
    assert services.reply_to(school) == f"{first.name} <{first.email}>"
    assert services.sender_name(school) == "OBS De Linde"
    assert services.offered_languages(school) == PARENT_LANGUAGES
    assert services.contact(school) == ("", "")


@pytest.mark.parametrize("role", ["team", "facilitator"])
def test_only_coordinators(
    login: Callable[[User], FlaskClient], make_user: Callable[..., User], role: str
) -> None:
    client = login(make_user(role))
    assert client.get("/school").status_code == 403
    assert client.post("/school", data=FORM).status_code == 403
    assert "/school" not in client.get("/events/").text.split("<main")[0]


def test_signed_out_goes_to_sign_in(client: FlaskClient) -> None:
    assert client.get("/school").status_code == 302


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_logo_upload_is_cleaned_and_shown(
    signed_in: FlaskClient, school: School, kind: str
) -> None:
    raw = picture(kind, (2000, 1000))
    data = {"logo-logo": (io.BytesIO(raw), f"logo.{kind.lower()}")}
    response = signed_in.post("/school/logo", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(school)
    stored = Image.open(io.BytesIO(school.logo or b""))
    assert stored.format == kind and max(stored.size) == services.LOGO_MAX_SIDE
    shown = signed_in.get("/school/logo")
    assert shown.status_code == 200 and shown.mimetype == f"image/{kind.lower()}"
    assert 'class="school-logo"' in signed_in.get("/school").text
    assert signed_in.post("/school/logo/remove").status_code == 302
    assert signed_in.get("/school/logo").status_code == 404


@pytest.mark.parametrize(
    ("raw", "name"),
    [(b"GIF89a not really", "logo.png"), (picture("GIF"), "logo.png"),
     (picture("PNG", (900, 900)), "big.png"), (b"x", "logo.svg")],
)  # fmt: skip
def test_bad_logo_is_refused_at_the_field(
    signed_in: FlaskClient, school: School, raw: bytes, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "LOGO_MAX_BYTES", 4000)  # "big.png" is above it
    data = {"logo-logo": (io.BytesIO(raw), name)}
    response = signed_in.post("/school/logo", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert 'id="logo-logo-error"' in response.text
    db.session.refresh(school)
    assert school.logo is None


def test_logo_of_another_school_is_not_served(
    login: Callable[[User], FlaskClient], make_user: Callable[..., User], school: School
) -> None:
    school.logo, school.logo_mimetype = picture(), "image/png"
    other = School(name="Andere school")
    db.session.add(other)
    db.session.commit()
    client = login(make_user("coordinator", school_=other))
    assert client.get("/school/logo").status_code == 404


def test_the_base_document_is_linked_not_duplicated(signed_in: FlaskClient) -> None:
    page = signed_in.get("/school").text
    assert 'href="/school/runsheet-template"' in page


def test_a_decompression_bomb_is_refused_before_decoding(school: School) -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, format="PNG")  # small file, 48 million pixels
    with pytest.raises(services.LogoError):
        services.store_logo(school, out.getvalue())
