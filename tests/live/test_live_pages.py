"""The live run-sheet through its pages: the now view, the projector, and the team's actions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eventkit.extensions import db
from eventkit.live import services
from eventkit.models import School

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY = date(2027, 3, 9)


@pytest.fixture(autouse=True)
def traveller() -> Iterator[Any]:
    """The clock starts days before the evening, before anyone signs in: a session cookie
    signed in the future (or over a month ago) would not be accepted."""
    start = datetime.combine(DAY - timedelta(days=5), time(12, 0), tzinfo=AMSTERDAM)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clock(traveller: Any) -> Callable[..., AbstractContextManager[None]]:
    """Move the school's clock to hh:mm of `day` (Amsterdam time); use it in a with-block."""

    def move(hhmm: str, day: date = DAY) -> AbstractContextManager[None]:
        hours, minutes = map(int, hhmm.split(":"))
        traveller.move_to(datetime.combine(day, time(hours, minutes), tzinfo=AMSTERDAM))
        return nullcontext()

    return move


@pytest.fixture
def evening(make_event):
    """The default draaiboek on 9 March 2027, 19:00–21:15."""
    return make_event(date=DAY)


def row(event, title: str):
    return next(b for b in event.blocks if b.title == title)


def url(event, action: str = "") -> str:
    return f"/events/{event.id}/live" + (f"/{action}" if action else "")


def late(client, event, minutes, state: str | None = None):
    state = services.state_of(event) if state is None else state
    return client.post(url(event, "late"), data={"late-minutes": minutes, "late-state": state})


def shorten(client, event, block, minutes, overrun: bool = True, state: str | None = None):
    data = {
        "shorten-block": block,
        "shorten-minutes": minutes,
        "shorten-state": services.state_of(event) if state is None else state,
    }
    if overrun:
        data["shorten-overrun"] = "y"
    return client.post(url(event, "shorten"), data=data)


def words(page: str) -> str:
    """The page's text without tags, whitespace runs as one space."""
    return " ".join(re.sub(r"<[^>]+>", "", page).split())


def deltas(event) -> dict[str, int]:
    db.session.expire_all()
    return {b.title: b.live_delta for b in event.blocks if b.live_delta}


# --- the now view --------------------------------------------------------------------------


def test_during_the_dialogue(signed_in, english, evening, clock) -> None:
    with clock("19:40"):
        response = signed_in.get(url(evening))
    page = response.text
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert 'class="live-title">Start: gesprek in de arena</h2>' in page
    assert 'class="live-title">Dialoog</h3>' in page
    assert 'data-seconds="1800">30</span> min left' in page  # dialogue until 20:10
    assert 'data-seconds="2100">35</span> min left' in page  # arena until 20:15
    assert "Next</span> Samenvatting · 20:10" in page
    assert "On schedule" in page
    assert 'class="is-current depth-1"' in page
    assert f'href="{url(evening)}">Refresh</a>' in page  # works without JavaScript
    assert "js/live.js" in page
    assert 'aria-current="page">Live</a>' in page
    assert "Move the rest of the evening" in page and "Back to the plan" in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "two forms on one page need their own field ids"


@pytest.mark.parametrize(
    ("day", "hhmm", "expected"),
    [
        (DAY, "18:40", "The evening starts in 20 minutes."),
        (DAY, "10:00", "The evening starts on Tuesday, March 9, 2027 at 19:00."),
        (DAY - timedelta(days=3), "19:00", "The evening starts on Tuesday, March 9, 2027"),
        (DAY, "21:15", "The evening has ended."),
        (DAY + timedelta(days=1), "09:00", "The evening has ended."),
    ],
)
def test_before_the_start_and_after_the_end(
    signed_in, english, evening, day, hhmm, expected, clock
):
    with clock(hhmm, day):
        page = signed_in.get(url(evening)).text
        screen = signed_in.get(url(evening) + "?screen=1").text
    assert expected in words(page)
    assert expected[:30] in words(screen)


def test_the_projector_view(signed_in, english, evening, clock) -> None:
    with clock("19:40"):
        response = signed_in.get(url(evening), query_string={"screen": "1"})
    page = response.text
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert 'class="screen"' in page
    assert 'data-seconds="1800">30</span> min left' in page
    assert '<span class="screen-clock">20:15</span> Pauze' in page
    assert '<span class="screen-clock">21:05</span> Afsluiting' in page
    assert "<form" not in page and 'class="tabs"' not in page  # nothing but the evening
    assert "/live/now?screen=1" in page and "Refresh</a>" in page


def test_the_fragment_for_the_script(signed_in, evening, clock) -> None:
    with clock("19:40"):
        response = signed_in.get(url(evening, "now"))
        screen = signed_in.get(url(evening, "now"), query_string={"screen": "1"})
    assert response.headers["X-Live-Fragment"] == "1"
    assert response.headers["Cache-Control"] == "no-store"
    assert "<html" not in response.text and "Dialoog" in response.text
    assert f'data-state="{services.state_of(evening)}"' in response.text
    assert "screen-later" in screen.text and "<html" not in screen.text


