"""Table notes and the arena summary through the Flask test client."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import time_machine
from sqlalchemy import select

from eventkit.extensions import db
from eventkit.models import NoteEntry, School
from eventkit.notes import services

AUTUMN_EVENING = datetime(2026, 11, 30, 19, 40)  # UTC: 20:40 in Amsterdam


def stored(**where) -> list[NoteEntry]:
    query = select(NoteEntry).filter_by(**where).order_by(NoteEntry.id)
    return list(db.session.scalars(query))


def post_entry(client, url, key, text="Ouders voelen zich welkom", kind="goes_well", **more):
    body = {"client_key": key, "kind": kind, "text": text, **more}
    return client.post(f"{url}/entries", json=body)


def test_the_table_link_shows_only_that_table(client, evening, table) -> None:
    other = evening.tables[1]
    page = client.get(f"/t/{table.note_token}")
    assert page.status_code == 200
    assert f"Tafel {table.number}: {table.theme.title}" in page.text
    for question in table.theme.questions:
        assert question in page.text
    assert other.theme.title not in page.text and other.note_token not in page.text
    for field in ("goes_well", "difficult", "idea", "question", "author", "presentation"):
        assert f'name="{field}"' in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert 'href="/events/' not in page.text  # no staff navigation for a visitor


def test_the_page_speaks_dutch_by_default(client, table) -> None:
    assert "Wat gaat goed" in client.get(f"/t/{table.note_token}").text


def test_the_page_speaks_english_when_chosen(english, table) -> None:
    page = english.get(f"/t/{table.note_token}").text
    assert "What goes well" in page and "Questions for the school" in page


def test_two_authors_on_one_table_are_both_kept(app, table) -> None:
    phones = [app.test_client(), app.test_client()]
    url = f"/t/{table.note_token}"
    with time_machine.travel(AUTUMN_EVENING, tick=False):
        written = [("AB", "Korte lijnen met de mentor"), ("Yusuf", "Berichten zijn te laat")]
        for phone, (author, text) in zip(phones, written, strict=True):
            answer = post_entry(phone, url, f"key-{author}-0001", text=text, author=author)
            assert answer.status_code == 200 and answer.json["ok"]
    assert [(e.author, e.text) for e in stored(table_id=table.id)] == [
        ("AB", "Korte lijnen met de mentor"),
        ("Yusuf", "Berichten zijn te laat"),
    ]
    page = phones[0].get(url).text
    assert "Korte lijnen met de mentor" in page and "Berichten zijn te laat" in page
    assert "20:40" in page and "Yusuf" in page


def test_the_same_client_key_twice_stores_one_entry(client, table) -> None:
    url = f"/t/{table.note_token}"
    first = post_entry(client, url, "retry-key-123")
    again = post_entry(client, url, "retry-key-123")
    assert first.status_code == again.status_code == 200
    assert again.json["ok"] is True
    assert len(stored(table_id=table.id)) == 1
    assert "Ouders voelen zich welkom" in again.json["lists"]["goes_well"]


def test_a_key_of_another_table_is_refused(client, evening, table) -> None:
    post_entry(client, f"/t/{table.note_token}", "shared-key-123")
    answer = post_entry(client, f"/t/{evening.tables[1].note_token}", "shared-key-123")
    assert answer.status_code == 409 and not answer.json["ok"]
    assert stored(table_id=evening.tables[1].id) == []


def test_without_javascript_the_form_posts_and_redirects(client, table) -> None:
    url = f"/t/{table.note_token}"
    form = {"client_key": "formkey-abcdef12", "author": "Mw. Jansen", "goes_well": "De koffie",
            "difficult": "", "question": "Wanneer is de volgende?"}  # fmt: skip
    answer = client.post(url, data=form)
    assert answer.status_code == 302 and answer.location.endswith(f"{url}#notes")
    again = client.post(url, data=form)  # the same form sent twice: stored once
    assert again.status_code == 302
    entries = stored(table_id=table.id)
    assert [(e.kind, e.text, e.author) for e in entries] == [
        ("goes_well", "De koffie", "Mw. Jansen"),
        ("question", "Wanneer is de volgende?", "Mw. Jansen"),
    ]
    page = client.get(url).text
    assert "Opgeslagen" in page and 'value="Mw. Jansen"' in page
    key = re.search(r'name="client_key" type="hidden" value="([^"]+)"', page)
    assert key and key.group(1) != "formkey-abcdef12"  # each form shown gets a new key


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "goes_well", "text": "   "}, "Write something first."),
        ({"kind": "gossip", "text": "x"}, "This kind of note does not exist here."),
        ({"kind": "arena", "text": "x"}, "This kind of note does not exist here."),
        ({"kind": "idea", "text": "x" * 20_000}, "Keep it under 2000 characters"),
        ({"kind": "idea", "text": "x", "client_key": "no"}, "Invalid input."),
    ],
)
def test_junk_json_gets_a_clear_message(english, table, body, message) -> None:
    payload = {"client_key": "junk-key-1234", **body}
    answer = english.post(f"/t/{table.note_token}/entries", json=payload)
    assert answer.status_code == 422
    assert message in " ".join(m for msgs in answer.json["errors"].values() for m in msgs)
    assert stored(table_id=table.id) == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"', b"{}"])
def test_json_that_is_no_entry_is_refused_without_a_crash(client, table, body) -> None:
    answer = client.post(
        f"/t/{table.note_token}/entries", data=body, content_type="application/json"
    )
    assert answer.status_code == 422 and answer.json["ok"] is False


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "Write something first."),
        ({"goes_well": "  ", "idea": ""}, "Write something first."),
        ({"idea": "x" * 20_000}, "Keep it under 2000 characters"),
        ({"idea": "ok", "author": "a" * 200}, "Field cannot be longer than 80 characters."),
        ({"idea": "ok", "kind": "gossip", "client_key": "!!"}, None),
    ],
)
def test_junk_form_input_gets_a_message_at_the_field(english, table, form, message) -> None:
    answer = english.post(f"/t/{table.note_token}", data=form)
    if message is None:  # unknown fields are ignored, an odd key is replaced
        assert answer.status_code == 302
        assert [e.text for e in stored(table_id=table.id)] == ["ok"]
    else:
        assert answer.status_code == 400 and message in answer.text
        assert 'class="error"' in answer.text
        assert stored(table_id=table.id) == []


def test_a_stale_presentation_save_is_refused_and_both_texts_shown(app, client, table) -> None:
    url = f"/t/{table.note_token}/presentation"
    other = app.test_client()
    first = other.post(url, data={"presentation": "1. Koffie\n2. Mentor bellen", "version": 0})
    assert first.status_code == 302
    stale = client.post(url, data={"presentation": "Mijn eigen punten", "version": 0})
    assert stale.status_code == 409
    db.session.refresh(table)
    assert (table.presentation, table.presentation_version) == ("1. Koffie\n2. Mentor bellen", 1)
    assert "Iemand anders heeft de punten intussen opgeslagen." in stale.text
    newer = re.search(r'data-testid="newer-text">(.*?)</div>', stale.text, re.S)
    assert newer and "1. Koffie" in newer.group(1)
    box = re.search(r'<textarea[^>]*name="presentation"[^>]*>(.*?)</textarea>', stale.text, re.S)
    assert box and box.group(1).strip() == "Mijn eigen punten"
    assert 'name="version" type="hidden" value="1"' in stale.text
    merged = client.post(url, data={"presentation": "Samen", "version": 1})
    assert merged.status_code == 302
    db.session.refresh(table)
    assert (table.presentation, table.presentation_version) == ("Samen", 2)


def test_junk_presentation_input(english, table) -> None:
    url = f"/t/{table.note_token}/presentation"
    assert english.post(url, data={"presentation": "x", "version": "abc"}).status_code == 400
    too_long = english.post(url, data={"presentation": "x" * 20_000, "version": 0})
    assert too_long.status_code == 400 and "Keep it under 10000 characters" in too_long.text


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_links_of_a_closed_meeting_404(client, evening, table, status) -> None:
    arena = evening.arena_token
    evening.status = status
    db.session.commit()
    for url in (f"/t/{table.note_token}", f"/a/{arena}"):
        page = client.get(url)
        assert page.status_code == 404 and "Deze link werkt niet" in page.text
        assert page.headers["Cache-Control"] == "no-store"
        gone = post_entry(client, url, "late-key-1234", kind="arena")
        assert gone.status_code == 404 and gone.json == {"ok": False, "error": "gone"}


def test_unknown_and_odd_tokens_404(client) -> None:
    for url in ("/t/nope", "/t/" + "a" * 16, "/a/" + "%00" * 20, "/t/x/entries"):
        assert client.get(url).status_code == 404


def test_revoking_gives_every_table_a_new_link(client, login, coordinator, evening, table):
    old_table, old_arena = table.note_token, evening.arena_token
    login(coordinator)
    confirm = client.get(f"/events/{evening.id}/notes/revoke")
    assert confirm.status_code == 200 and "Ja, maak nieuwe links" in confirm.text
    assert client.get(f"/t/{old_table}").status_code == 200  # the confirm page changes nothing
    done = client.post(f"/events/{evening.id}/notes/revoke")
    assert done.status_code == 302
    db.session.refresh(table)
    db.session.refresh(evening)
    assert client.get(f"/t/{old_table}").status_code == 404
    assert client.get(f"/a/{old_arena}").status_code == 404
    assert client.get(f"/t/{table.note_token}").status_code == 200
    assert client.get(f"/a/{evening.arena_token}").status_code == 200
    assert len({t.note_token for t in evening.tables} | {old_table}) == len(evening.tables) + 1


@pytest.mark.parametrize("role", ["team", "facilitator"])
def test_only_the_coordinator_revokes(client, login, make_user, evening, table, role) -> None:
    login(make_user(role))
    assert client.get(f"/events/{evening.id}/notes").status_code == 200
    assert client.post(f"/events/{evening.id}/notes/revoke").status_code == 403
    old = table.note_token
    db.session.refresh(table)
    assert table.note_token == old


def test_the_staff_page_shows_links_qr_codes_and_notes(signed_in, evening, table) -> None:
    post_entry(signed_in, f"/t/{table.note_token}", "staff-view-001", text="Goed geregeld")
    post_entry(signed_in, f"/t/{table.note_token}", "staff-view-002", kind="idea", text="App")
    signed_in.post(
        f"/t/{table.note_token}/presentation", data={"presentation": "Punt één", "version": 0}
    )
    post_entry(signed_in, f"/a/{evening.arena_token}", "arena-key-001", kind="arena",
               text="Samen, als gelijken")  # fmt: skip
    page = signed_in.get(f"/events/{evening.id}/notes")
    assert page.status_code == 200
    assert 'aria-current="page">Notities<' in page.text
    for t in evening.tables:
        assert f"http://eventkit.test/t/{t.note_token}" in page.text
    assert f"http://eventkit.test/a/{evening.arena_token}" in page.text
    assert page.text.count('class="qr"') == len(evening.tables) + 1
    for text in ("Goed geregeld", "App", "Punt één", "Samen, als gelijken"):
        assert text in page.text
    assert "Maak nieuwe links" in page.text


def test_another_schools_user_gets_404(client, login, make_user, evening) -> None:
    other = School(name="Het Baken")
    db.session.add(other)
    db.session.commit()
    login(make_user("coordinator", school_=other))
    for url in ("notes", "notes/revoke", "arena", "arena/entries"):
        assert client.get(f"/events/{evening.id}/{url}").status_code == 404
    assert client.post(f"/events/{evening.id}/notes/revoke").status_code == 404


def test_staff_pages_need_a_sign_in(client, evening) -> None:
    assert client.get(f"/events/{evening.id}/notes").status_code == 302
    assert client.get(f"/events/{evening.id}/arena").status_code == 302


def test_the_arena_summary_signed_in_and_by_link_is_one_list(app, signed_in, evening) -> None:
    page = signed_in.get(f"/events/{evening.id}/arena")
    assert page.status_code == 200 and "Samenvatting van de arena" in page.text
    assert 'name="arena"' in page.text and 'name="goes_well"' not in page.text
    said = {"arena": "Niet oordelen, maar vragen", "client_key": "arena-1-abc"}
    answer = signed_in.post(f"/events/{evening.id}/arena", data=said)
    assert answer.status_code == 302
    phone = app.test_client()
    post_entry(phone, f"/a/{evening.arena_token}", "arena-2-abcd", kind="arena",
               text="Geduld hebben")  # fmt: skip
    entries = stored(event_id=evening.id, table_id=None)
    assert [(e.kind, e.text) for e in entries] == [
        ("arena", "Niet oordelen, maar vragen"),
        ("arena", "Geduld hebben"),
    ]
    assert "Geduld hebben" in phone.get(f"/a/{evening.arena_token}").text
    wrong_kind = post_entry(phone, f"/a/{evening.arena_token}", "x-table-kind", kind="idea")
    assert wrong_kind.status_code == 422


def test_a_closed_meeting_shows_the_arena_read_only_to_staff(signed_in, evening) -> None:
    evening.status = "closed"
    db.session.commit()
    page = signed_in.get(f"/events/{evening.id}/arena")
    assert page.status_code == 200 and 'name="arena"' not in page.text
    assert signed_in.post(f"/events/{evening.id}/arena", data={"arena": "x"}).status_code == 403


def test_a_full_table_refuses_more_notes(client, table, monkeypatch) -> None:
    monkeypatch.setattr(services, "MAX_ENTRIES", 1)
    assert post_entry(client, f"/t/{table.note_token}", "full-key-0001").status_code == 200
    answer = post_entry(client, f"/t/{table.note_token}", "full-key-0002")
    assert answer.status_code == 409 and answer.json["error"] == "full"


def test_csrf_is_required_for_the_json_endpoint(app, client, table) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    url = f"/t/{table.note_token}/entries"
    refused = post_entry(client, f"/t/{table.note_token}", "csrf-key-0001")
    assert refused.status_code == 400 and refused.json == {"ok": False, "error": "csrf"}
    token = client.get(url).json["csrf_token"]
    body = {"client_key": "csrf-key-0001", "kind": "idea", "text": "Met token"}
    answer = client.post(url, json=body, headers={"X-CSRFToken": token})
    assert answer.status_code == 200 and [e.text for e in stored()] == ["Met token"]
    page = client.get(f"/t/{table.note_token}").text
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', page)


def test_the_public_page_offers_its_service_worker(client, evening, table) -> None:
    page = client.get(f"/t/{table.note_token}").text
    assert 'data-worker="/notes-sw.js" data-worker-scope="/t/"' in page
    arena = client.get(f"/a/{evening.arena_token}").text
    assert 'data-worker-scope="/a/"' in arena
    worker = client.get("/notes-sw.js")
    assert worker.status_code == 200 and worker.mimetype == "text/javascript"
    assert "caches" in worker.text
    worker.close()


def test_the_staff_arena_page_has_no_service_worker(signed_in, evening) -> None:
    assert "data-worker" not in signed_in.get(f"/events/{evening.id}/arena").text
