"""The school's settings on paper and in calendars: contact on every invitation, the logo
on the print view and the run-sheet, the school's name as letter head and organizer."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from flask.testing import FlaskClient
from PIL import Image

from eventkit.exports.registry import Options, get
from eventkit.extensions import db
from eventkit.invitations import document
from eventkit.invitations.data import invitation_data
from eventkit.invitations.links import grouped
from eventkit.models import Event, Household, School, User
from tests.invitations.conftest import add_household

BASE = "http://eventkit.test"
ISOLATED = "\u2066030\u00a0123\u00a045\u00a067\u2069"


def logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), (20, 90, 120)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def set_up(school: School) -> School:
    school.name, school.contact_name, school.contact_phone = (
        "Het Baken", "mevrouw Bakker", "030 123 45 67",
    )  # fmt: skip
    db.session.commit()
    return school


def word_text(event: Event) -> str:
    _name, _mime, body = document.render(invitation_data(event, BASE))
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


@pytest.mark.parametrize(
    ("language", "words"),
    [("nl", "Vragen, of geen smartphone? Bel mevrouw Bakker"),
     ("en", "Questions, or no smartphone? Call mevrouw Bakker"),
     ("tr", "mevrouw Bakker"), ("ar", "mevrouw Bakker"), ("pl", "mevrouw Bakker"),
     ("uk", "mevrouw Bakker")],
)  # fmt: skip
def test_every_invitation_names_someone_to_call(
    set_up: School, make_event: Callable[..., Event], language: str, words: str
) -> None:
    event = make_event()
    add_household(event, language=language)
    text = word_text(event)
    assert words in text and ISOLATED in text
    assert "Het Baken" in text


def test_without_a_contact_person_the_school_is_called(
    set_up: School, make_event: Callable[..., Event]
) -> None:
    set_up.contact_name = ""
    db.session.commit()
    event = make_event()
    add_household(event)
    assert f"Bel de school:\n{ISOLATED}" in word_text(event)


def test_no_phone_no_line(school: School, make_event: Callable[..., Event]) -> None:
    event = make_event()
    add_household(event)
    assert "smartphone" not in word_text(event)


def test_the_print_view_has_contact_and_logo(
    signed_in: FlaskClient, set_up: School, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    household: Household = add_household(event, language="ar")
    page = signed_in.get(f"/events/{event.id}/invitations/print").text
    assert '<p class="contact">' in page and ISOLATED in page
    assert 'class="logo"' not in page
    set_up.logo, set_up.logo_mimetype = logo(), "image/png"
    db.session.commit()
    page = signed_in.get(f"/events/{event.id}/invitations/print").text
    assert '<img class="logo" src="/school/logo" alt="Het Baken">' in page
    assert grouped(household.token) in page  # printed grouped for typing


def test_the_runsheet_carries_the_logo_without_a_base_document(
    set_up: School, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    assert not _media(get("runsheet").render(event, Options(base_url=BASE))[2])
    set_up.logo, set_up.logo_mimetype = logo(), "image/png"
    db.session.commit()
    media = _media(get("runsheet").render(event, Options(base_url=BASE))[2])
    assert len(media) == 1
    first = docx.Document(io.BytesIO(get("runsheet").render(event, Options(base_url=BASE))[2]))
    assert first.inline_shapes[0].height > 0


def _media(body: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return [n for n in archive.namelist() if n.startswith("word/media/")]


def test_the_calendar_organizer_is_a_person_of_the_school(
    signed_in: FlaskClient, school: School, coordinator: User, make_event: Callable[..., Event]
) -> None:
    """Answers to a calendar entry reach the coordinator, never a no-reply address."""
    signed_in.post("/school", data={"name": "Het Baken", "retention_days": "365"})
    event = make_event()
    calendar = signed_in.get(f"/events/{event.id}/calendar.ics").text.replace("\r\n ", "")
    organizer = next(line for line in calendar.splitlines() if line.startswith("ORGANIZER"))
    assert coordinator.name in organizer and f"mailto:{coordinator.email}" in organizer


@pytest.mark.parametrize(("kind", "extension"), [("PNG", "png"), ("JPEG", "jpeg")])
def test_the_word_invitations_carry_the_logo(
    set_up: School, make_event: Callable[..., Event], kind: str, extension: str
) -> None:
    from eventkit.school.services import store_logo

    out = io.BytesIO()
    Image.new("RGB", (600, 200), (20, 90, 120)).save(out, format=kind)
    store_logo(set_up, out.getvalue())
    event = make_event()
    add_household(event, language="ar")
    add_household(event, language="nl", children=(("Noor", "Bakker", "2A", "2"),))
    _name, _mime, body = document.render(invitation_data(event, BASE))
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert f"word/media/eventkit-logo.{extension}" in archive.namelist()
        assert f'Extension="{extension}"' in archive.read("[Content_Types].xml").decode()
    word = docx.Document(io.BytesIO(body))
    logos = [s for s in word.inline_shapes if s.height < docx.shared.Cm(2)]
    assert len(logos) == 2 and round(logos[0].width / logos[0].height) == 3
    breaks = [p for p in word.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 1  # two pages, the logo opens the second