def test_no_inline_scripts_or_styles(signed_in, evening, clock) -> None:
    with clock("19:40"):
        pages = [signed_in.get(url(evening)).text, signed_in.get(url(evening) + "?screen=1").text]
    for page in pages:
        assert "style=" not in page
        assert "<script>" not in page and "<script " not in page.replace("<script src=", "")


def test_past_midnight(signed_in, english, make_event, clock) -> None:
    event = make_event(date=DAY, start_time=time(22, 30), planned_end=time(0, 45))
    with clock("00:10", DAY + timedelta(days=1)):
        page = signed_in.get(url(event)).text
    assert 'class="live-title">Thematafels</h2>' in page
    assert 'data-seconds="900">15</span> min left' in page
    assert "The evening, 22:30 to 00:45" in page


# --- the actions ---------------------------------------------------------------------------


def test_running_late_moves_every_later_block(signed_in, english, evening, clock) -> None:
    with clock("19:40"):
        response = late(signed_in, evening, 10)
        assert response.status_code == 302
        assert deltas(evening) == {"Dialoog": 10}
        assert row(evening, "Dialoog").duration == 45  # the plan stays
        page = signed_in.get(response.location).text
    assert "The rest of the evening moves 10 minutes." in page
    assert "Running 10 minutes late" in page
    assert "20:25–20:35 Planned: 20:15–20:25 3 Pauze" in words(page)
    assert "The evening, 19:00 to 21:25" in page


def test_shorten_a_later_block_instead(signed_in, english, evening, clock) -> None:
    tables = row(evening, "Thematafels")
    with clock("20:00"):
        response = shorten(signed_in, evening, tables.id, 10)
        assert response.status_code == 302
        assert deltas(evening) == {"Dialoog": 10, "Thematafels": -10}
        page = signed_in.get(response.location).text
    assert "The block is shortened by 10 minutes." in page
    assert "20:35–20:55 Planned: 20:25–20:55 4 Thematafels" in words(page)  # 20 minutes
    assert "20:55–21:05 5 Presentaties thematafels" in words(page)  # on time again
    assert "The evening, 19:00 to 21:15" in page


def test_shorten_without_running_over_wins_back_time(signed_in, evening, clock) -> None:
    with clock("19:40"):
        late(signed_in, evening, 10)
        shorten(signed_in, evening, row(evening, "Pauze").id, 5, overrun=False)
    assert deltas(evening) == {"Dialoog": 10, "Pauze": -5}


def test_back_to_the_plan(signed_in, english, evening, clock) -> None:
    with clock("19:40"):
        late(signed_in, evening, 10)
        shorten(signed_in, evening, row(evening, "Pauze").id, 5, overrun=False)
        page = signed_in.get(url(evening)).text
        assert 'data-confirm="Put every block back on its planned time?"' in page
        response = signed_in.post(url(evening, "reset"))
        assert deltas(evening) == {}
        page = signed_in.get(response.location).text
    assert "The evening follows the plan again." in page and "On schedule" in page


def test_a_double_tap_moves_the_evening_once(signed_in, english, evening, clock) -> None:
    with clock("19:40"):
        state = services.state_of(evening)
        late(signed_in, evening, 10, state)
        response = late(signed_in, evening, 10, state)
        assert deltas(evening) == {"Dialoog": 10}
        page = signed_in.get(response.location).text
    assert "The times were changed in the meantime" in page


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("-5", "Give 1 to 120 minutes."),
        ("0", "Give 1 to 120 minutes."),
        ("10000", "Give 1 to 120 minutes."),
        ("abc", "Not a valid integer value."),
        ("", "Give the number of minutes."),
    ],
)
def test_running_late_with_junk_minutes(
    signed_in, english, evening, minutes, message, clock
) -> None:
    with clock("19:40"):
        response = late(signed_in, evening, minutes)
    assert response.status_code == 200
    assert message in response.text and 'aria-invalid="true"' in response.text
    assert deltas(evening) == {}


@pytest.mark.parametrize(
    ("hhmm", "message"),
    [("18:00", "The evening has not started yet"), ("22:00", "The evening has ended.")],
)
def test_running_late_outside_the_evening(
    signed_in, english, evening, hhmm, message, clock
) -> None:
    with clock(hhmm):
        response = late(signed_in, evening, 10)
        assert response.status_code == 302
        assert message in signed_in.get(response.location).text
    assert deltas(evening) == {}


def test_a_block_cannot_grow_past_300_minutes(signed_in, english, evening, clock) -> None:
    row(evening, "Dialoog").live_delta = 200
    db.session.commit()
    with clock("19:40"):
        response = late(signed_in, evening, 100)
    assert response.status_code == 200
    assert "Dialoog would last more than 300 minutes." in response.text


