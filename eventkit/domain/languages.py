"""The languages eventkit knows, and which one a household's pages, letters and mails are in.

One table: `LANGUAGES` lists every code a participant's language can have. Their names (in
any language) and their writing direction come from Babel's locale data (CLDR); what Babel
does not know is kept beside the code in `LANGUAGES`: the words a school's export or a parent
types for it (Dutch spellings, older names) and, for the few languages Babel has no locale
for, their names.

A household keeps the home language the school gave (Somali, Amharic, Romanian ...). The
parent pages speak a fixed set; a school may offer fewer. A household whose language is not
offered gets one clearly chosen fallback: English for most (a parent with little Dutch reads
English more often than Dutch), Dutch where the school says so; and Dutch when English itself
is not offered. Dutch is always offered: it is the school's own language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global

DUTCH = "nl"
FALLBACKS = ("en", "nl")


@dataclass(frozen=True)
class Known:
    """What Babel does not know about a language."""

    #: words for it in an import or a form, beyond its Babel names and ISO codes
    aliases: tuple[str, ...] = ()
    #: its names where Babel has none: "own" (in itself), or by the locale they are in
    names: Mapping[str, str] = field(default_factory=dict)


# The home languages of Dutch schools' families: every code a participant's language can have.
LANGUAGES: dict[str, Known] = {
    "nl": Known(("vlaams", "flemish")),
    "en": Known(),
    "tr": Known(),
    "ar": Known(("marokkaans", "marokkaans arabisch", "darija")),
    "pl": Known(),
    "uk": Known(("ukrainisch",)),
    "de": Known(),
    "fr": Known(),
    "es": Known(),
    "pt": Known(),
    "it": Known(),
    "ro": Known(),
    "bg": Known(),
    "ru": Known(),
    "so": Known(),
    "ti": Known(("tigrinia", "tigrinja", "tigrinyaans")),
    "am": Known(),
    "fa": Known(("farsi", "dari")),
    "ps": Known(),
    "ku": Known(("kurdi",)),
    "zh": Known(("mandarijn", "mandarin", "kantonees", "cantonese")),
    "ber": Known(
        ("berbers", "berber", "tamazight", "riffijns", "tarifit"),
        {"own": "Tamaziɣt", "nl": "Berbers (Tamazight)", "en": "Berber (Tamazight)"},
    ),
    "pap": Known(),
    "srn": Known(("sranan", "surinaams"), {"own": "Sranantongo"}),
    "hi": Known(),
    "ur": Known(),
    "sq": Known(),
    "bs": Known(),
    "hr": Known(),
    "sr": Known(),
    "hu": Known(),
    "el": Known(),
    "vi": Known(),
    "fy": Known(("frisian",)),
    "lt": Known(),
    "lv": Known(),
    "cs": Known(),
    "sk": Known(),
    "he": Known(),
    "id": Known(),
    "tl": Known(("filipijns", "tgl")),
    "th": Known(("thais",)),
    "ja": Known(),
    "ko": Known(),
}
#: the languages a school meets most, for short choice lists (check-in, walk-ins)
HOME_LANGUAGES = (
    "nl", "en", "tr", "ar", "pl", "uk", "ber", "so", "ti", "fa", "es", "pap", "zh", "ru", "bg",
    "ro",
)  # fmt: skip


@cache
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def own_name(code: str) -> str:
    """The language's name in itself ("Türkçe", "العربية"), capitalised as a list item; the
    code itself for a language nobody knows."""
    locale = _locale(code)
    name = (locale.get_language_name(code) if locale else None) or _known_name(code, "own")
    return name[:1].upper() + name[1:] if name else code


def name_in(code: str, language: str) -> str:
    """The language's name in another language ("Turks" in Dutch), or its own name."""
    locale = _locale(language)
    name = (locale.languages.get(code) if locale else None) or _known_name(code, language)
    return name or own_name(code)


def _known_name(code: str, language: str) -> str:
    known = LANGUAGES.get(code)
    return known.names.get(language, "") if known else ""


def direction(code: str) -> Literal["ltr", "rtl"]:
    """The writing direction: Arabic, Persian, Pashto, Urdu and Hebrew run right to left."""
    locale = _locale(normalise(code))
    return "rtl" if locale is not None and locale.text_direction == "rtl" else "ltr"


def is_rtl(code: str) -> bool:
    return direction(code) == "rtl"


def words_for(code: str) -> tuple[str, ...]:
    """What a school's export or a person may write for the language: its code and ISO 639-2
    codes ("tur"), its names in Dutch, English and itself, and its aliases."""
    iso = [alias for alias, to in get_global("language_aliases").items() if to == code]
    names = [name_in(code, "nl"), name_in(code, "en"), own_name(code)]
    return (code, *[a for a in iso if len(a) == 3], *names, *LANGUAGES[code].aliases)


@cache
def own_names() -> dict[str, str]:
    """Every known language by its own name, so every reader finds theirs."""
    return {code: own_name(code) for code in LANGUAGES}


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
