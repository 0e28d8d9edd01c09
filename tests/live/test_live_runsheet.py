"""The Word run-sheet's data follows the evening: actual times, with the plan beside them."""

from __future__ import annotations

from datetime import date

from eventkit.domain.agenda import BlockKind
from eventkit.exports import runsheet
from eventkit.exports.data import runsheet_data
from eventkit.extensions import db


def block(event, title: str):
    return next(b for b in event.blocks if b.title == title)


def clocks(slots) -> dict[str, str]:
    return {s.block.title: f"{s.start:%H:%M}–{s.end:%H:%M}" for s in slots}


def test_without_changes_the_run_sheet_is_the_plan(make_event) -> None:
    event = make_event()
    data = runsheet_data(event, "http://eventkit.test", today=date(2027, 1, 1))
    assert data.planned == ()
    assert data.planned_end == data.end
    assert clocks(data.agenda)["Pauze"] == "20:15–20:25"


def test_with_deltas_it_shows_the_actual_times_and_keeps_the_plan(make_event) -> None:
    event = make_event()
    block(event, "Dialoog").live_delta = 10
    block(event, "Thematafels").live_delta = -5
    db.session.commit()
    data = runsheet_data(event, "http://eventkit.test", today=date(2027, 1, 1))
    actual, planned = clocks(data.agenda), clocks(data.planned)
    assert actual["Dialoog"] == "19:25–20:20" and planned["Dialoog"] == "19:25–20:10"
    assert actual["Thematafels"] == "20:35–21:00" and planned["Thematafels"] == "20:25–20:55"
    assert f"{data.end:%H:%M}" == "21:20" and f"{data.planned_end:%H:%M}" == "21:15"
    assert block(event, "Dialoog").duration == 45
    # the table sheets take their times from the same slots, so they follow too
    tables = data.first_slot(BlockKind.THEME_TABLES)
    assert tables is not None and f"{tables.start:%H:%M}" == "20:35"
    name, mimetype, body = runsheet.render(data)
    assert name.endswith(".docx") and body[:2] == b"PK"
