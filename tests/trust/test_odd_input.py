"""No 500 from odd input: ids looked up within their meeting, absurd dates and control
characters refused at the form with a message, bidi controls stripped from names and titles."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from eventkit.extensions import db
from eventkit.models import AgendaBlock, Event, Participant, School
from tests.events.test_pages import form

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Ay\u202eesrev" shows as "Ayrevse"


@pytest.fixture
def other_block(make_event) -> AgendaBlock:
    """A block of another school's meeting, with a title that must not leak."""
    other = School(name="Andere school")
    db.session.add(other)
    db.session.commit()
    event = make_event(school_=other)
    event.blocks[0].title = "Geheim van de andere school"
    db.session.commit()
    return event.blocks[0]


def test_a_parent_block_of_another_meeting_is_404(signed_in, make_event, other_block) -> None:
    event = make_event()
    for parent in (str(other_block.id), "999999", "x"):
        response = signed_in.get(f"/events/{event.id}/agenda/new?parent={parent}")
        assert response.status_code == 404, parent
        assert "Geheim" not in response.text
    mine = event.blocks[1]
    assert signed_in.get(f"/events/{event.id}/agenda/new?parent={mine.id}").status_code == 200


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [("get", "", None), ("post", "", {"title": "x", "kind": "custom", "duration": "5"}),
     ("post", "/move", {"action": "up"}), ("post", "/delete", None)],
)  # fmt: skip
def test_a_block_of_another_meeting_is_404(
    signed_in, make_event, other_block, method: str, suffix: str, data
) -> None:
    event = make_event()
    for block_id in (other_block.id, 999999):
        url = f"/events/{event.id}/agenda/{block_id}{suffix}"
        response = getattr(signed_in, method)(url, data=data)
        assert response.status_code == 404, url
    db.session.expire_all()
    assert db.session.get(AgendaBlock, other_block.id).title == "Geheim van de andere school"


SIX_YEARS = (date.today() + timedelta(days=6 * 365)).isoformat()


@pytest.mark.parametrize("day", ["9999-12-31", SIX_YEARS])
def test_an_absurd_date_is_refused_at_the_field(english, signed_in, make_event, day) -> None:
    event = make_event()
    for url in ("/events/new", f"/events/{event.id}/edit"):
        response = signed_in.post(url, data=form(date=day))
        assert response.status_code == 200, url
        assert 'id="date-error"' in response.text and "five years" in response.text
    copy = signed_in.post(f"/events/{event.id}/copy", data={"title": "x", "date": day})
    assert copy.status_code == 200 and "five years" in copy.text
    assert db.session.scalar(select(Event.date).where(Event.id == event.id)) != date(9999, 12, 31)
    assert signed_in.get("/", follow_redirects=True).status_code == 200


def test_the_meeting_list_survives_a_far_date_already_stored(signed_in, make_event) -> None:
    event = make_event(title="Ver weg")
    event.date = date(9999, 12, 31)
    db.session.commit()
    for url in ("/", f"/events/{event.id}", f"/events/{event.id}/agenda"):
        assert signed_in.get(url, follow_redirects=True).status_code == 200, url


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85"])
def test_control_characters_are_refused_with_a_message(english, signed_in, make_event, bad):
    event = make_event()
    response = signed_in.post(f"/events/{event.id}/edit", data=form(title=f"Avond{bad}"))
    assert response.status_code == 200 and 'id="title-error"' in response.text
    assert "control character" in response.text
    block = event.blocks[0]
    response = signed_in.post(f"/events/{event.id}/agenda/{block.id}",
                              data={"title": f"Inloop{bad}", "kind": block.kind,
                                    "duration": "15"})  # fmt: skip
    assert response.status_code == 200 and "control character" in response.text
    db.session.expire_all()
    assert "\x00" not in db.session.get(Event, event.id).title
    assert signed_in.get(f"/events/{event.id}/agenda").status_code == 200


def test_line_breaks_in_a_text_area_are_fine(signed_in, make_event) -> None:
    event = make_event()
    response = signed_in.post(f"/events/{event.id}/edit", data=form(goal="Een\r\nTwee\tdrie"))
    assert response.status_code == 302


