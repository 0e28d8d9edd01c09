"""The answer page kept per meeting and language (eventkit.rsvp.pages, issue 13): every
household still gets its own link, CSRF token and children, and a change to the meeting
shows at once, also when the clock stands still."""

from __future__ import annotations

import re

import time_machine

from eventkit.extensions import db
from eventkit.models import Household
from eventkit.rsvp import pages
from tests.conftest import PASSWORD
from tests.rsvp.test_never_lost import ANSWER, protected, saved, token_in  # noqa: F401


def action_of(page: str) -> str:
    found = re.search(r'<form method="post" action="([^"]+)"', page)
    assert found, "the page has the answer form"
    return found.group(1)


def test_each_household_gets_its_own_link_children_and_nothing_of_another(
    client, meeting, make_household
) -> None:
    first = make_household(meeting, children=[("Ayşe", "Yılmaz", "2B", "2")])
    second = make_household(meeting, children=[("<b>Tom & Noor</b>", "Bakker", "2A", "2")])
    one, two = (client.get(f"/i/{h.token}").text for h in (first, second))
    assert action_of(one) == f"/i/{first.token}?lang=nl"
    assert action_of(two) == f"/i/{second.token}?lang=nl"
    assert "Ayşe" in one and "Tom" not in one and second.token not in one
    assert "&lt;b&gt;Tom &amp; Noor&lt;/b&gt;" in two and "<b>Tom" not in two
    assert "Ayşe" not in two and first.token not in two
    assert pages.TOKEN_MARK not in one + two and pages.CHILDREN_MARK not in one + two


def test_a_household_without_children_named_gets_the_general_sentence(
    client, meeting, make_household
) -> None:
    named = make_household(meeting, children=[("Ayşe", "Yılmaz", "2B", "2")])
    unnamed = make_household(meeting, children=[])
    assert "parents and carers of" in client.get(f"/i/{named.token}?lang=en").text
    page = client.get(f"/i/{unnamed.token}?lang=en").text
    assert "An invitation for you as a parent or carer." in page
    assert "parents and carers of" not in page


def test_each_language_has_its_own_page(client, meeting, make_household) -> None:
    household = make_household(meeting)
    dutch = client.get(f"/i/{household.token}").text
    arabic = client.get(f"/i/{household.token}?lang=ar").text
    assert '<html lang="nl" dir="ltr">' in dutch and '<html lang="ar" dir="rtl">' in arabic
    assert action_of(arabic) == f"/i/{household.token}?lang=ar"


def test_a_change_to_the_meeting_shows_at_once_with_the_clock_standing_still(
    client, meeting, make_household
) -> None:
    first, second = make_household(meeting), make_household(meeting)
    with time_machine.travel("2026-03-02 10:00", tick=False):
        assert meeting.title in client.get(f"/i/{first.token}").text
        meeting.title = "Ouderavond over huiswerk"
        meeting.school.contact_name, meeting.school.contact_phone = "Mw. Visser", "036-1234567"
        db.session.commit()
        page = client.get(f"/i/{second.token}").text
    assert "Ouderavond over huiswerk" in page and "Mw. Visser" in page


def test_an_answer_given_is_shown_not_the_empty_form(client, meeting, make_household) -> None:
    household = make_household(meeting)
    client.get(f"/i/{household.token}")  # the kept page exists now
    client.post(f"/i/{household.token}", data={**ANSWER, "adults": "3"})
    page = client.get(f"/i/{household.token}").text
    assert re.search(r'<input[^>]*name="adults"[^>]*value="3"', page)
    assert "You have answered already" in client.get(f"/i/{household.token}?lang=en").text


def test_every_parent_gets_a_csrf_token_of_their_own_that_works(
    protected,  # noqa: F811 - the fixture imported above
    app,
    meeting,
    make_household,
) -> None:
    households = [make_household(meeting) for _ in range(3)]
    for household in households:
        parent = app.test_client()
        page = parent.get(f"/i/{household.token}").text
        token = token_in(page)
        assert pages.CSRF_MARK not in page
        answered = parent.post(f"/i/{household.token}", data={**ANSWER, "csrf_token": token})
        assert answered.status_code == 302
        assert saved(household) is not None
    assert db.session.query(Household).count() == 3


def test_staff_signed_in_only_by_the_remember_cookie_still_land_on_the_check_in(
    app, coordinator, meeting, make_household
) -> None:
    """Parents' requests skip loading a user when the browser brings no sign-in; a member
    whose session ended but who ticked "keep me signed in" brings one all the same."""
    household = make_household(meeting)
    device = app.test_client()
    device.post("/login", data={"email": coordinator.email, "password": PASSWORD, "remember": "y"})
    fresh = app.test_client()  # the browser was closed: only the remember cookie is left
    fresh.set_cookie("remember_token", device.get_cookie("remember_token").value)
    scanned = fresh.get(f"/i/{household.token}")
    assert scanned.status_code == 302 and "/door/household/" in scanned.location
    assert app.test_client().get(f"/i/{household.token}").status_code == 200
