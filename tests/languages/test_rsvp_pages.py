"""Every parent language has its own RSVP page: lang and dir set, the page's words in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from eventkit.config import PARENT_LANGUAGES
from eventkit.extensions import db
from eventkit.invitations.links import walkin_code
from eventkit.models import Event, Household

# (language, direction, "Yes, I am coming" in it)
PAGES = [
    ("nl", "ltr", "Ja, ik kom"),
    ("en", "ltr", "Yes, I am coming"),
    ("tr", "ltr", "Evet, geleceğim"),
    ("ar", "rtl", "نعم، سأحضر"),
    ("pl", "ltr", "Tak, przyjdę"),
    ("uk", "ltr", "Так, я прийду"),
    ("so", "ltr", "Haa, waan imaanayaa"),
    ("ti", "ltr", "እወ፡ ክመጽእ እየ"),
    ("fa", "rtl", "بله، می‌آیم"),
    ("bg", "ltr", "Да, ще дойда"),
]


def test_ten_languages_two_of_them_right_to_left() -> None:
    assert len(PARENT_LANGUAGES) >= 10
    assert {code for code, direction, _ in PAGES if direction == "rtl"} == {"ar", "fa"}
    assert {code for code, *_ in PAGES} == set(PARENT_LANGUAGES)


@pytest.mark.parametrize(("lang", "direction", "yes"), PAGES)
def test_the_household_s_page_speaks_its_language(
    client: FlaskClient,
    meeting: Event,
    make_household: Callable[..., Household],
    lang: str,
    direction: str,
    yes: str,
) -> None:
    household = make_household(meeting, language=lang)
    page = client.get(f"/i/{household.token}")
    assert page.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in page.text
    assert yes in page.text
    if lang not in ("en", "nl"):
        assert "Yes, I am coming" not in page.text


@pytest.mark.parametrize(("lang", "direction", "yes"), PAGES)
def test_the_language_switch_reaches_every_language(
    client: FlaskClient,
    meeting: Event,
    make_household: Callable[..., Household],
    lang: str,
    direction: str,
    yes: str,
) -> None:
    household = make_household(meeting, language="nl")
    page = client.get(f"/i/{household.token}?lang={lang}")
    assert f'<html lang="{lang}" dir="{direction}">' in page.text
    assert yes in page.text


def test_the_school_narrows_the_languages_offered(
    app: Flask, client: FlaskClient, meeting: Event, make_household: Callable[..., Household]
) -> None:
    meeting.school.parent_languages = ["nl", "en", "ar", "so"]
    db.session.commit()
    turkish = make_household(meeting, language="tr")
    page = client.get(f"/i/{turkish.token}").text
    assert '<html lang="en" dir="ltr">' in page  # Turkish is not offered: the fallback
    switch = page.split('class="languages tools"')[1].split("</nav>")[0]
    assert "Soomaali" in switch and "Türkçe" not in switch and "فارسی" not in switch
    code = walkin_code(meeting, app.config["SECRET_KEY"])
    walk_in = client.get(f"/e/{code}").text
    select = walk_in.split('<select id="language"')[1].split("</select>")[0]
    assert 'value="so"' in select and 'value="tr"' not in select
