"""A language cell of an import ('Turks', 'Türkçe', 'tr') as a language code."""

from __future__ import annotations

import re

from .cells import clean, plain

DEFAULT_LANGUAGE = "nl"

_LANGUAGES = {
    "nl": "nederlands dutch nl nld dut vlaams flemish",
    "en": "engels english en eng",
    "tr": "turks turkish turkce tr tur",
    "ar": "arabisch arabic ar ara marokkaans marokkaans arabisch darija العربية",
    "pl": "pools polish polski pl pol",
    "uk": "oekraiens ukrainian ukrainisch uk ukr українська",
    "de": "duits german deutsch de deu ger",
    "fr": "frans french francais fr fra fre",
    "es": "spaans spanish espanol es spa",
    "pt": "portugees portuguese portugues pt por",
    "it": "italiaans italian italiano it ita",
    "ro": "roemeens romanian romana ro ron rum",
    "bg": "bulgaars bulgarian bg bul",
    "ru": "russisch russian ru rus русский",
    "so": "somalisch somali soomaali so som",
    "ti": "tigrinya tigrinia tigrinja tigrinyaans ti tir",
    "am": "amhaars amharic am amh",
    "fa": "farsi perzisch persian dari fa fas per",
    "ps": "pashto pasjtoe ps pus",
    "ku": "koerdisch kurdish kurdi ku kur",
    "zh": "chinees chinese mandarijn mandarin kantonees cantonese zh zho chi",
    "ber": "berbers berber tamazight riffijns tarifit ber",
    "pap": "papiaments papiamentu papiamento pap",
    "srn": "sranantongo sranan surinaams srn",
    "hi": "hindi hi hin",
    "ur": "urdu ur urd",
    "sq": "albanees albanian shqip sq sqi alb",
    "bs": "bosnisch bosnian bs bos",
    "hr": "kroatisch croatian hr hrv",
    "sr": "servisch serbian sr srp",
    "hu": "hongaars hungarian magyar hu hun",
    "el": "grieks greek el ell gre",
    "vi": "vietnamees vietnamese vi vie",
    "fy": "fries frisian frysk fy fry",
    "lt": "litouws lithuanian lt lit",
    "lv": "lets latvian lv lav",
    "cs": "tsjechisch czech cs ces cze",
    "sk": "slowaaks slovak sk slk slo",
    "he": "hebreeuws hebrew he heb",
    "id": "indonesisch indonesian id ind",
    "tl": "tagalog filipijns filipino tl tgl",
    "th": "thai thais th tha",
    "ja": "japans japanese ja jpn",
    "ko": "koreaans korean ko kor",
}
LANGUAGE_NAMES = {name: code for code, names in _LANGUAGES.items() for name in names.split()} | {
    "marokkaans arabisch": "ar"
}


def language_code(value: str) -> str | None:
    """'Turks', 'Türkçe', 'tr', 'TR-tr' → 'tr'; '' → the default; unknown → None."""
    text = clean(value).casefold()
    if not text:
        return DEFAULT_LANGUAGE
    if text in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[text]
    key = plain(text)
    base = re.split(r"[ _-]", key)[0] if key else ""
    return LANGUAGE_NAMES.get(key) or LANGUAGE_NAMES.get(base if len(base) <= 3 else "")
