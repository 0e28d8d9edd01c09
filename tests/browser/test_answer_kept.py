"""A parent whose cookie was lost while the form was open (a phone that cleared it, a night
in between) sends the answer: it is saved, the form's token belongs to the link. One whose
token no longer holds (the school's server got a new secret key meanwhile): the answer
comes back typed in, with a plain message; sent again, it is saved. CSRF protection on, in
a real browser."""

from __future__ import annotations

import pytest

from eventkit.extensions import db
from tests.browser.fixtures import axe_violations, screenshot
from tests.browser.test_rsvp_journey import PHONE
from tests.invitations.conftest import add_household
from tests.invitations.conftest import meeting as meeting  # the fixture

pytestmark = pytest.mark.browser


def answering(app, page_factory, live_server, meeting, adults: str) -> tuple[object, object]:
    """An Arabic-speaking parent's form, opened and filled in, not sent yet."""
    app.config["WTF_CSRF_ENABLED"] = True
    household = add_household(meeting, language="ar")
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/i/{household.token}")
    page.locator("input[name=answer][value=yes]").check()
    page.locator("#adults").fill(adults)
    page.locator("#question").fill("Hoe meld ik mijn kind ziek?")
    return page, household


def test_a_lost_cookie_loses_no_answer(app, page_factory, live_server, meeting) -> None:
    page, household = answering(app, page_factory, live_server, meeting, "2")
    page.context.clear_cookies()
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"**/i/{household.token}/done*")
    assert page.context.cookies() == []
    db.session.expire_all()
    assert household.response.adults == 2


def test_a_refused_answer_comes_back_typed_in(app, page_factory, live_server, meeting) -> None:
    page, household = answering(app, page_factory, live_server, meeting, "3")
    app.secret_key = "a new secret key since the form was opened"
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#form-refused").is_visible()
    assert page.locator("#adults").input_value() == "3"
    assert page.locator("#question").input_value() == "Hoe meld ik mijn kind ziek?"
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "rsvp-refused-ar")
    assert axe_violations(page) == []

    page.locator("button[type=submit]").click()
    page.wait_for_url(f"**/i/{household.token}/done*")
    page.wait_for_load_state("networkidle")
    screenshot(page, "rsvp-refused-ar-then-saved")
    db.session.expire_all()
    assert household.response.adults == 3