def test_bidi_controls_are_stripped_from_names_and_titles(signed_in, make_event) -> None:
    event = make_event()
    signed_in.post(f"/events/{event.id}/edit", data=form(title=f"Ouder{RLO}avond\u2066x\u2069"))
    db.session.expire_all()
    assert db.session.get(Event, event.id).title == "Ouderavondx"
    signed_in.post(f"/events/{event.id}/participants/parents/new", data={
        "first_name": f"Ay{RLO}şe", "last_name": "Yılmaz", "email": "", "language": "tr",
        "children-0-first_name": f"Ali{RLO}", "children-0-class_name": "2B",
        "children-0-pupil_id": "",
    })  # fmt: skip
    person = db.session.scalars(select(Participant)).one()
    assert person.first_name == "Ayşe" and person.household.pupils[0].first_name == "Ali"


def test_an_import_drops_bidi_and_control_characters(english, signed_in, make_event) -> None:
    from tests.participants.conftest import MAGISTER_HEADERS, csv_bytes
    from tests.participants.test_pages import mapping_form, preview_url

    event = make_event()
    rows = [["1001", f"Zo{RLO}ë", "Müller", "2B", "2", f"Şükrü{RLO} Yıl\x00maz",
             "sukru@example.nl", "", "Turks"]]  # fmt: skip
    url = preview_url(signed_in, event, csv_bytes(MAGISTER_HEADERS, rows))
    page = signed_in.get(url).text
    assert RLO not in page and "\x00" not in page
    signed_in.post(url, data=mapping_form(page) | {"action": "import"})
    carer = db.session.scalars(select(Participant)).one()
    assert (carer.first_name, carer.last_name) == ("Şükrü", "Yıl maz")
    assert carer.household.pupils[0].first_name == "Zoë"


HUGE = "9" * 25  # no database integer holds it


@pytest.mark.parametrize(
    "path",
    ["/events/{huge}", "/events/{id}/agenda/{huge}", "/events/{id}/themes/{huge}",
     "/events/{id}/tasks/{huge}", "/events/{id}/participants/{huge}",
     "/events/{id}/participants/parents/new?household={huge}",
     "/events/{id}/agenda/new?parent={huge}", "/events/{id}/participants/parents/new?household=٣"],
)  # fmt: skip
def test_ids_too_large_for_the_database_are_not_found(signed_in, make_event, path) -> None:
    event = make_event()
    response = signed_in.get(path.format(id=event.id, huge=HUGE))
    assert response.status_code == 404


def test_huge_ids_in_posted_forms_are_no_500(signed_in, make_event) -> None:
    event = make_event()
    moved = signed_in.post(f"/events/{event.id}/tables/move",
                           data={"participant_id": HUGE, "table_id": HUGE})  # fmt: skip
    assert moved.status_code in (302, 400, 404)
    marked = signed_in.post(f"/events/{event.id}/invitations/handed-out",
                            data={"household": HUGE})  # fmt: skip
    assert marked.status_code in (302, 404)


def test_the_walk_in_form_strips_bidi_and_refuses_control_characters(app, client, make_event):
    from tests.rsvp.test_walk_in import SIGN_UP, code_of

    event = make_event(rsvp_deadline=date.today() + timedelta(days=3))
    url = f"/e/{code_of(app, event)}?lang=tr"
    refused = client.post(url, data=SIGN_UP | {"name": "Olena\x00"})
    assert refused.status_code == 200 and "görünmeyen bir kontrol karakteri" in refused.text
    assert client.post(url, data=SIGN_UP | {"name": f"Olena {RLO}Kovalenko"}).status_code == 302
    person = db.session.scalars(select(Participant)).one()
    assert (person.first_name, person.last_name) == ("Olena", "Kovalenko")


@pytest.mark.parametrize("kind", ["runsheet", "tablesheets", "cards", "badges"])
def test_a_control_character_stored_before_the_forms_refused_it_exports(
    signed_in, make_event, kind: str
) -> None:
    event = make_event()
    # PostgreSQL itself refuses NUL in text, so only SQLite can hold one from before.
    nul = "" if db.engine.dialect.name == "postgresql" else "\x00"
    event.title, event.blocks[0].title = "Avond\x1b", f"Inloop{nul}\x07"
    db.session.commit()
    response = signed_in.get(f"/events/{event.id}/export/{kind}.docx")
    assert response.status_code == 200 and response.data.startswith(b"PK")
