"""The parents' quick lane (eventkit.rsvp.quick): its check of an answer never takes what
the answer form would refuse and gives the same Reply; the answers parents really give go
through it; it serves the kept page and the answer without the ORM or a session cookie;
everything else takes the ordinary road."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from eventkit.extensions import db
from eventkit.invitations import texts
from eventkit.models import Event, Household, Pupil
from eventkit.rsvp import quick, views
from eventkit.rsvp.forms import RsvpForm
from tests.perf.test_statements import statements  # noqa: F401

FIELDS = ("answer", "adults", "pupil_comes", "interpreter", "interpreter_language",
          "interpreter_other", "childcare", "accessibility", "question", "theme_1", "theme_2",
          "theme_3")  # fmt: skip
TRICKY_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Ayşe",
            "  Tigrinya  ",
            "x" * 40,
            "x" * 41,
            "y" * 500,
            "y" * 501,
            "z" * 1000,
            "z" * 1001,
            "regel 1\nregel 2",
            "tab\there",
            "bel\x07",
            "\u202eevil",
            "a\u200fb",
            "\x00",
            "\r\n",
        ]
    ),  # fmt: skip
    st.text(max_size=30),
)


def values(theme_ids: list[int]) -> st.SearchStrategy[str]:
    themes = [str(i) for i in theme_ids]
    return st.one_of(
        st.sampled_from(
            [
                "",
                "yes",
                "no",
                "maybe",
                "Yes",
                "y",
                "false",
                "0",
                "1",
                "2",
                "6",
                "7",
                " 2",
                "٣",
                "+3",
                "3_0",
                "other",
                "ar",
                "tr",
                "xx",
                "07",
                *themes,
                f"0{themes[0]}",
                "999999",
            ]
        ),  # fmt: skip
        TRICKY_TEXT,
    )


def posted(theme_ids: list[int]) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(FIELDS), values(theme_ids), max_size=len(FIELDS))


def form_reply(meeting: Event, data: dict[str, str]) -> object:
    """What RsvpForm makes of `data`: its Reply, or None when it refuses."""
    form = RsvpForm(formdata=MultiDict(data), themes=meeting.themes, lang="nl", household="x" * 12)
    return form.to_data() if form.validate() else None


@pytest.fixture
def form_context(app: Flask, meeting: Event) -> Event:
    with app.test_request_context("/i/x", method="POST"):
        yield meeting


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_lane_takes_nothing_the_form_refuses_and_reads_it_alike(form_context, data):
    meeting = form_context
    theme_ids = [t.id for t in meeting.themes]
    answer = data.draw(posted(theme_ids))
    lane = quick.reply(answer, frozenset(theme_ids))
    if lane is not None:
        assert form_reply(meeting, answer) == lane


PARENTS_ANSWERS = [
    {"answer": "yes", "adults": "1"},
    {"answer": "yes", "adults": "2", "pupil_comes": "y", "childcare": "y",
     "question": "Wanneer is de rapportavond?", "accessibility": "Rolstoelplek\ngraag"},
    {"answer": "maybe", "adults": "", "interpreter": "y", "interpreter_language": "ar"},
    {"answer": "yes", "interpreter": "y", "interpreter_language": "other",
     "interpreter_other": " Tigrinya "},
    {"answer": "no", "question": "Kan het ook overdag?", "interpreter": "y"},
    {"answer": "yes", "adults": "6", "theme_1": "FIRST", "theme_2": "", "theme_3": "SECOND"},
]  # fmt: skip


@pytest.mark.parametrize("answer", PARENTS_ANSWERS)
def test_the_answers_parents_give_go_through_the_lane(form_context, answer) -> None:
    meeting = form_context
    meeting.themes[0].title = "Huiswerk"
    ids = [str(t.id) for t in meeting.themes]
    answer = {k: {"FIRST": ids[0], "SECOND": ids[-1]}.get(v, v) for k, v in answer.items()}
    lane = quick.reply(answer, frozenset(int(i) for i in ids))
    assert lane is not None
    assert lane == form_reply(meeting, answer)


@pytest.fixture
def ordinary(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tokens of the requests the ordinary road (views._answer) answered."""
    taken: list[str] = []
    road = views._answer

    def counted(token: str) -> object:
        taken.append(token)
        return road(token)

    monkeypatch.setattr(views, "_answer", counted)
    return taken


def test_an_opened_link_and_an_answer_take_the_lane(
    app: Flask,
    client: FlaskClient,
    meeting: Event,
    make_household: Callable[..., Household],
    ordinary: list[str],
    statements: Callable[[], int],  # noqa: F811 - the fixture imported above
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    first, second = make_household(meeting), make_household(meeting)
    for household in (first, second):
        household.pupils.append(Pupil(first_name="Noor & Sem", class_name="5B"))
    db.session.commit()
    opened, answering, answering_id = first.token, second.token, second.id
    client.get(f"/i/{opened}")  # renders the page and keeps it
    assert ordinary == [opened]
    db.session.remove()
    statements()

    page = client.get(f"/i/{answering}")
    assert (page.status_code, statements(), ordinary) == (200, 1, [opened])
    assert "Set-Cookie" not in page.headers
    assert "Ayşe en Noor &amp; Sem" in page.text
    assert f'action="/i/{answering}?lang=nl"' in page.text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
    assert token is not None

    sent = client.post(
        f"/i/{answering}", data={"answer": "yes", "adults": "2", "csrf_token": token[1]}
    )
    assert (sent.status_code, statements(), ordinary) == (302, 2, [opened])
    assert sent.location.endswith(f"/i/{answering}/done?lang=nl")
    assert db.session.get(Household, answering_id).response.adults == 2


def test_everything_else_takes_the_ordinary_road(
    app: Flask,
    client: FlaskClient,
    meeting: Event,
    make_household: Callable[..., Household],
    ordinary: list[str],
) -> None:
    household = make_household(meeting)
    client.get(f"/i/{household.token}")
    ordinary.clear()
    refused = client.post(f"/i/{household.token}", data={"answer": "yes", "adults": "9"})
    assert refused.status_code == 200 and "1" in refused.text and ordinary == [household.token]
    assert client.post(f"/i/{household.token}", data={"answer": "yes"}).status_code == 302
    ordinary.clear()
    shown = client.get(f"/i/{household.token}")  # answered: the stored answer is shown
    assert shown.status_code == 200 and ordinary == [household.token]
    assert client.get("/i/ABCDEFGHJKLM").status_code == 404


def test_the_lane_speaks_the_households_language_or_the_schools_fallback(
    client: FlaskClient, meeting: Event, make_household: Callable[..., Household]
) -> None:
    meeting.school.parent_languages = ["nl", "en", "ar"]
    meeting.school.fallback_language = "en"
    db.session.commit()
    for language, page_language in (("ar", "ar"), ("tr", "en"), ("nl", "nl")):
        warm, household = (
            make_household(meeting, language=language),
            make_household(meeting, language=language),
        )
        client.get(f"/i/{warm.token}")
        page = client.get(f"/i/{household.token}").text
        assert f'<html lang="{page_language}"' in page
        assert texts.is_rtl(page_language) == ('dir="rtl"' in page)
