"""The personal RSVP page: language, privacy, the form and its checks, the deadline."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from eventkit.extensions import db
from eventkit.models import Response
from eventkit.rsvp import services

VALID = {"answer": "yes", "adults": "2", "pupil_comes": "y", "theme_1": "", "theme_2": "",
         "theme_3": "", "interpreter_language": ""}  # fmt: skip


def answer_of(household) -> Response | None:
    db.session.expire_all()
    return db.session.get(type(household), household.id).response


@pytest.mark.parametrize(
    ("language", "query", "lang", "direction"),
    [("nl", "", "nl", "ltr"), ("ar", "", "ar", "rtl"), ("tr", "", "tr", "ltr"),
     ("nl", "?lang=ar", "ar", "rtl"), ("ar", "?lang=en", "en", "ltr"),
     ("pl", "?lang=xx", "pl", "ltr"), ("so", "", "so", "ltr"), ("fa", "", "fa", "rtl"),
     ("am", "", "en", "ltr")],
)  # fmt: skip
def test_the_page_speaks_the_household_language_or_the_chosen_one(
    client, meeting, make_household, language: str, query: str, lang: str, direction: str
) -> None:
    household = make_household(meeting, language=language)
    page = client.get(f"/i/{household.token}{query}")
    assert page.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in page.text
    for code, name in [("nl", "Nederlands"), ("ar", "العربية"), ("uk", "Українська")]:
        assert f'href="?lang={code}" lang="{code}"' in page.text and name in page.text


def test_the_page_shows_the_meeting_and_only_this_household(
    client, meeting, make_household
) -> None:
    mine = make_household(meeting, children=[("Ayşe", "Yılmaz", "2B", "2")])
    other = make_household(
        meeting, children=[("Noor", "Bakker", "2A", "2")], answer={"question": "Geheim"}
    )
    page = client.get(f"/i/{mine.token}").text
    assert meeting.title in page and "Ayşe" in page and "Schoolstraat 1" in page
    assert "Samen ontdekken hoe we verzuim voorkomen." in page
    assert "Noor" not in page and "Bakker" not in page and other.token not in page
    assert "Geheim" not in page and "fatma@example.test" not in page


def test_the_pages_are_private(client, meeting, make_household) -> None:
    household = make_household(meeting)
    response = client.get(f"/i/{household.token}")
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "token",
    ["AAAAAAAAAAAAAAAA", "short", "1", "AAAAAAAAAAAAAAA-", "a" * 33, "%00", "AAAAAAAAAAAAAAA;"],
)
def test_unknown_tokens_are_404_and_say_nothing(client, meeting, make_household, token) -> None:
    make_household(meeting)
    for path in (f"/i/{token}", f"/i/{token}/done", f"/i/{token}/calendar.ics"):
        response = client.get(path)
        assert response.status_code == 404
        assert meeting.title not in response.text and "Ayşe" not in response.text
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_one_household_cannot_answer_for_another(client, meeting, make_household) -> None:
    mine = make_household(meeting)
    other = make_household(meeting)
    client.post(f"/i/{mine.token}", data=VALID)
    assert answer_of(mine) is not None and answer_of(other) is None
    done = client.get(f"/i/{other.token}/done")
    assert done.status_code == 302 and done.headers["Location"].startswith(f"/i/{other.token}")


def test_answer_then_change_it(client, meeting, make_household) -> None:
    household = make_household(meeting, language="tr")
    themes = [t.id for t in meeting.themes]
    data = VALID | {"interpreter": "y", "interpreter_language": "tr", "childcare": "y",
                    "accessibility": "Rolstoel", "question": "Hoe gaat het met huiswerk?",
                    "theme_1": str(themes[2]), "theme_2": str(themes[0])}  # fmt: skip
    response = client.post(f"/i/{household.token}", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/i/{household.token}/done?lang=tr"
    saved = answer_of(household)
    assert (saved.answer, saved.adults, saved.pupil_comes) == ("yes", 2, True)
    assert (saved.interpreter, saved.interpreter_language, saved.childcare) == (True, "tr", True)
    assert saved.themes == [themes[2], themes[0]] and saved.language == "tr"
    assert saved.question == "Hoe gaat het met huiswerk?"

    again = client.get(f"/i/{household.token}")
    assert re.search(r'<input checked id="answer-\d" name="answer" [^>]*value="yes">', again.text)
    assert "Rolstoel" in again.text

    client.post(f"/i/{household.token}", data=VALID | {"answer": "no", "question": "Later"})
    changed = answer_of(household)
    assert (changed.answer, changed.adults, changed.interpreter, changed.accessibility) == (
        "no", 0, False, "")  # fmt: skip
    assert changed.question == "Later"
    assert db.session.query(Response).count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [({"adults": "0"}, "adults", "from 1 to 6"),
     ({"adults": "40"}, "adults", "from 1 to 6"),
     ({"adults": "twee"}, "adults", ""),
     ({"answer": ""}, "answer", "yes, no or maybe"),
     ({"answer": "perhaps"}, "answer", ""),
     ({"theme_1": "T1", "theme_2": "T1"}, "theme_2", "chose this theme already"),
     ({"theme_1": "T1", "theme_3": "T1"}, "theme_3", "chose this theme already"),
     ({"interpreter": "y"}, "interpreter_language", "language"),
     ({"interpreter": "y", "interpreter_language": "other"}, "interpreter_other", "which language"),
     ({"question": "x" * 1001}, "question", "")],
)  # fmt: skip
def test_invalid_answers_are_refused_with_a_message_at_the_field(
    client, meeting, make_household, change: dict[str, str], field: str, message: str
) -> None:
    household = make_household(meeting, language="en")
    theme = str(meeting.themes[0].id)
    data = VALID | {k: v.replace("T1", theme) for k, v in change.items()}
    response = client.post(f"/i/{household.token}", data=data)
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text or (
        field == "answer" and 'id="answer-error"' in response.text
    )
    assert message in response.text
    assert 'role="alert"' in response.text
    assert answer_of(household) is None


@pytest.mark.parametrize(
    ("deadline_offset", "status", "closed"),
    [(None, "invited", False), (0, "invited", False), (-1, "invited", True),
     (5, "held", True), (5, "cancelled", True), (5, "concept", False)],
)  # fmt: skip
def test_closed_after_the_deadline_or_once_held(
    meeting, deadline_offset: int | None, status: str, closed: bool
) -> None:
    today = date(2027, 3, 1)
    meeting.date = today + timedelta(days=10)
    meeting.rsvp_deadline = None if deadline_offset is None else today + timedelta(deadline_offset)
    meeting.status = status
    assert services.is_closed(meeting, today) is closed


def test_the_deadline_is_the_end_of_that_day_in_amsterdam(meeting) -> None:
    import time_machine

    meeting.date, meeting.rsvp_deadline = date(2027, 3, 10), date(2027, 3, 1)
    # 23:30 in Amsterdam (CET), then 00:05 on 2 March in Amsterdam.
    with time_machine.travel(datetime(2027, 3, 1, 22, 30, tzinfo=UTC), tick=False):
        assert services.is_closed(meeting) is False
    with time_machine.travel(datetime(2027, 3, 1, 23, 5, tzinfo=UTC), tick=False):
        assert services.is_closed(meeting) is True


def test_after_the_deadline_the_form_is_gone_and_posts_are_refused(
    client, meeting, make_household
) -> None:
    household = make_household(meeting, language="en", answer={"answer": "maybe"})
    meeting.rsvp_deadline = date.today() - timedelta(days=1)
    db.session.commit()
    page = client.get(f"/i/{household.token}")
    assert page.status_code == 200
    assert "Answering is closed" in page.text and "mentor" in page.text
    assert "<form" not in page.text
    refused = client.post(f"/i/{household.token}", data=VALID)
    assert refused.status_code == 403
    assert answer_of(household).answer == "maybe"


def test_csrf_protects_the_form(app, client, meeting, make_household) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    household = make_household(meeting, language="en")
    response = client.post(f"/i/{household.token}", data=VALID)
    assert response.status_code in (200, 400)
    assert answer_of(household) is None


def test_an_expired_form_shows_a_parent_page_not_the_staff_one(app, meeting, make_household):
    app.config["WTF_CSRF_ENABLED"] = True
    household = make_household(meeting)
    response = app.test_client().post(f"/i/{household.token}", data={"answer": "yes"})
    assert response.status_code == 200  # the form again, like any form with a problem
    assert "Uw antwoord is nog niet verstuurd" in response.text  # the answers come back
    assert "/login" not in response.text


def test_the_printed_code_opens_the_page_with_or_without_dashes(
    client, meeting, make_household
) -> None:
    from eventkit.domain.codes import grouped

    household = make_household(meeting)
    code = household.token
    for typed in (grouped(code), code, grouped(code).lower()):
        assert client.get(f"/i/{typed}").status_code == 200, typed
    wrong = "Y" if code.upper().endswith("X") else "X"  # another last character, always
    assert client.get(f"/i/{code[:-1]}{wrong}-").status_code == 404
