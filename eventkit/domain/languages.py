"""Which language a household's pages, letters and mails are in.

A household keeps the home language the school gave (Somali, Amharic, Romanian ...). The
parent pages speak a fixed set; a school may offer fewer. A household whose language is not
offered gets one clearly chosen fallback: English for most (a parent with little Dutch reads
English more often than Dutch), Dutch where the school says so; and Dutch when English itself
is not offered. Dutch is always offered: it is the school's own language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DUTCH = "nl"
FALLBACKS = ("en", "nl")


def normalise(code: str | None) -> str:
    """A language code as the pages know it: lower case, without a region (pt-BR -> pt)."""
    return (code or "").strip().lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True)
class Choice:
    """The language a household gets, and whether that is a fallback for its own."""

    own: str
    page: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.own) and self.own != self.page


def page_language(code: str | None, offered: Sequence[str], fallback: str = "en") -> Choice:
    own = normalise(code)
    if own in offered:
        return Choice(own, own)
    if not own or own == DUTCH:
        return Choice(own, DUTCH)
    chosen = fallback if fallback in FALLBACKS and fallback in offered else DUTCH
    return Choice(own, chosen)
