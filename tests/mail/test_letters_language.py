"""Parents read the programme in plain words of their language; staff mail stays nl/en."""

from __future__ import annotations

from flask_babel import force_locale

from eventkit.mail import letters


def test_a_parent_reads_the_programme_in_plain_words(app, meeting, make_carer, make_staff):
    parent = make_carer(meeting, language="pl")
    with app.test_request_context(), force_locale("pl"):
        letter = letters.letter_for(meeting, parent, letters.INVITATION, "pl")
    titles = [title for _clock, title, _depth in letter.agenda]
    assert not {"Inloop", "Pauze", "Thematafels", "Afsluiting"} & set(titles)
    assert len(titles) == 6
    assert all(depth == 0 for _c, _t, depth in letter.agenda)
    staff = make_staff(meeting, "Eva")
    with app.test_request_context():
        staff_letter = letters.letter_for(meeting, staff, letters.INVITATION, "nl")
    assert "Thematafels" in [title for _c, title, _d in staff_letter.agenda]


def test_staff_mail_is_in_a_staff_language(meeting, make_staff) -> None:
    turkish_speaker = make_staff(meeting, "Emre", language="tr")
    english_speaker = make_staff(meeting, "Jan", language="en")
    assert letters.language_of(meeting, turkish_speaker) == meeting.language
    assert letters.language_of(meeting, english_speaker) == "en"
