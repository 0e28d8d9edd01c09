"""The invitations tab of a large school on a 360 px phone: a hundred households a page,
the pager and the class filter usable without JavaScript, no sideways scrolling of the page,
no serious axe-core finding (issue 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from eventkit.extensions import db
from eventkit.models import Household, Pupil
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD
from tests.invitations.conftest import meeting as meeting  # the fixture

pytestmark = pytest.mark.browser


def test_the_household_list_pages_on_a_phone(page_factory, live_server, coordinator, meeting):
    for number in range(130):
        household = Household(event=meeting, language="tr" if number % 3 else "nl")
        class_name = "2A" if number < 110 else "3B"
        household.pupils.append(Pupil(first_name=f"Kind{number:03d}", last_name="Yılmaz",
                                      class_name=class_name, year=class_name[0]))  # fmt: skip
        db.session.add(household)
    db.session.commit()
    page = page_factory(viewport={"width": 360, "height": 800})
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/events/{meeting.id}/invitations")
    assert page.locator("input[name=household]").count() == 100
    page.get_by_label("Klas", exact=True).select_option("2A")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("navigation", name="Pagina's van de lijst met huishoudens").get_by_role(
        "link", name="Volgende pagina"
    ).click()
    expect(page.locator("input[name=household]")).to_have_count(10)
    assert "class=2A" in page.url and "page=2" in page.url
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("#households").scroll_into_view_if_needed()
    screenshot(page, "invitations-paged-360")
    assert axe_violations(page) == []
