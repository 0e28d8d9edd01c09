"""The language a household gets: its own if offered, else the school's clear fallback."""

from __future__ import annotations

import pytest

from eventkit.domain import languages
from eventkit.domain.languages import page_language

ALL = ("nl", "en", "tr", "ar", "pl", "uk", "so", "ti", "fa", "bg")


@pytest.mark.parametrize(
    ("code", "offered", "fallback", "page", "is_fallback"),
    [
        ("so", ALL, "en", "so", False),
        ("SO", ALL, "en", "so", False),
        ("pt-BR", ALL, "en", "en", True),
        ("am", ALL, "en", "en", True),
        ("am", ALL, "nl", "nl", True),
        ("ro", ("nl", "ar"), "en", "nl", True),  # English not offered: Dutch
        ("tr", ("nl", "en"), "en", "en", True),  # the school narrowed its languages
        ("", ALL, "en", "nl", False),
        ("nl", ("nl",), "en", "nl", False),
        ("am", ALL, "xx", "nl", True),  # an unknown fallback setting: Dutch
    ],
)
def test_the_page_language(
    code: str, offered: tuple[str, ...], fallback: str, page: str, is_fallback: bool
) -> None:
    choice = page_language(code, offered, fallback)
    assert (choice.page, choice.is_fallback) == (page, is_fallback)


@pytest.mark.parametrize(
    ("code", "own", "dutch", "direction"),
    [
        ("nl", "Nederlands", "Nederlands", "ltr"),
        ("tr", "Türkçe", "Turks", "ltr"),
        ("ar", "العربية", "Arabisch", "rtl"),
        ("pl", "Polski", "Pools", "ltr"),  # Babel writes "polski": a list item is capitalised
        ("fa", "فارسی", "Perzisch", "rtl"),
        ("ber", "Tamaziɣt", "Berbers (Tamazight)", "ltr"),  # no Babel locale: from the table
        ("srn", "Sranantongo", "Sranantongo", "ltr"),
    ],
)
def test_names_and_direction_come_from_babel_or_the_table(
    code: str, own: str, dutch: str, direction: str
) -> None:
    assert languages.own_name(code) == own
    assert languages.name_in(code, "nl") == dutch
    assert languages.direction(code) == direction


def test_every_known_language_has_a_name_and_words() -> None:
    names = languages.own_names()
    assert list(names) == list(languages.LANGUAGES)
    assert all(name != code for code, name in names.items())
    assert set(languages.HOME_LANGUAGES) <= set(languages.LANGUAGES)
    assert {"tur", "Turks", "Turkish", "Türkçe"} <= set(languages.words_for("tr"))
    assert "marokkaans" in languages.words_for("ar")


def test_an_unknown_code_is_its_own_name() -> None:
    assert languages.own_name("xx") == "xx" and languages.direction("xx") == "ltr"
    assert languages.is_rtl("ar_SA") and not languages.is_rtl("")
