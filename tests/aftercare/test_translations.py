"""Every word a parent reads on the aftercare page, the unsubscribe page and in the mails
is translated into nl, tr, ar, pl and uk, with the source's placeholders and the
language's own number of plural forms."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from tests.test_parent_translations import DIR, PLURAL_FORMS, _names, _pairs

PARENT_PLACES = (
    "templates/aftercare/public.html",
    "templates/aftercare/_public_action.html",
    "templates/aftercare/_own.html",
    "templates/aftercare/unsubscribe.html",
    "eventkit/aftercare/words.py",
)


@pytest.mark.parametrize("lang", ["nl", "tr", "ar", "pl", "uk"])
def test_every_aftercare_text_for_parents_is_translated(lang: str) -> None:
    with (DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    texts = [m for m in catalog if m.id and any(p in PARENT_PLACES for p, _ in m.locations)]
    assert len(texts) > 40
    for message in texts:
        pairs = _pairs(message)
        assert pairs and all(t for _, t in pairs) and not message.fuzzy, (lang, message.id)
        for source, translation in pairs:
            assert _names(source) == _names(translation), (lang, source, translation)
        if isinstance(message.id, tuple) and lang in PLURAL_FORMS:
            assert len(message.string) == PLURAL_FORMS[lang][0], message.id
