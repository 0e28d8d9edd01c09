"""The language a household gets: its own if offered, else the school's clear fallback."""

from __future__ import annotations

import pytest

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
