"""The staff aftercare pages through the test client: access, forms, junk input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import time_machine
from flask.testing import FlaskClient

from eventkit.aftercare import services
from eventkit.extensions import db
from eventkit.models import Action, Event, School, User
from tests.aftercare.conftest import NOW, note_text

GET_PAGES = ["", "/notes", "/actions/new", "/texts"]


def url(event: Event, tail: str = "") -> str:
    return f"/events/{event.id}/aftercare{tail}"


@pytest.fixture(autouse=True)
def pinned_clock() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def action(held: Event) -> Action:
    return services.action_from_note(held, note_text(held, "app-melding"), NOW)


def all_routes(event: Event, action: Action) -> list[tuple[str, str]]:
    note = note_text(event, "app-melding")
    response = services.questions_of(event)[0]
    a = f"/actions/{action.id}"
    return [
        ("GET", url(event)), ("GET", url(event, "/notes")), ("GET", url(event, "/qr.svg")),
        ("GET", url(event, a)), ("GET", url(event, "/actions/new")), ("GET", url(event, "/texts")),
        ("GET", url(event, a + "/translations")),
        ("POST", url(event, "/bulk")), ("POST", url(event, "/stage")),
        ("POST", url(event, "/publish")), ("POST", url(event, "/unpublish")),
        ("POST", url(event, "/mail/summary")), ("POST", url(event, "/notes/flags")),
        ("POST", url(event, f"/notes/{note.id}")), ("POST", url(event, f"/notes/{note.id}/action")),
        ("POST", url(event, f"/questions/{response.id}/action")),
        ("POST", url(event, a + "/updates")), ("POST", url(event, a + "/delete")),
    ]  # fmt: skip


def test_another_school_sees_nothing(
    held: Event,
    action: Action,
    make_user: Callable[..., User],
    login: Callable[[User], FlaskClient],
) -> None:
    other = School(name="Andere school")
    db.session.add(other)
    db.session.commit()
    client = login(make_user("coordinator", school_=other))
    for method, path in all_routes(held, action):
        assert client.open(path, method=method).status_code == 404, path


def test_signed_out_goes_to_the_sign_in(client: FlaskClient, held: Event) -> None:
    response = client.get(url(held))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_facilitator_reads_but_cannot_change(
    held: Event, action: Action, facilitator: User, login: Callable[[User], FlaskClient]
) -> None:
    client = login(facilitator)
    for method, path in all_routes(held, action):
        status = client.open(path, method=method).status_code
        if method == "GET" and not path.endswith(("/new", "/texts", "/translations")):
            assert status == 200, path
        else:
            assert status == 403, path


def test_an_editor_changes_actions_but_does_not_publish(
    held: Event, action: Action, editor: User, login: Callable[[User], FlaskClient]
) -> None:
    client = login(editor)
    assert client.post(url(held, "/publish")).status_code == 403
    data = {"title": "Sneller bellen", "status": "in_progress", "progress": "0", "theme_id": "0",
            "owner_id": str(editor.id), "note_ids": [n.id for n in action.notes]}  # fmt: skip
    response = client.post(url(held, f"/actions/{action.id}"), data=data)
    assert response.status_code == 302
    assert (action.title, action.status, action.progress, action.owner_id) == (
        "Sneller bellen", "in_progress", 50, editor.id)  # fmt: skip


def test_not_adopted_without_reason_is_refused_at_the_field(
    signed_in: FlaskClient, english: FlaskClient, held: Event, action: Action
) -> None:
    data = {"title": "Een app", "status": "not_adopted", "reason": " ", "theme_id": "0",
            "owner_id": "0"}  # fmt: skip
    response = english.post(url(held, f"/actions/{action.id}"), data=data)
    assert response.status_code == 200  # the form again, with the message at the field
    assert "parents read this reason" in response.text
    assert action.status == "planned"


def test_bulk_update_from_the_overview(signed_in: FlaskClient, held: Event, action: Action) -> None:
    second = services.action_from_note(held, note_text(held, "cijfers"), NOW)
    data = {"action_ids": [action.id, second.id], "status": "not_adopted", "reason": "Te duur"}
    assert signed_in.post(url(held, "/bulk"), data=data).status_code == 302
    assert {action.status, second.status} == {"not_adopted"}
    assert second.reason == "Te duur"
    refused = signed_in.post(url(held, "/bulk"), data={"status": "done"})
    assert refused.status_code == 200 and "Vink minstens één actie aan." in refused.text


def test_make_an_action_is_one_click_beside_each_note(signed_in: FlaskClient, held: Event) -> None:
    page = signed_in.get(url(held, "/notes")).text
    note = note_text(held, "app-melding")
    assert f"/notes/{note.id}/action" in page
    response = signed_in.post(url(held, f"/notes/{note.id}/action"))
    assert response.status_code == 302
    (made,) = services.actions_of(held)
    assert response.headers["Location"].endswith(f"/actions/{made.id}")


def test_reviewing_a_note_that_names_someone_warns(
    signed_in: FlaskClient, english: FlaskClient, held: Event
) -> None:
    note = note_text(held, "Brouwer")
    data = {f"n{note.id}-public_text": note.text, f"n{note.id}-publish": "y"}
    page = english.post(url(held, f"/notes/{note.id}"), data=data, follow_redirects=True).text
    assert "still seems to name a person" in page and note.names_person
    data = {f"n{note.id}-public_text": "Een docent reageert niet.", f"n{note.id}-publish": "y"}
    english.post(url(held, f"/notes/{note.id}"), data=data)
    assert not note.names_person and note.public_text == "Een docent reageert niet."


def test_progress_updates_make_a_timeline(
    signed_in: FlaskClient, held: Event, action: Action
) -> None:
    path = url(held, f"/actions/{action.id}/updates")
    signed_in.post(path, data={"day": "2026-11-15", "text": "Leverancier gekozen"})
    signed_in.post(path, data={"day": "2026-11-18", "text": "Proef gestart"})
    page = signed_in.get(url(held, f"/actions/{action.id}")).text
    assert page.index("Proef gestart") < page.index("Leverancier gekozen")


def test_publishing_shows_the_link_qr_and_newsletter(signed_in: FlaskClient, held: Event) -> None:
    signed_in.post(url(held, "/publish"))
    page = signed_in.get(url(held)).text
    assert f"/n/{held.aftercare_token}" in page and "<svg" in page and 'id="newsletter"' in page
    assert len(held.aftercare_token) >= 16  # 96 bits in URL-safe base64


def test_texts_and_translations_are_saved(
    signed_in: FlaskClient, held: Event, action: Action
) -> None:
    signed_in.post(url(held, "/texts"), data={"nl_intro": "Dank u wel!", "tr_intro": "Teşekkürler"})
    assert held.aftercare_texts == {"nl": {"intro": "Dank u wel!"}, "tr": {"intro": "Teşekkürler"}}
    signed_in.post(url(held, f"/actions/{action.id}/translations"), data={"ar_title": "تطبيق"})
    assert action.translations == {"ar": {"title": "تطبيق"}}


@pytest.mark.parametrize(
    ("method", "tail", "data"),
    [
        ("POST", "/bulk", {"action_ids": ["x", "-1"], "status": "wrong"}),
        ("POST", "/actions/new", {"title": "x" * 500, "progress": "abc", "theme_id": "zz",
                                  "owner_id": "-5", "target_date": "31-31-2026"}),
        ("POST", "/actions/{a}", {"status": "", "progress": "1000", "note_ids": ["q"]}),
        ("POST", "/actions/{a}/updates", {"day": "morgen", "text": ""}),
        ("POST", "/actions/{a}/updates/999/delete", {}),
        ("POST", "/mail/bogus", {}),
        ("GET", "/actions/999999", {}),
        ("POST", "/notes/999999", {}),
        ("POST", "/questions/999999/action", {}),
        ("POST", "/texts", {"nl_intro": "x" * 9000, "tr_intro": "y" * 9000}),
    ],
)  # fmt: skip
def test_junk_input_never_makes_a_500(
    signed_in: FlaskClient, held: Event, action: Action, method: str, tail: str, data: dict
) -> None:
    path = url(held, tail.format(a=action.id))
    assert signed_in.open(path, method=method, data=data).status_code in (200, 302, 400, 404)


def test_the_aftercare_tab_is_in_the_meeting_nav(signed_in: FlaskClient, held: Event) -> None:
    assert url(held) in signed_in.get(f"/events/{held.id}").text


def test_the_report_downloads(signed_in: FlaskClient, held: Event, action: Action) -> None:
    response = signed_in.get(f"/events/{held.id}/export/report.docx")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_meeting_page_leads_to_closing_after_the_evening(
    signed_in: FlaskClient, held: Event, make_event: Callable[..., Event]
) -> None:
    page = signed_in.get(f"/events/{held.id}").text
    assert 'id="aftercare-next"' in page and "Loop de aantekeningen na" in page
    assert f"/events/{held.id}/export/report.docx" in page
    upcoming = make_event(title="Nog te houden")
    assert 'id="aftercare-next"' not in signed_in.get(f"/events/{upcoming.id}").text


def test_the_notes_page_flags_names_before_any_check(signed_in: FlaskClient, held: Event) -> None:
    page = signed_in.get(url(held, "/notes")).text
    note = note_text(held, "Brouwer")
    article = page[page.index(f'id="note-{note.id}"') - 40 : page.index(f'id="note-{note.id}"')]
    assert "flagged" in article
    assert page.count("Lijkt een persoon te noemen") == 1
