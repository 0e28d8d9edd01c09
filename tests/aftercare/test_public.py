"""The public "you said, we do" page and the unsubscribe link: languages, privacy, 404s."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from eventkit.aftercare import services
from eventkit.extensions import db
from eventkit.models import Event, User
from tests.aftercare.conftest import NOW, names_and_addresses, note_text


@pytest.fixture
def published(held: Event, make_user: Callable[..., User]) -> Event:
    owner = make_user("team", name="Jeroen de Vries", email="jeroen@school.test")
    app_note = note_text(held, "app-melding")
    first = services.action_from_note(held, app_note, NOW)
    services.save_action(held, first, services.ActionData(**{
        "title": "Een verzuim-melding in de app", "status": "in_progress", "progress": None,
        "reason": "", "target_date": None, "owner_id": owner.id, "owner_label": "",
        "owner_public": False, "description": "We testen dit in leerjaar 1.",
    }), NOW)  # fmt: skip
    first.translations = {"ar": {"title": "إشعار في التطبيق عند الغياب"}}
    services.add_update(held, first, NOW.date(), "De proef is begonnen.", NOW)
    second = services.action_from_note(held, note_text(held, "cijfers"), NOW)
    services.save_action(held, second, services.ActionData(**{
        "title": "Cijfers elke week", "status": "not_adopted", "progress": None,
        "reason": "Docenten geven cijfers na elke toets; elke week is te veel werk.",
        "target_date": None, "owner_label": "De teamleiders",
    }), NOW)  # fmt: skip
    services.publish(held, NOW)
    return held


def page(client: FlaskClient, event: Event, lang: str) -> str:
    response = client.get(f"/n/{event.aftercare_token}?lang={lang}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]
    return response.text


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_page_names_nobody(client: FlaskClient, published: Event, lang: str) -> None:
    html = page(client, published, lang)
    visible = re.sub(r"<[^>]+>", " ", html)
    for name in names_and_addresses():
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", visible, re.I), name
        assert name not in html, name


def test_an_owner_who_chose_to_be_named_is_shown(client: FlaskClient, published: Event) -> None:
    action = services.actions_of(published)[0]
    action.owner_public = True
    db.session.commit()
    assert "Jeroen de Vries" in page(client, published, "nl")


def test_dutch_page_shows_heard_actions_not_adopted_and_updates(
    client: FlaskClient, published: Event
) -> None:
    html = page(client, published, "nl")
    assert "Een korte app-melding bij elk verzuim." in html  # you said
    assert "Een verzuim-melding in de app" in html  # we do
    assert "De proef is begonnen." in html
    assert "elke week is te veel werk" in html and "De teamleiders" in html
    assert "reageert nooit" not in html  # flagged note stays off
    assert 'dir="ltr"' in html and 'lang="nl"' in html
    assert "only-dutch" not in html  # on the Dutch page nothing is "only in Dutch"


def test_arabic_page_runs_right_to_left_and_marks_dutch_texts(
    client: FlaskClient, published: Event
) -> None:
    html = page(client, published, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "إشعار في التطبيق عند الغياب" in html  # the team's own Arabic title
    assert html.count('class="only-dutch"') >= 2  # description, reason, update in Dutch


@pytest.mark.parametrize("lang", ["nl", "en", "tr", "ar", "pl", "uk"])
def test_every_parent_language_renders(client: FlaskClient, published: Event, lang: str) -> None:
    assert f'<html lang="{lang}"' in page(client, published, lang)


def test_an_unpublished_or_unknown_page_is_a_404(client: FlaskClient, held: Event) -> None:
    assert client.get(f"/n/{held.aftercare_token}").status_code == 404
    response = client.get("/n/AAAAAAAAAAAAAAAA?lang=ar")
    assert response.status_code == 404 and 'dir="rtl"' in response.text
    assert "/login" not in response.text
    assert client.get("/n/x").status_code == 404


def test_unsubscribe_asks_then_confirms_in_the_parents_language(
    client: FlaskClient, held: Event
) -> None:
    household = next(h for h in held.households if h.language == "tr")
    path = f"/i/{household.token}/unsubscribe"
    shown = client.get(path)
    assert shown.status_code == 200 and household.wants_updates  # a GET changes nothing
    assert '<html lang="tr"' in shown.text
    done = client.post(path, data={"wanted": "0"})
    assert done.status_code == 200 and not household.wants_updates
    assert done.headers["Cache-Control"] == "no-store"
    client.post(path, data={"wanted": "1"})
    assert household.wants_updates
    assert client.get("/i/unknown-token-123456/unsubscribe").status_code == 404
