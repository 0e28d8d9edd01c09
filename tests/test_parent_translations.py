"""The parents' own languages: Turkish, Arabic, Polish and Ukrainian.

The staff interface is Dutch and English only, but every text a parent reads on the RSVP
pages must exist in tr, ar, pl and uk, with the source's placeholders and each language's
own plural rule; and an Arabic page must run right to left.
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
}
PARENT_LANGUAGES = sorted(PLURAL_FORMS)

# Where the parents' pages take their texts from: the RSVP and walk-in pages, and the
# evaluation form with the call to answer on the projector and the printed A5 page.
RSVP_PLACES = (
    "templates/rsvp/",
    "eventkit/rsvp/",
    "templates/evaluation/parent/",
    "eventkit/evaluation/forms.py",
    "eventkit/evaluation/texts.py",
)

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _catalog(lang: str) -> Catalog:
    with (DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _names(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _on_rsvp_pages(message: Message) -> bool:
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
    assert len(parent_texts) > 40, "the RSVP pages have (almost) no texts: wrong locations?"
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
