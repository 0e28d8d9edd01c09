"""Fixed parent-facing words, in the household's language.

They go through the UI's gettext catalogs under `force_locale(lang)`, so one translator
workflow covers the letters and the RSVP pages. The school's own texts (title, goal,
themes, place) are written in Dutch and are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from babel.dates import format_date
from babel.lists import format_list
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from ..config import PARENT_LANGUAGES
from ..domain import languages
from ..domain.agenda import BlockKind
from ..domain.languages import page_language
from ..models import School, Theme
from ..school import services as school_services

DEFAULT = "nl"


def parent_language(code: str | None, school: School | None = None) -> str:
    """A language the parent pages speak: the household's own if the school offers it, else
    the school's fallback (English unless the school chose Dutch); Dutch for no language."""
    if school is None:
        return page_language(code, PARENT_LANGUAGES).page
    return page_language(code, *spoken(school)).page


def spoken(school: School) -> tuple[tuple[str, ...], str]:
    """The parent languages a school offers, and the one for a language it does not."""
    return school_services.offered_languages(school), school.fallback_language or "en"


def is_rtl(lang: str) -> bool:
    return languages.is_rtl(lang)


def language_links(school: School | None = None) -> list[tuple[str, str]]:
    """(code, name of the language in itself) for the language switch: the languages the
    school offers (all of them on pages that belong to no school)."""
    offered = school_services.offered_languages(school) if school else PARENT_LANGUAGES
    return [(code, languages.own_name(code)) for code in offered]


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    with force_locale(parent_language(lang)):
        yield


def long_date(day: date, lang: str) -> str:
    return format_date(day, format="full", locale=parent_language(lang))


def clock(value: datetime | time) -> str:
    return value.strftime("%H:%M")


def names(first_names: list[str], lang: str) -> str:
    """'Ayşe and Mehmet' in the language's own way of listing."""
    clean = [n for n in first_names if n]
    return format_list(clean, locale=parent_language(lang)) if clean else ""


# --- the invitation letter -----------------------------------------------------------------

# Languages that decline a name after "parents of" (Turkish, Polish, Ukrainian): a name
# cannot be dropped into the greeting, so it stands on a line of its own.
NAMES_ON_THEIR_OWN_LINE = frozenset({"tr", "pl", "uk"})


def children_line(first_names: list[str], lang: str) -> str:
    """ "Your child: Ayşe" / "Your children: Ayşe and Emre" in the letter's language."""
    with speaking(lang):
        return ngettext(
            "Your child: %(children)s",
            "Your children: %(children)s",
            len(first_names),
            children=names(first_names, lang),
        )


def letter_texts() -> dict[str, str]:
    """The letter's fixed words in the current (forced) locale."""
    return {
        "heading": _("Invitation"),
        # Left unformatted: every household fills in its own children's names.
        "greeting_children": _("Dear parents and carers of %(children)s,"),
        "greeting": _("Dear parents and carers,"),
        "intro": _(
            "We warmly invite you to a meeting of parents and school. We want to talk "
            "with you, as equals, about how we work together for your child."
        ),
        "date": _("Date"),
        "time": _("Time"),
        "place": _("Place"),
        "answer_before": _("Please answer before"),
        "pupil": _("Bring your child too: pupils are welcome, and what they say matters to us."),
        "answer": _(
            "Will you come? Scan the code with the camera of your phone, or type the link "
            "below. You can answer in your own language; it takes two minutes."
        ),
        "link_note": _("This link is for your family only."),
        "contact": _("Questions, or no smartphone? Call %(name)s: %(phone)s"),
        "contact_school": _("Questions, or no smartphone? Call the school: %(phone)s"),
        "why": _("Why this meeting"),
        "themes": _("What we will talk about"),
        "dutch_line": _(
            "You are invited to the parent meeting on %(date)s at %(time)s. "
            "Please answer with the QR code or the link above."
        ),
        "none": _("There are no households for this meeting yet."),
        # After a school text nobody translated into the letter's language.
        "only_dutch": _("only in Dutch"),
    }


def poster_texts() -> dict[str, str]:
    return {
        "heading": _("Parents, you are welcome!"),
        "scan": _("Scan the code to tell us you are coming."),
        "no_invitation": _("No personal invitation? Sign up here."),
    }


def theme_title(theme: Theme, lang: str) -> str:
    """A theme's title in `lang`, or its Dutch title saying so (for lists and menus, where
    the text cannot carry a mark of its own)."""
    text, text_lang = theme.text_in("title", lang)
    return text if text_lang == lang else f"{text} ({_('only in Dutch')})"


# --- the evening in plain words ------------------------------------------------------------


def plain_block(kind: BlockKind, title: str) -> str:
    """What a block of the evening is, said plainly for parents (the school's title for
    blocks of its own kind)."""
    words = {
        BlockKind.WALK_IN: _("Walk in, with coffee and tea"),
        BlockKind.PLENARY: _("Together: an open conversation between parents and school"),
        BlockKind.INTRODUCTION: _("Welcome and introduction"),
        BlockKind.DIALOGUE: _("Conversation: sharing experiences and questions"),
        BlockKind.SUMMARY: _("Summary: what did we hear?"),
        BlockKind.BREAK: _("Break"),
        BlockKind.THEME_TABLES: _("In small groups at a table, about one theme"),
        BlockKind.PRESENTATIONS: _("Each table shares its main points"),
        BlockKind.CLOSING: _("Closing: what we heard, and what the school will do with it"),
    }
    return words.get(kind, title)


# --- languages an interpreter may be needed for --------------------------------------------

# The big home languages of Dutch schools' families; anything else is typed in.
INTERPRETER_LANGUAGES = (
    "ar", "tr", "pl", "uk", "ru", "bg", "ro", "en", "fr", "es", "pt", "zh", "ti", "so", "am",
    "fa", "ps", "ku", "zgh", "pap",
)  # fmt: skip


def language_name(code: str, lang: str) -> str:
    """The name of a language in `lang` (a typed-in name stays as it is)."""
    if code not in INTERPRETER_LANGUAGES and code not in PARENT_LANGUAGES:
        return code
    return languages.name_in(code, parent_language(lang))
