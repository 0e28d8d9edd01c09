"""The team's evaluation page: the question, the QR code for projector and print, the results."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from eventkit.evaluation import services
from eventkit.extensions import db
from eventkit.models import EvaluationAnswer, Event, School, User
from tests.evaluation.conftest import EVENING

ROOT = Path(__file__).resolve().parents[2]


def add_answers(event: Event, ratings: list[int]) -> None:
    for n, rating in enumerate(ratings):
        db.session.add(
            EvaluationAnswer(
                event_id=event.id,
                day=EVENING,
                language=("nl", "ar")[n % 2],
                rating=rating,
                good=f"Goed {chr(ord('e') - n)}",
                better="" if n % 2 else f"Beter {n}",
                come_again=("yes", "maybe", "no")[n % 3],
                free_answer=f"Vrij {n}" if n < 2 else "",
            )
        )
    db.session.commit()


def page_of(client: FlaskClient, event: Event, query: str = "") -> str:
    response = client.get(f"/events/{event.id}/evaluation{query}")
    assert response.status_code == 200
    return response.text


def test_the_tab_and_the_link_with_its_qr_code(signed_in: FlaskClient, evening: Event) -> None:
    page = page_of(signed_in, evening)
    assert 'aria-current="page">Evaluatie</a>' in page
    assert f"http://eventkit.test/f/{evening.evaluation_token}" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="qr"' in page
    assert f'href="/events/{evening.id}/evaluation?screen=1"' in page
    assert f'href="/events/{evening.id}/evaluation/print"' in page


@pytest.mark.parametrize("count", [0, 1, 4])
def test_below_five_answers_only_the_count_shows(
    signed_in: FlaskClient, evening: Event, count: int
) -> None:
    add_answers(evening, [5, 1, 3, 2][:count])
    page = page_of(signed_in, evening)
    noun = "antwoord" if count == 1 else "antwoorden"
    assert f"{count} {noun} tot nu toe; de resultaten verschijnen vanaf 5 antwoorden" in page
    assert 'class="bars"' not in page
    assert "Goed e" not in page and "Vrij 0" not in page
    assert services.results(evening) is None


def test_from_five_answers_counts_charts_and_sorted_texts(
    signed_in: FlaskClient, evening: Event
) -> None:
    add_answers(evening, [5, 4, 4, 2, 5])
    page = page_of(signed_in, evening)
    assert "5 antwoorden · gemiddeld 4 van de 5" in page
    assert page.count('<svg class="bars"') == 2
    assert 'role="img" aria-labelledby="ratings-title"' in page
    assert "Hoe was de avond?: 1 · Slecht 0; 2 · Niet zo goed 1;" in page
    assert '<th scope="row">5 · Heel goed</th><td>2</td><td>40%</td>' in page
    assert '<th scope="row">Ja</th><td>2</td>' in page
    goods = re.findall(r'<li dir="auto">(Goed \w)</li>', page)
    assert goods == sorted(goods) and len(goods) == 5
    assert "Vrij 0" in page and "Wat neemt u mee naar huis?" in page
    # No time or language next to a text, nothing a CSP would block.
    assert "العربية" not in page and "21:" not in page
    assert " style=" not in page and "<script>" not in page
    summary = services.results(evening)
    assert summary is not None and summary.count == 5 and summary.average == 4.0


def test_an_average_with_a_decimal_is_written_the_dutch_way(
    signed_in: FlaskClient, evening: Event
) -> None:
    add_answers(evening, [5, 4, 4, 2, 5, 1])
    assert "gemiddeld 3,5 van de 5" in page_of(signed_in, evening)


def test_an_editor_sets_the_question_and_its_translations(
    signed_in: FlaskClient, evening: Event
) -> None:
    data = {"question": " Wat was nieuw voor u? ", "question_tr": "Sizin için ne yeniydi?"}
    response = signed_in.post(f"/events/{evening.id}/evaluation/question", data=data)
    assert response.status_code == 302
    assert evening.evaluation_question == "Wat was nieuw voor u?"
    assert evening.evaluation_question_translations == {"tr": "Sizin için ne yeniydi?"}
    assert "De vraag is opgeslagen." in signed_in.get(response.headers["Location"]).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question": "", "question_ar": "سؤال"}, "Schrijf de vraag ook in het Nederlands."),
        ({"question": "x" * 301}, "Niet meer dan 300 tekens."),
        ({"question": "Goed", "question_pl": "y" * 400}, "Niet meer dan 300 tekens."),
    ],
)
def test_a_wrong_question_gets_a_message_and_changes_nothing(
    signed_in: FlaskClient, evening: Event, data: dict[str, str], message: str
) -> None:
    response = signed_in.post(f"/events/{evening.id}/evaluation/question", data=data)
    assert response.status_code == 200
    assert message in response.text
    assert evening.evaluation_question == "Wat neemt u mee naar huis?"


def test_a_facilitator_sees_the_page_but_cannot_change_the_question(
    login: Callable[[User], FlaskClient], make_user: Callable[..., User], evening: Event
) -> None:
    client = login(make_user("facilitator"))
    page = page_of(client, evening)
    assert 'name="question"' not in page and "Wat neemt u mee naar huis?" in page
    url = f"/events/{evening.id}/evaluation/question"
    assert client.post(url, data={"question": "Nee"}).status_code == 403
    assert evening.evaluation_question == "Wat neemt u mee naar huis?"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("get", "?screen=1"),
        ("get", "/print"),
        ("post", "/question"),
    ],
)
def test_another_school_gets_a_404(
    login: Callable[[User], FlaskClient],
    make_user: Callable[..., User],
    evening: Event,
    method: str,
    path: str,
) -> None:
    other = School(name="Het Baken")
    db.session.add(other)
    db.session.commit()
    client = login(make_user("coordinator", school_=other))
    url = f"/events/{evening.id}/evaluation{path}"
    assert getattr(client, method)(url, data={"question": "Hack"}).status_code == 404
    assert client.get("/events/999999/evaluation").status_code == 404
    assert evening.evaluation_question == "Wat neemt u mee naar huis?"


def test_signed_out_goes_to_the_sign_in(client: FlaskClient, evening: Event) -> None:
    response = client.get(f"/events/{evening.id}/evaluation")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_projector_view(signed_in: FlaskClient, evening: Event) -> None:
    page = page_of(signed_in, evening, "?screen=1")
    assert '<body class="projector">' in page
    assert 'class="qr"' in page
    assert f"eventkit.test/f/{evening.evaluation_token}</p>" in page
    assert '<li lang="ar" dir="rtl"><strong>أخبرونا برأيكم</strong>' in page
    assert '<li lang="tr" dir="ltr"><strong>Görüşünüzü bize söyleyin</strong>' in page
    assert 'class="tabs"' not in page


def test_the_a5_page(signed_in: FlaskClient, evening: Event) -> None:
    page = page_of(signed_in, evening, "/print")
    assert '<main class="a5-sheet">' in page and 'class="qr"' in page
    assert f'<p class="a5-url" dir="ltr">eventkit.test/f/{evening.evaluation_token}</p>' in page
    languages = re.findall(r'<li lang="(\w+)" dir="(\w+)"><strong>', page)
    assert languages == [
        ("nl", "ltr"), ("en", "ltr"), ("tr", "ltr"), ("ar", "rtl"), ("pl", "ltr"), ("uk", "ltr"),
        ("so", "ltr"), ("ti", "ltr"), ("fa", "rtl"), ("bg", "ltr"),
    ]  # fmt: skip
    evening.school.parent_languages = ["nl", "ar", "so"]  # the school's own choice
    db.session.commit()
    page = page_of(signed_in, evening, "/print")
    languages = re.findall(r'<li lang="(\w+)" dir="(\w+)"><strong>', page)
    assert languages == [("nl", "ltr"), ("ar", "rtl"), ("so", "ltr")]
    css = (ROOT / "static" / "css" / "eventkit.css").read_text()
    assert "@page evaluation-a5 { size: A5 portrait;" in css
    assert ".a5-sheet { page: evaluation-a5;" in css
    assert " style=" not in page and "<script" not in page
