"""The agenda builder through its pages: buttons, drag-and-drop posts, block forms, templates."""

from __future__ import annotations

import io
import json
import re

import pytest

from eventkit.agenda import services
from eventkit.extensions import db
from eventkit.models import SavedTemplate


def titles(event) -> list[str]:
    return [slot.block.title for slot in services.plan(event).slots]


def clock_of(page: str, title: str) -> str:
    """The clock time shown on the agenda page for the block with this title."""
    before = page[: page.index(f"<strong>{title}</strong>")]
    return re.findall(r'data-testid="clock">([0-9:–]+)</span>', before)[-1]


def block(event, title: str):
    return next(b for b in event.blocks if b.title == title)


def test_agenda_page_shows_clock_times_and_warnings(signed_in, make_event) -> None:
    event = make_event(planned_end=None)
    page = signed_in.get(f"/events/{event.id}/agenda").text
    assert clock_of(page, "Pauze") == "20:15–20:25"
    assert "Inloop" in page and "Catering: door wie verzorgd?" in page
    assert 'id="warnings"' in page


@pytest.mark.parametrize(
    ("title", "action", "expected_top"),
    [
        ("Pauze", "up", ["Inloop", "Pauze", "Start: gesprek in de arena"]),
        ("Pauze", "down", ["Inloop", "Start: gesprek in de arena", "Thematafels", "Pauze"]),
        ("Inloop", "up", ["Inloop", "Start: gesprek in de arena", "Pauze"]),
    ],
)
def test_move_buttons(signed_in, make_event, title, action, expected_top) -> None:
    event = make_event()
    b = block(event, title)
    response = signed_in.post(f"/events/{event.id}/agenda/{b.id}/move", data={"action": action})
    assert response.status_code == 302
    top = [s.block.title for s in services.plan(event).slots if s.depth == 0]
    assert top[: len(expected_top)] == expected_top


def test_indent_and_outdent(signed_in, make_event) -> None:
    event = make_event()
    pause = block(event, "Pauze")
    signed_in.post(f"/events/{event.id}/agenda/{pause.id}/move", data={"action": "indent"})
    assert pause.parent_id == block(event, "Start: gesprek in de arena").id
    page = signed_in.get(f"/events/{event.id}/agenda").text
    assert clock_of(page, "Start: gesprek in de arena") == "19:15–20:25"
    signed_in.post(f"/events/{event.id}/agenda/{pause.id}/move", data={"action": "outdent"})
    assert pause.parent_id is None
    assert titles(event)[6] == "Pauze"


def test_refused_moves_explain_themselves(signed_in, english, make_event) -> None:
    event = make_event()
    intro = block(event, "Introductie en welkom")
    response = signed_in.post(
        f"/events/{event.id}/agenda/{intro.id}/move",
        data={"action": "indent"},
        follow_redirects=True,
    )
    assert "A part cannot have parts of its own." in response.text
    response = signed_in.post(f"/events/{event.id}/agenda/{intro.id}/move", data={"action": "fly"})
    assert response.status_code == 302


def test_drag_and_drop_order(signed_in, make_event) -> None:
    event = make_event()
    top = [s.block for s in services.plan(event).slots if s.depth == 0]
    keys = [b.key for b in top]
    new = [keys[0], keys[1], keys[3], keys[2], *keys[4:]]  # the break after the theme tables
    response = signed_in.post(
        f"/events/{event.id}/agenda/order", data={"parent": "", "order": ",".join(new)}
    )
    assert response.status_code == 302
    page = signed_in.get(f"/events/{event.id}/agenda").text
    assert clock_of(page, "Thematafels") == "20:15–20:45"
    assert clock_of(page, "Pauze") == "20:45–20:55"


def test_drag_and_drop_with_a_wrong_list_changes_nothing(signed_in, english, make_event) -> None:
    event = make_event()
    before = titles(event)
    response = signed_in.post(
        f"/events/{event.id}/agenda/order",
        data={"parent": "", "order": "1,2"},
        follow_redirects=True,
    )
    assert "must name every block" in response.text
    assert titles(event) == before


