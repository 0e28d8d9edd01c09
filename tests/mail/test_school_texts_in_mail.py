"""Parents' mails carry the school's own texts in their language, or say they are Dutch."""

from __future__ import annotations

from eventkit.extensions import db
from eventkit.mail import letters

TITLE_AR = "لقاء الأهل"


def test_a_translated_title_and_dutch_closing_words(app, meeting, make_carer) -> None:
    meeting.translations = {"ar": {"title": TITLE_AR}}
    meeting.closing = "Tot ziens op 1 december!"
    db.session.commit()
    arabic, persian, somali = (
        make_carer(meeting, name, language=lang)
        for name, lang in (("Amina", "ar"), ("Dariush", "fa"), ("Hodan", "so"))
    )
    with app.test_request_context():
        mail = letters.compose(meeting, arabic, letters.INVITATION)
        assert TITLE_AR in mail.subject and meeting.title not in mail.text
        assert "\u2068Tot ziens op 1 december!\u2069 (بالهولندية فقط)" in mail.text
        mail = letters.compose(meeting, persian, letters.INVITATION)
        assert f"\u2068{meeting.title}\u2069" in mail.text  # Dutch, isolated in Persian
        mail = letters.compose(meeting, somali, letters.INVITATION)
        assert "Tot ziens op 1 december! (Nederlandays oo keliya)" in mail.text
        assert "\u2068" not in mail.text
