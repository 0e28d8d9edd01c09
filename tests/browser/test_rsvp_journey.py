"""A parent answers the invitation on a cheap phone: in Dutch, and in Arabic (right-to-left).

The Arabic texts may still be untranslated (English falls in); the test asserts on the
page's structure and behaviour, not on Arabic words.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from eventkit.extensions import db
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD
from tests.invitations.conftest import add_household
from tests.invitations.conftest import meeting as meeting  # the fixture

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}  # fmt: skip


def fits_the_screen(page) -> bool:
    """No sideways scrolling, and nothing drawn outside the screen on either side."""
    return page.evaluate(
        """() => document.documentElement.scrollWidth <= window.innerWidth &&
        [...document.querySelectorAll('body *')].every(e => {
            const box = e.getBoundingClientRect();
            return box.width === 0 || (box.left >= -1 && box.right <= window.innerWidth + 1);
        })"""
    )


def answer_form(page, adults: str, first: str, second: str) -> None:
    page.locator("input[name=answer][value=yes]").check()
    page.locator("#adults").fill(adults)
    page.locator("#pupil_comes").check()
    page.locator("#interpreter").check()
    page.locator("#interpreter_language").select_option("ar")
    page.locator("#theme_1").select_option(first)
    page.locator("#theme_2").select_option(second)
    page.locator("#question").fill("Hoe meld ik mijn kind ziek?")
    page.locator("button[type=submit]").click()


@pytest.mark.parametrize(("language", "direction"), [("nl", "ltr"), ("ar", "rtl")])
def test_a_parent_answers_on_a_phone(
    app,
    page_factory,
    live_server,
    meeting,
    language: str,
    direction: str,
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    household = add_household(meeting, language=language)
    first, second = (str(t.id) for t in meeting.themes[:2])
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/i/{household.token}")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction)
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex, nofollow"
    assert fits_the_screen(page)
    screenshot(page, f"rsvp-{language}-01-invitation")
    assert axe_violations(page) == []

    # The same theme twice: a clear message at the field, nothing saved.
    answer_form(page, "2", first, first)
    error = page.locator("#theme_2-error")
    expect(error).to_be_visible()
    assert page.locator("#theme_2").get_attribute("aria-invalid") == "true"
    assert page.locator("#form-errors a[href='#theme_2']").count() == 1
    assert household.response is None
    screenshot(page, f"rsvp-{language}-02-error")
    assert axe_violations(page) == []

    answer_form(page, "2", first, second)
    page.wait_for_url(f"**/i/{household.token}/done*")
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator("ol.evening li").count() == 6
    assert page.get_by_text("Hoe meld ik mijn kind ziek?").is_visible()
    assert page.locator(f"a[href*='/i/{household.token}/calendar.ics']").count() == 1
    assert fits_the_screen(page)
    screenshot(page, f"rsvp-{language}-03-confirmation")
    assert axe_violations(page) == []

    db.session.expire_all()
    saved = household.response
    assert (saved.answer, saved.adults, saved.interpreter_language) == ("yes", 2, "ar")
    assert saved.themes == [int(first), int(second)] and saved.language == language


def test_the_language_switch_keeps_the_page(page_factory, live_server, meeting) -> None:
    household = add_household(meeting, language="ar")
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/i/{household.token}")
    page.locator("a[hreflang=nl]").click()
    page.wait_for_url("**?lang=nl")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("a[hreflang=nl]").get_attribute("aria-current") == "true"
    page.locator("a[hreflang=ar]").click()
    page.wait_for_url("**?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_the_action_team_follows_the_responses(page, live_server, coordinator, meeting) -> None:
    question = {"question": "Hoe meld ik mijn kind ziek?", "themes": [meeting.themes[0].id]}
    answered = {"answer": "yes", "adults": 2, "interpreter": True, "interpreter_language": "ar"}
    answered |= question
    add_household(meeting, language="ar", answer=answered)
    add_household(meeting, children=[("Noor", "Bakker", "2A", "2")], answer={"answer": "no"})
    add_household(meeting, children=[("Sem", "Vos", "2A", "2")])
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    for path, name in [("invitations", "invitations"), ("responses", "responses"),
                       ("responses/mentors?class=2A", "mentors")]:  # fmt: skip
        page.goto(f"{live_server}/events/{meeting.id}/{path}")
        screenshot(page, f"rsvp-staff-{name}")
        assert axe_violations(page) == [], name
    page.goto(f"{live_server}/events/{meeting.id}/responses")
    assert page.get_by_test_id("yes-maybe-no").inner_text() == "1 / 0 / 1"
    assert page.get_by_test_id("adults").inner_text() == "2"
    assert page.get_by_text("Hoe meld ik mijn kind ziek?").is_visible()