def block_form(**changes) -> dict:
    data = {
        "title": "Voorstelrondje",
        "kind": "introduction",
        "duration": "10",
        "who": "gespreksleider",
        "talking_points": "Naam\nWaarom ben je hier?",
        "questions": "",
        "remark": "",
        "factors": ["1", "2"],
    }
    data.update(changes)
    return data


def test_add_a_block_and_a_part(signed_in, make_event) -> None:
    event = make_event()
    assert signed_in.get(f"/events/{event.id}/agenda/new").status_code == 200
    signed_in.post(f"/events/{event.id}/agenda/new", data=block_form())
    added = block(event, "Voorstelrondje")
    assert added.parent_id is None and added.talking_points == ["Naam", "Waarom ben je hier?"]
    assert added.factors == [1, 2]
    closing = block(event, "Afsluiting")
    signed_in.post(
        f"/events/{event.id}/agenda/new?parent={closing.id}", data=block_form(title="Evaluatie")
    )
    assert block(event, "Evaluatie").parent_id == closing.id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"duration": "-5"}, "duration"),
        ({"duration": "0"}, "duration"),
        ({"duration": "100000"}, "duration"),
        ({"duration": "tien"}, "duration"),
        ({"duration": ""}, "duration"),
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
        ({"factors": ["11"]}, "factors"),
    ],
)
def test_wrong_block_input(signed_in, make_event, changes, field) -> None:
    event = make_event()
    count = len(event.blocks)
    response = signed_in.post(f"/events/{event.id}/agenda/new", data=block_form(**changes))
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text or (
        field == "factors" and "error" in response.text
    )
    db.session.expire_all()
    assert len(event.blocks) == count


def test_edit_a_block(signed_in, make_event) -> None:
    event = make_event()
    pause = block(event, "Pauze")
    page = signed_in.get(f"/events/{event.id}/agenda/{pause.id}").text
    assert 'value="10"' in page
    signed_in.post(
        f"/events/{event.id}/agenda/{pause.id}",
        data=block_form(title="Pauze", kind="break", duration="20"),
    )
    assert pause.duration == 20
    assert services.plan(event).end.strftime("%H:%M") == "21:25"
    assert "ends_late" in [w.code for w in services.plan(event).warnings]


def test_a_block_with_parts_has_no_duration_field(signed_in, make_event) -> None:
    event = make_event()
    arena = block(event, "Start: gesprek in de arena")
    page = signed_in.get(f"/events/{event.id}/agenda/{arena.id}").text
    assert 'id="duration"' not in page
    data = block_form(title="Arena", kind="plenary")
    del data["duration"]
    assert signed_in.post(f"/events/{event.id}/agenda/{arena.id}", data=data).status_code == 302
    assert arena.title == "Arena"


def test_delete_a_block_with_its_parts(signed_in, make_event) -> None:
    event = make_event()
    arena = block(event, "Start: gesprek in de arena")
    signed_in.post(f"/events/{event.id}/agenda/{arena.id}/delete")
    db.session.expire_all()
    assert len(event.blocks) == 5
    assert services.plan(event).end.strftime("%H:%M") == "20:15"


