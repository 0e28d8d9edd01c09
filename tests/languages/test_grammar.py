"""Names and Dutch words placed in other languages' sentences keep their grammar and order."""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.invitations import document
from eventkit.invitations.data import invitation_data
from eventkit.models import Event, Household

TWO = (("Ayşe", "Yılmaz", "2B", "2"), ("Emre", "Yılmaz", "1A", "1"))  # sorted by class: Emre first


@pytest.mark.parametrize(
    ("lang", "greeting", "line"),
    [
        ("tr", "Değerli veliler,", "Çocuklarınız: Emre ve Ayşe"),
        ("pl", "Szanowni Rodzice i Opiekunowie,", "Państwa dzieci: Emre i Ayşe"),
        ("uk", "Шановні батьки та опікуни,", "Ваші діти: Emre і Ayşe"),
    ],
)
def test_names_stand_on_their_own_line_not_in_brackets(
    signed_in: FlaskClient,
    meeting: Event,
    make_household: Callable[..., Household],
    lang: str,
    greeting: str,
    line: str,
) -> None:
    make_household(meeting, language=lang, children=TWO)
    (page,) = invitation_data(meeting, "http://x").pages
    assert (page.greeting, page.children_line) == (greeting, line)
    printed = signed_in.get(f"/events/{meeting.id}/invitations/print").text
    assert f"<strong>{line}</strong>" in printed and "(Ayşe" not in printed


def test_one_child_takes_the_singular(meeting: Event, make_household) -> None:
    make_household(meeting, language="tr")
    (page,) = invitation_data(meeting, "http://x").pages
    assert page.children_line == "Çocuğunuz: Ayşe"


def test_languages_that_keep_names_in_the_greeting(meeting: Event, make_household) -> None:
    make_household(meeting, language="bg")
    (page,) = invitation_data(meeting, "http://x").pages
    assert page.greeting == "Уважаеми родители и настойници на Ayşe," and not page.children_line


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_dutch_in_a_right_to_left_word_letter_is_isolated(
    meeting: Event, make_household: Callable[..., Household], lang: str
) -> None:
    meeting.title = "Aanwezigheid 1. en verzuim"
    db.session.commit()
    make_household(meeting, language=lang)
    _name, _mime, body = document.render(invitation_data(meeting, "http://x"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    assert "\u2068Aanwezigheid 1. en verzuim\u2069" in text
    assert "\u2068Huiswerk\u2069" in text
