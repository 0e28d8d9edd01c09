"""The parents' evaluation form: their language, one answer per phone, open only on the evening."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from eventkit.evaluation import device
from eventkit.extensions import db
from eventkit.models import EvaluationAnswer, Event
from tests.evaluation.conftest import CLOSING, form_url, new_phone, send

pytestmark = pytest.mark.usefixtures("at_closing")


def checked(page: str, name: str) -> list[str]:
    """The values of the radio buttons `name` that are checked."""
    pattern = rf'<input checked id="{name}-\d" name="{name}"[^>]*value="([^"]*)"'
    return re.findall(pattern, page)


def answers(event: Event) -> list[EvaluationAnswer]:
    query = select(EvaluationAnswer).where(EvaluationAnswer.event_id == event.id)
    return list(db.session.scalars(query))


@pytest.mark.parametrize(
    ("lang", "direction", "words"),
    [
        ("nl", "ltr", ["Hoe was de avond?", "Heel goed", "Wat kan beter?"]),
        ("en", "ltr", ["How was the evening?", "Very good", "What could be better?"]),
        ("tr", "ltr", ["Akşam nasıldı?", "Çok iyi", "Ne daha iyi olabilir?"]),
        ("ar", "rtl", ["كيف كانت الأمسية؟", "جيدة جدًا", "ما الذي يمكن أن يكون أفضل؟"]),
        ("pl", "ltr", ["Jak minął wieczór?", "Bardzo dobrze", "Co mogłoby być lepsze?"]),
        ("uk", "ltr", ["Як пройшов вечір?", "Дуже добре", "Що могло б бути краще?"]),
    ],
)
def test_the_form_speaks_the_parents_language(
    client: FlaskClient, evening: Event, lang: str, direction: str, words: list[str]
) -> None:
    page = client.get(form_url(evening, lang))
    assert page.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in page.text
    for word in words:
        assert word in page.text
    switch = f'<a href="?lang={lang}" lang="{lang}" hreflang="{lang}" aria-current="true">'
    assert switch in page.text
    # The rating is five radio buttons, each with a word beside its number.
    assert page.text.count('name="rating" required type="radio"') == 5


def test_the_browser_language_is_the_default(client: FlaskClient, evening: Event) -> None:
    polish = client.get(form_url(evening), headers={"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert '<html lang="pl" dir="ltr">' in polish.text
    unknown = client.get(form_url(evening), headers={"Accept-Language": "fr-FR"})
    assert '<html lang="nl" dir="ltr">' in unknown.text
    junk = client.get(form_url(evening, "xx"), headers={"Accept-Language": "ar"})
    assert '<html lang="ar" dir="rtl">' in junk.text


def test_the_public_page_is_private(client: FlaskClient, evening: Event) -> None:
    for response in (client.get(form_url(evening)), send(client, evening)):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "noindex" in response.headers["X-Robots-Tag"]


def test_the_team_question_in_the_parents_language_or_marked_as_dutch(
    client: FlaskClient, evening: Event
) -> None:
    arabic = client.get(form_url(evening, "ar")).text
    assert "ماذا تأخذون معكم إلى البيت؟" in arabic
    assert "هذا السؤال باللغة الهولندية." not in arabic
    turkish = client.get(form_url(evening, "tr")).text
    label = '<label for="free_answer" lang="nl" dir="auto">Wat neemt u mee naar huis?</label>'
    assert label in turkish
    assert "Bu soru Felemenkçedir." in turkish
    evening.evaluation_question = ""
    db.session.commit()
    assert 'name="free_answer"' not in client.get(form_url(evening, "tr")).text


def test_an_answer_keeps_only_its_day_and_words(client: FlaskClient, evening: Event) -> None:
    response = send(
        client, evening, "tr", rating="5", good=" Çay ", come_again="maybe", free_answer="Fikirler"
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/f/{evening.evaluation_token}?lang=tr&sent=1")
    cookie = response.headers["Set-Cookie"]
    assert f"Path=/f/{evening.evaluation_token}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    [answer] = answers(evening)
    assert (answer.day, answer.language, answer.rating) == (CLOSING.date(), "tr", 5)
    assert (answer.good, answer.come_again, answer.free_answer) == ("Çay", "maybe", "Fikirler")
    thanks = client.get(response.headers["Location"]).text
    assert "Cevabınız için teşekkür ederiz!" in thanks
    assert "Saat 22:00 olana kadar" in thanks


def test_without_a_rating_nothing_is_saved_and_nothing_typed_is_lost(
    client: FlaskClient, evening: Event
) -> None:
    page = client.post(form_url(evening, "nl"), data={"good": "De koffie", "better": "Tijd"})
    assert page.status_code == 200
    assert "Kies hoe de avond voor u was." in page.text
    assert 'href="#rating"' in page.text
    assert "De koffie</textarea>" in page.text and "Tijd</textarea>" in page.text
    assert answers(evening) == []


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "abc"},
        {"rating": "9"},
        {"rating": "-1"},
        {"rating": "3", "come_again": "forever"},
        {"rating": "3", "good": "x" * 5000},
        {"rating": ["abc", "1"]},
        {"rating": "4\x00"},
        {},
    ],
)
def test_junk_gets_a_message_never_a_500(client: FlaskClient, evening: Event, data: dict) -> None:
    page = client.post(form_url(evening, "uk"), data=data)
    assert page.status_code == 200
    assert 'class="alert error"' in page.text
    assert answers(evening) == []


@pytest.mark.parametrize(
    "path", ["/f/short", "/f/" + "a" * 16, "/f/../../etc/passwd", "/f/%00%ff", "/f/" + "é" * 20]
)
def test_an_unknown_link_is_a_plain_404(client: FlaskClient, evening: Event, path: str) -> None:
    assert client.get(path).status_code == 404
    assert client.post(path, data={"rating": "5"}).status_code == 404


def test_a_wrong_token_gets_the_parents_own_page(client: FlaskClient, evening: Event) -> None:
    response = client.get("/f/" + "A" * 16 + "?lang=ar")
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in response.text
    assert response.headers["Cache-Control"] == "no-store"
    assert "/login" not in response.text


def test_the_phone_can_change_its_answer_for_an_hour(
    client: FlaskClient, evening: Event, at_closing: time_machine.Coordinates
) -> None:
    send(client, evening, "nl", rating="2", better="Later beginnen")
    at_closing.shift(timedelta(minutes=40))
    page = client.get(form_url(evening, "nl")).text
    assert "U kunt uw antwoord nog veranderen tot 22:00." in page
    assert checked(page, "rating") == ["2"] and "Later beginnen</textarea>" in page
    assert "Mijn wijzigingen opslaan" in page
    assert send(client, evening, "nl", rating="4", better="Eerder beginnen").status_code == 302
    [answer] = answers(evening)
    assert (answer.rating, answer.better) == (4, "Eerder beginnen")

    at_closing.shift(timedelta(minutes=21))
    page = client.get(form_url(evening, "nl"))
    assert "U hebt op deze telefoon al geantwoord." in page.text
    assert 'name="rating"' not in page.text
    assert send(client, evening, "nl", rating="1").status_code == 200
    [answer] = answers(evening)
    assert answer.rating == 4


def test_another_phone_answers_on_its_own(client: FlaskClient, evening: Event) -> None:
    send(client, evening, rating="5")
    send(new_phone(client, evening), evening, rating="3")
    assert sorted(a.rating for a in answers(evening)) == [3, 5]


def test_a_forged_or_foreign_cookie_is_ignored(
    app: Flask, client: FlaskClient, evening: Event, make_event
) -> None:
    other = make_event(date=evening.date)
    mine = send(client, evening, rating="5")
    assert mine.status_code == 302
    path = f"/f/{evening.evaluation_token}"
    client.set_cookie("evaluation", "not-a-signed-value", path=path)
    assert 'name="rating"' in client.get(form_url(evening)).text
    # A genuine cookie of another meeting does not open (or block) this one.
    with app.test_request_context():
        response = app.response_class()
        device.remember(response, other, device.Given(answers(evening)[0].id, CLOSING))
        value = response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    client.set_cookie("evaluation", value, path=path)
    page = client.get(form_url(evening)).text
    assert 'name="rating"' in page and checked(page, "rating") == []
    assert send(client, evening, rating="1").status_code == 302
    assert sorted(a.rating for a in answers(evening)) == [1, 5]


def test_before_the_evening_the_form_is_not_open_yet(
    client: FlaskClient, evening: Event, at_closing: time_machine.Coordinates
) -> None:
    at_closing.move_to(CLOSING - timedelta(days=1))
    page = client.get(form_url(evening, "nl"))
    assert page.status_code == 200
    assert "Dit formulier gaat open op de avond zelf: donderdag 11 maart 2027." in page.text
    assert send(client, evening, "nl").status_code == 403
    assert answers(evening) == []


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_a_closed_or_cancelled_meeting_closes_the_form(
    client: FlaskClient, evening: Event, status: str
) -> None:
    evening.status = status
    db.session.commit()
    page = client.get(form_url(evening, "pl"))
    assert "Ten formularz jest już zamknięty." in page.text
    assert 'name="rating"' not in page.text
    assert send(client, evening, "pl").status_code == 403
    assert answers(evening) == []


def test_a_later_day_still_open_until_the_meeting_is_closed(
    client: FlaskClient, evening: Event, at_closing: time_machine.Coordinates
) -> None:
    at_closing.move_to(CLOSING + timedelta(days=3))
    assert send(client, evening, rating="4").status_code == 302
    [answer] = answers(evening)
    assert answer.day == CLOSING.date() + timedelta(days=3)


def test_an_expired_form_comes_back_filled_with_a_fresh_token(
    app: Flask, client: FlaskClient, evening: Event
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    data = {"rating": "5", "good": "De tafelgesprekken", "csrf_token": "stale"}
    page = client.post(form_url(evening, "nl"), data=data)
    assert page.status_code == 200
    assert "De pagina stond lang open. Uw antwoorden staan er nog" in page.text
    assert checked(page.text, "rating") == ["5"]
    assert "De tafelgesprekken</textarea>" in page.text
    assert answers(evening) == []
    token = re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)[0]
    assert token != "stale"
    again = client.post(form_url(evening, "nl"), data={**data, "csrf_token": token})
    assert again.status_code == 302
    assert len(answers(evening)) == 1


def test_the_token_is_never_logged(
    client: FlaskClient, evening: Event, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.get(form_url(evening))
    send(client, evening)
    client.get("/f/" + evening.evaluation_token[::-1])
    assert evening.evaluation_token not in caplog.text
