"""The privacy notice on the RSVP and walk-in pages, in the parent's language."""

from __future__ import annotations

import pytest
from flask import current_app

from eventkit.extensions import db
from eventkit.invitations import links

from .conftest import Stored

WORDS = {
    "nl": "Uw privacy", "en": "Your privacy", "tr": "Gizliliğiniz", "ar": "خصوصيتك",
    "pl": "Twoja prywatność", "uk": "Ваша приватність",
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_the_rsvp_page_says_what_is_kept_how_long_and_whom_to_ask(
    stored: Stored, parent, lang: str
) -> None:
    school = stored.event.school
    school.contact_name, school.contact_phone = "Mevr. De Wit", "030-1234567"
    school.retention_days = 180
    db.session.commit()
    household = stored.event.households[0]
    page = parent.get(f"/i/{household.token}?lang={lang}").text
    assert WORDS[lang] in page and "<details>" in page
    assert "Mevr. De Wit" in page and "030-1234567" in page
    assert "6" in page.split(WORDS[lang], 1)[1]  # 180 days: six months


def test_a_short_period_is_said_in_days_and_no_phone_sends_to_the_school(
    stored: Stored, parent
) -> None:
    stored.event.school.retention_days = 30
    db.session.commit()
    page = parent.get(f"/i/{stored.event.households[0].token}?lang=nl").text
    assert "30 dagen" in page and "Vraag het de school." in page


def test_the_walk_in_page_has_the_notice(stored: Stored, parent) -> None:
    code = links.walkin_code(stored.event, current_app.config["SECRET_KEY"])
    page = parent.get(f"/e/{code}?lang=pl").text
    assert WORDS["pl"] in page and "Więcej o prywatności" in page