@pytest.mark.parametrize(
    ("block", "minutes", "message"),
    [
        ("Dialoog", "5", "Dialoog has already started: choose a block that is still to come."),
        ("Inloop", "5", "Inloop has already started"),
        ("Start: gesprek in de arena", "5", "Choose one of the parts of Start: gesprek in de"),
        ("Pauze", "10", "Pauze can be shortened by at most 9 minutes."),
        ("Pauze", "-3", "Give 1 to 120 minutes."),
        ("Pauze", "10000", "Give 1 to 120 minutes."),
        ("999999", "5", "Choose a block of this evening."),
        ("abc", "5", "Choose a block of this evening."),
        ("", "5", "Choose a block of this evening."),
    ],
)
def test_shorten_with_junk(signed_in, english, evening, block, minutes, message, clock) -> None:
    known = {b.title: str(b.id) for b in evening.blocks}
    with clock("19:40"):
        response = shorten(signed_in, evening, known.get(block, block), minutes, overrun=False)
    assert response.status_code == 200
    assert message in response.text
    assert deltas(evening) == {}


def test_shorten_a_block_of_another_meeting(signed_in, english, evening, make_event, clock) -> None:
    other = make_event(date=DAY, title="Another evening")
    with clock("19:40"):
        response = shorten(signed_in, evening, row(other, "Pauze").id, 5)
    assert response.status_code == 200
    assert "Choose a block of this evening." in response.text
    assert deltas(evening) == {} and deltas(other) == {}


def test_facilitators_see_the_view_without_the_actions(login, make_user, evening, clock) -> None:
    client = login(make_user("facilitator"))
    with clock("19:40"):
        page = client.get(url(evening)).text
        assert "Dialoog" in page
        assert "/live/late" not in page and "/live/reset" not in page
        assert late(client, evening, 10).status_code == 403
        assert shorten(client, evening, row(evening, "Pauze").id, 5).status_code == 403
        assert client.post(url(evening, "reset")).status_code == 403
    assert deltas(evening) == {}


def test_another_school_gets_404(login, make_user, evening, clock) -> None:
    stranger = make_user("coordinator", school_=_other_school())
    client = login(stranger)
    with clock("19:40"):
        for path in ("", "now"):
            assert client.get(url(evening, path)).status_code == 404
        assert client.get(url(evening) + "?screen=1").status_code == 404
        assert late(client, evening, 10).status_code == 404
        assert shorten(client, evening, row(evening, "Pauze").id, 5).status_code == 404
        assert client.post(url(evening, "reset")).status_code == 404
    assert client.get("/events/999999/live").status_code == 404
    assert deltas(evening) == {}


def _other_school() -> School:
    school = School(name="Het Baken", city="Almere")
    db.session.add(school)
    db.session.commit()
    return school


def test_signed_out_goes_to_the_login(client, evening) -> None:
    for path in ("", "now"):
        response = client.get(url(evening, path))
        assert response.status_code == 302 and "/login" in response.location
    assert late(client, evening, 10).status_code == 302
    assert deltas(evening) == {}


# --- the agenda page, the tab and the report's rows ----------------------------------------


def test_the_agenda_keeps_the_plan_but_says_it_runs_late(
    signed_in, english, evening, clock
) -> None:
    with clock("19:40"):
        page = signed_in.get(f"/events/{evening.id}/agenda").text
        assert "On the evening" not in page
        late(signed_in, evening, 10)
        page = signed_in.get(f"/events/{evening.id}/agenda").text
    assert "On the evening: running 10 minutes late." in page
    assert "The evening now ends at 21:25; below is the plan." in page
    assert 'data-testid="clock">20:15–20:25</span>' in page  # the break as planned


def test_the_tab_is_called_nu_in_dutch(signed_in, evening, clock) -> None:
    with clock("19:40"):
        page = signed_in.get(url(evening)).text
    assert 'aria-current="page">Nu</a>' in page
    assert "We lopen uit" in page


def test_plan_vs_actual_for_the_report(signed_in, evening, clock) -> None:
    with clock("20:00"):
        shorten(signed_in, evening, row(evening, "Thematafels").id, 10)
    rows = {r.title: r for r in services.plan_vs_actual(evening)}
    dialogue, tables = rows["Dialoog"], rows["Thematafels"]
    assert (dialogue.depth, dialogue.delta) == (1, 10)
    assert f"{dialogue.planned_end:%H:%M}–{dialogue.actual_end:%H:%M}" == "20:10–20:20"
    assert (tables.delta, f"{tables.actual_start:%H:%M}", f"{tables.planned_start:%H:%M}") == (
        -10,
        "20:35",
        "20:25",
    )
    assert rows["Afsluiting"].actual_start == rows["Afsluiting"].planned_start


def test_an_empty_agenda_never_fails(signed_in, english, make_event, clock) -> None:
    event = make_event("empty", date=DAY)
    with clock("19:30"):
        for path in (url(event), url(event) + "?screen=1", url(event, "now")):
            assert signed_in.get(path).status_code == 200
        response = late(signed_in, event, 10)
        assert response.status_code == 302
        assert "The evening has ended." in signed_in.get(response.location).text
        assert shorten(signed_in, event, "1", 5).status_code == 302  # nothing runs over
        response = shorten(signed_in, event, "1", 5, overrun=False)
        assert "Choose a block of this evening." in response.text
        assert signed_in.post(url(event, "reset")).status_code == 302
