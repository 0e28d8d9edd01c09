"""The parents' own languages: Turkish, Arabic, Polish, Ukrainian, Somali, Tigrinya,
Persian and Bulgarian.

The staff interface is Dutch and English only, but every text a parent reads (the RSVP and
walk-in pages, the evaluation form, the aftercare page, the invitation letter, the parents'
mails, the 429 and error pages) must exist in each of them, with the source's placeholders
and each language's own plural rule; and Arabic and Persian pages must run right to left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from eventkit.extensions import db
from eventkit.models import Event, Household

DIR = Path(__file__).resolve().parent.parent / "eventkit" / "translations"

PLURAL_FORMS = {
    "tr": (2, "(n != 1)"),
    "ar": (6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"),
    "pl": (3, "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "uk": (3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "so": (2, "(n != 1)"),
    "ti": (2, "(n > 1)"),
    "fa": (2, "(n > 1)"),
    "bg": (2, "(n != 1)"),
}
PARENT_LANGUAGES = sorted(PLURAL_FORMS)

# Where the parents' pages take their texts from: the RSVP and walk-in pages, the
# evaluation form with the call to answer on the projector and the printed A5 page, the
# aftercare page and its mails, the invitation letter, the parents' mails and calendar
# entries, and the error pages a parent may meet.
RSVP_PLACES = (
    "templates/rsvp/",
    "eventkit/rsvp/",
    "templates/evaluation/parent/",
    "eventkit/evaluation/forms.py",
    "eventkit/evaluation/texts.py",
    "templates/aftercare/public.html",
    "templates/aftercare/_public_action.html",
    "templates/aftercare/unsubscribe.html",
    "eventkit/aftercare/words.py",
    "eventkit/aftercare/mails.py",
    "eventkit/invitations/texts.py",
    "eventkit/mail/letters.py",
    "eventkit/calendar/ics.py",
    "templates/error.html",
)

# Texts in those files that only the team reads: the staff's aftercare reminders, the staff's
# calendar invitation and the error pages behind the sign-in.
STAFF_ONLY = {
    "The aftercare in eventkit:",
    "Open the aftercare",
    "In a week: %(action)s",
    'The action "%(action)s" (%(title)s) has its target date on %(date)s. Please add a '
    "progress update, or change the date or the status.",
    "Target date passed: %(action)s",
    'The target date of the action "%(action)s" (%(title)s) was %(date)s, and there is no '
    "recent update. Parents read its status online: please add an update, or change the date "
    "or the status.",
    "Nothing published yet: %(title)s",
    "%(title)s was on %(date)s, and its aftercare page is not published yet. Parents are "
    "waiting to hear what the school does with what they said.",
    "Open the meeting",
    "The meeting in eventkit:",
    "The time or place of %(title)s has changed. Your calendar shows the new details.",
    "%(title)s on %(date)s is cancelled. Your calendar removes it.",
    "You are invited to %(title)s, a meeting where parents and school talk as equals.",
    "Please answer the invitation in your calendar, so the action team knows who is coming.",
    "You may not do this",
    "The file is too large",
    "Too many requests",
    "Your role does not allow this. Ask your coordinator.",
    "Wait a minute and try again.",
    "Reference for the administrator: %(id)s",
}

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _catalog(lang: str) -> Catalog:
    with (DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _names(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _on_rsvp_pages(message: Message) -> bool:
    if message.id in STAFF_ONLY:
        return False
    return any(path.startswith(RSVP_PLACES) for path, _line in message.locations)


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(source, translation) for a plain entry, one pair per form for a plural."""
    if isinstance(message.id, (list, tuple)):
        strings = message.string if isinstance(message.string, (list, tuple)) else ()
        return [(str(message.id[min(i, 1)]), str(s or "")) for i, s in enumerate(strings)]
    return [(str(message.id), str(message.string or ""))]


@pytest.mark.parametrize("lang", PARENT_LANGUAGES)
def test_the_plural_rule_is_the_language_s_own(lang: str) -> None:
    catalog = _catalog(lang)
    number, expression = PLURAL_FORMS[lang]
    assert (catalog.num_plurals, catalog.plural_expr) == (number, expression)


@pytest.mark.parametrize("lang", PARENT_LANGUAGES)
def test_every_rsvp_text_is_translated_with_its_placeholders(lang: str) -> None:
    catalog = _catalog(lang)
    parent_texts = [m for m in catalog if m.id and _on_rsvp_pages(m)]
    assert len(parent_texts) > 150, "the RSVP pages have (almost) no texts: wrong locations?"
    missing, wrong = [], []
    for message in parent_texts:
        pairs = _pairs(message)
        if message.fuzzy or not pairs or not all(translation for _, translation in pairs):
            missing.append(message.id)
            continue
        for source, translation in pairs:
            if _names(source) != _names(translation):
                wrong.append(f"{source!r} -> {translation!r}")
    assert not missing, f"{lang}: {len(missing)} RSVP texts are not translated: {missing}"
    assert not wrong, f"{lang}: placeholders differ:\n" + "\n".join(wrong)


def test_the_arabic_rsvp_page_runs_right_to_left_in_arabic(
    client: FlaskClient, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    household = Household(event=event, language="ar")
    db.session.add(household)
    db.session.commit()
    page = client.get(f"/i/{household.token}")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "نعم، سأحضر" in page.text  # "Yes, I am coming"
    assert "هل ستحضرون؟" in page.text  # "Are you coming?"
    assert "Yes, I am coming" not in page.text
