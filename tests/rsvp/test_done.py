"""The confirmation page: the answer, the evening in plain words, the calendar link."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ResponseFactory


def test_the_confirmation_sums_up_and_tells_what_to_expect(client, meeting, make_household) -> None:
    household = make_household(meeting, language="en")
    theme = meeting.themes[2]
    household_answer = {"answer": "yes", "adults": 2, "interpreter": True,
                        "interpreter_language": "ar", "question": "Wat doet de mentor?",
                        "themes": [theme.id]}  # fmt: skip
    ResponseFactory(household=household, **household_answer)
    page = client.get(f"/i/{household.token}/done").text
    assert "your answer is saved" in page
    assert "Yes, I am coming" in page and "Arabic" in page and "Wat doet de mentor?" in page
    assert theme.title in page
    # The default agenda's main blocks with their clock times, in plain words.
    assert "19:00–19:15" in page and "Walk in, with coffee and tea" in page
    assert "20:15–20:25" in page and "Break" in page
    assert "21:05–21:15" in page and "Closing" in page
    assert f"/i/{household.token}?lang=en" in page  # change my answer
    assert f"/i/{household.token}/calendar.ics?lang=en" in page


def test_a_no_gets_thanks_without_the_evening(client, meeting, make_household) -> None:
    household = make_household(meeting, language="en", answer={"answer": "no", "adults": 0})
    page = client.get(f"/i/{household.token}/done").text
    assert "Sorry you cannot come" in page and "What to expect" not in page


def test_add_to_my_calendar(client, meeting, make_household) -> None:
    vobject = pytest.importorskip("vobject")
    household = make_household(meeting, language="en", answer={"answer": "yes"})
    response = client.get(f"/i/{household.token}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = vobject.readOne(response.data.decode(), validate=True)
    event = calendar.vevent
    assert calendar.method.value == "PUBLISH" and event.summary.value == meeting.title
    start = event.dtstart.value
    assert start.astimezone(ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None) == datetime.combine(
        meeting.date, time(19, 0)
    )
    assert household.token in response.data.decode().replace("\r\n ", "")


def test_the_evening_is_in_each_page_language_and_follows_a_changed_agenda(
    client, meeting, make_household
) -> None:
    """The evening in plain words is kept per meeting version and language (issue 13)."""
    from eventkit.extensions import db
    from eventkit.models import Response

    household = make_household(meeting, language="nl")
    household.response = Response(answer="yes", adults=1)
    db.session.commit()
    done = f"/i/{household.token}/done"
    assert "Inloop met koffie en thee" in client.get(done).text
    assert "Karşılama: çay ve kahve" in client.get(f"{done}?lang=tr").text
    assert "Inloop met koffie en thee" in client.get(done).text
    meeting.blocks[0].duration += 15  # the walk-in takes longer: everything after moves
    db.session.commit()
    assert "19:00–19:30" in client.get(f"{done}?lang=tr").text
