"""A language cell of an import ('Turks', 'Türkçe', 'tr') as a language code (the words for
each language: eventkit.domain.languages)."""

from __future__ import annotations

import re
from functools import cache

from ..languages import LANGUAGES, words_for
from .cells import clean, plain

DEFAULT_LANGUAGE = "nl"


@cache
def _codes() -> dict[str, str]:
    """Every word for a known language, casefolded and plain, to its code."""
    found: dict[str, str] = {}
    for code in LANGUAGES:
        for word in words_for(code):
            for key in (word.casefold(), plain(word)):
                if key:
                    found.setdefault(key, code)
    return found


def language_code(value: str) -> str | None:
    """'Turks', 'Türkçe', 'tr', 'TR-tr' → 'tr'; '' → the default; unknown → None."""
    text = clean(value).casefold()
    if not text:
        return DEFAULT_LANGUAGE
    codes = _codes()
    if text in codes:
        return codes[text]
    key = plain(text)
    base = re.split(r"[ _-]", key)[0] if key else ""
    return codes.get(key) or codes.get(base if len(base) <= 3 else "")
