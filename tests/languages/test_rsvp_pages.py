"""Every parent language has its own RSVP page: lang and dir set, the page's words in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from eventkit.config import PARENT_LANGUAGES
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