def test_template_export_import_round_trip(signed_in, make_event) -> None:
    event = make_event()
    exported = signed_in.get(f"/events/{event.id}/agenda/export")
    assert exported.mimetype == "application/json"
    assert "attachment" in exported.headers["Content-Disposition"]
    data = json.loads(exported.data)
    assert data["format"] == "eventkit-agenda-template"
    other = make_event(template="empty")
    upload = {"file": (io.BytesIO(exported.data), "avond.json")}
    signed_in.post(
        f"/events/{other.id}/agenda/import", data=upload, content_type="multipart/form-data"
    )
    assert titles(other) == titles(event)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n", "That file is not a template"),
        (b"{not json", "That file is not a template"),
        (json.dumps({"format": "something-else"}).encode(), "not an eventkit agenda template"),
        (
            json.dumps(
                {
                    "format": "eventkit-agenda-template",
                    "version": 1,
                    "name": "x",
                    "blocks": [{"title": "A", "duration": -3}],
                }
            ).encode(),
            "A: -3 minutes is not a duration from 1 to 300 minutes.",
        ),  # fmt: skip
        (
            json.dumps(
                {
                    "format": "eventkit-agenda-template",
                    "version": 1,
                    "name": "x",
                    "blocks": [{"duration": 3}],
                }
            ).encode(),
            "malformed",
        ),  # fmt: skip
    ],
)
def test_broken_template_files_change_nothing(signed_in, english, make_event, content, message):
    event = make_event()
    before = titles(event)
    response = signed_in.post(
        f"/events/{event.id}/agenda/import",
        data={"file": (io.BytesIO(content), "x.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert message in response.text
    assert titles(event) == before


def test_save_as_school_template_and_start_from_it(signed_in, make_event) -> None:
    event = make_event()
    pause = block(event, "Pauze")
    signed_in.post(f"/events/{event.id}/agenda/{pause.id}/move", data={"action": "down"})
    signed_in.post(
        f"/events/{event.id}/agenda/save", data={"name": "Onze avond", "description": "2026"}
    )
    saved = db.session.scalars(db.select(SavedTemplate)).one()
    new_page = signed_in.get("/events/new").text
    assert "Onze avond" in new_page
    templates = signed_in.get("/templates").text
    assert "Onze avond" in templates
    download = signed_in.get(f"/templates/{saved.id}/download")
    assert json.loads(download.data)["name"] == "Onze avond"
    signed_in.post(f"/templates/{saved.id}/delete")
    assert db.session.scalars(db.select(SavedTemplate)).all() == []


def test_upload_a_template_file(signed_in) -> None:
    from eventkit.agenda import catalog
    from eventkit.domain.planning import template_to_dict

    data = template_to_dict(catalog.builtin("short", "nl"))
    data["name"] = "Korte avond De Linde"
    upload = {"file": (io.BytesIO(json.dumps(data).encode()), "kort.json")}
    signed_in.post("/templates", data=upload, content_type="multipart/form-data")
    assert "Korte avond De Linde" in signed_in.get("/templates").text


def test_nesting_keeps_the_theme_tables_time(signed_in, make_event) -> None:
    """Presentaties under Thematafels: Thematafels keeps 30 minutes as its first part."""
    event = make_event()
    before = services.plan(event).end
    presentations = block(event, "Presentaties thematafels")
    tables = block(event, "Thematafels")
    response = signed_in.post(
        f"/events/{event.id}/agenda/{presentations.id}/move", data={"action": "indent"}
    )
    assert response.status_code == 302
    assert services.plan(event).end == before
    parts = sorted((r for r in event.blocks if r.parent_id == tables.id), key=lambda r: r.position)
    assert [(p.title, p.duration) for p in parts] == [
        ("Thematafels", 30),
        ("Presentaties thematafels", 10),
    ]
    page = signed_in.get(f"/events/{event.id}/agenda").text
    assert clock_of(page, "Thematafels") == "20:25–21:05"


def test_a_first_new_part_keeps_the_block_s_own_time(make_event) -> None:
    event = make_event()
    closing = block(event, "Afsluiting")
    before = services.plan(event).end
    services.add_block(
        event, services.BlockData(title="Evaluatie", duration=5), parent=str(closing.id)
    )
    parts = sorted((r for r in event.blocks if r.parent_id == closing.id), key=lambda r: r.position)
    assert [(p.title, p.duration) for p in parts] == [("Afsluiting", 10), ("Evaluatie", 5)]
    assert (services.plan(event).end - before).total_seconds() == 5 * 60
