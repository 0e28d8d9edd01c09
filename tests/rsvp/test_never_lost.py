"""A parent's answer is never lost: with CSRF protection on, a form left open for hours or
a forged token brings the typed answers back with a fresh token and a plain message; a
lost cookie does not matter (the token is bound to the link)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from flask import Flask, g
from flask.testing import FlaskClient

from eventkit.clock import school_now
from eventkit.extensions import db
from eventkit.models import Household, Response
from tests.rsvp.test_walk_in import SIGN_UP, code_of

ANSWER = {"answer": "yes", "adults": "2", "pupil_comes": "y", "theme_1": "", "theme_2": "",
          "theme_3": "", "interpreter_language": "",
          "question": "Wanneer is de rapportavond?"}  # fmt: skip
REFUSED = {
    "nl": "Uw antwoord is nog niet verstuurd.",
    "en": "Your answer has not been sent yet.",
    "tr": "Cevabınız henüz gönderilmedi.",
    "ar": "لم يُرسَل ردّكم بعد.",
    "pl": "Odpowiedź nie została jeszcze wysłana.",
    "uk": "Вашу відповідь ще не надіслано.",
}


@pytest.fixture
def protected(app: Flask) -> Flask:
    """The app as it runs for real: CSRF protection on (the test config switches it off).

    The `app` fixture keeps one app context open for the whole test, so flask.g (where
    Flask-WTF caches the request's token) would outlive a request; clear it per request
    as a real server does."""
    app.config["WTF_CSRF_ENABLED"] = True
    app.before_request(lambda: g.pop("csrf_token", None) and None)
    return app


def token_in(page: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found, "the form carries a CSRF token"
    return found.group(1)


def saved(household: Household) -> Response | None:
    db.session.expire_all()
    return db.session.get(Household, household.id).response


def test_without_a_token_nothing_is_saved(protected, client, meeting, make_household) -> None:
    household = make_household(meeting)
    assert client.post(f"/i/{household.token}", data=ANSWER).status_code == 200
    assert saved(household) is None


def test_an_answer_hours_after_opening_the_form_is_saved(
    protected, client, meeting, make_household
) -> None:
    household = make_household(meeting)
    with time_machine.travel(school_now(), tick=False) as traveller:
        token = token_in(client.get(f"/i/{household.token}").text)
        traveller.shift(timedelta(days=3, minutes=61))
        response = client.post(f"/i/{household.token}", data=ANSWER | {"csrf_token": token})
    assert response.status_code == 302
    assert saved(household).question == "Wanneer is de rapportavond?"


def test_the_answer_needs_no_cookie(protected: Flask, meeting, make_household) -> None:
    """The form's token is bound to the household's link, not to a browser session: a
    phone that drops cookies (or a parent who opens the link in one app and answers in
    another) still answers, and the parents' pages set no cookie at all."""
    household = make_household(meeting)
    opened = protected.test_client().get(f"/i/{household.token}")
    assert "Set-Cookie" not in opened.headers
    other_browser = protected.test_client()
    answer = ANSWER | {"csrf_token": token_in(opened.text)}
    sent = other_browser.post(f"/i/{household.token}", data=answer)
    assert sent.status_code == 302 and "Set-Cookie" not in sent.headers
    assert saved(household).adults == 2


def test_a_token_of_another_household_is_refused(protected, client, meeting, make_household):
    household, neighbour = make_household(meeting), make_household(meeting)
    theirs = token_in(client.get(f"/i/{neighbour.token}").text)
    page = client.post(f"/i/{household.token}", data=ANSWER | {"csrf_token": theirs})
    assert page.status_code == 200 and saved(household) is None
    assert token_in(page.text) != theirs


@pytest.mark.parametrize("lang", sorted(REFUSED))
@pytest.mark.parametrize("case", ["token missing", "token forged"])
def test_a_refused_answer_comes_back_with_a_fresh_token_and_a_plain_message(
    protected: Flask, client: FlaskClient, meeting, make_household, lang: str, case: str
) -> None:
    household = make_household(meeting, language=lang)
    old = token_in(client.get(f"/i/{household.token}").text)
    sender = client
    data = ANSWER | {"csrf_token": {"token missing": "", "token forged": old[:-4] + "AAAA"}[case]}
    page = sender.post(f"/i/{household.token}", data=data)
    assert page.status_code == 200 and saved(household) is None
    assert REFUSED[lang] in page.text
    assert "Wanneer is de rapportavond?" in page.text
    assert re.search(r'<input checked id="answer-\d" name="answer" [^>]*value="yes">', page.text)
    assert 'value="2"' in page.text
    fresh = token_in(page.text)
    again = sender.post(f"/i/{household.token}", data=ANSWER | {"csrf_token": fresh})
    assert again.status_code == 302
    assert saved(household).adults == 2


def test_a_walk_in_sign_up_is_never_lost(protected, client, meeting) -> None:
    url = f"/e/{code_of(protected, meeting)}?lang=uk"
    with time_machine.travel(school_now(), tick=False) as traveller:
        old = token_in(client.get(url).text)
        traveller.shift(timedelta(hours=5))
        late = client.post(url, data=SIGN_UP | {"csrf_token": old})
    assert late.status_code == 302

    stranger = protected.test_client()
    page = stranger.post(url, data=SIGN_UP | {"name": "Mila Shevchenko", "csrf_token": old})
    assert page.status_code == 200 and REFUSED["uk"] in page.text
    assert 'value="Mila Shevchenko"' in page.text and 'value="olena.k@voorbeeld.nl"' in page.text
    again = stranger.post(url, data=SIGN_UP | {"name": "Mila Shevchenko",
                                                "csrf_token": token_in(page.text)})  # fmt: skip
    assert again.status_code == 302
    assert db.session.query(Household).filter_by(event_id=meeting.id).count() == 2
