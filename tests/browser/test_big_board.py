"""The tables board of a big school (issue 13) in Chromium: the people of each of many tables
folded away, dragged between two opened tables, a table's own page, a 360 px phone."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import demo_big
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
# live_server before page_factory in each test's arguments: the pages close (and their console
# is checked) before the server stops, so the board's headcount poll never meets a closed port.


@pytest.fixture
def big(school, coordinator):
    """300 households at 14 tables: more tables than the board shows unfolded."""
    return demo_big.build(school, demo_big.Size.scaled(300), date(2027, 3, 9))


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_board_of_many_tables(live_server, page_factory, big, coordinator) -> None:
    page = page_factory(viewport={"width": 1280, "height": 900})
    sign_in(page, live_server, coordinator.email)
    page.goto(f"{live_server}/events/{big.id}/tables")
    cards = page.locator("[data-table]")
    assert cards.count() == 14 and cards.locator("details").count() == 14
    assert not cards.first.locator("li.person").first.is_visible()
    cards.nth(0).locator("summary").click()
    cards.nth(1).locator("summary").click()
    screenshot(page, "big-board-01-two-tables-open")
    assert axe_violations(page) == []

    # Drag a parent from the first table to the second (both opened).
    person = cards.nth(0).locator("li.person.role-parent").first
    name = person.locator(".person-name").inner_text()
    with page.expect_navigation():
        person.drag_to(cards.nth(1).locator("h3"))
    second = page.locator("[data-table]").nth(1)
    assert second.locator(f"li.person:has-text('{name}')").count() == 1
    assert "/tables#person-" in page.url

    # A table's theme and size on its own page, linked from its card.
    page.get_by_role("link", name="Thema en grootte (Tafel 14)").click()
    screenshot(page, "big-board-03-table-page")
    assert axe_violations(page) == []
    page.get_by_label("Hoogstens").fill("9")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert (
        "(6–9)"
        in page.locator("#table-title-" + page.url.rsplit("-", 1)[1])
        .locator("xpath=..")
        .locator("[data-counts]")
        .inner_text()
    )


def test_a_board_of_many_tables_fits_a_phone(live_server, page_factory, big, coordinator) -> None:
    phone = page_factory(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
    sign_in(phone, live_server, coordinator.email)
    phone.goto(f"{live_server}/events/{big.id}/tables")
    phone.locator("[data-table] summary").first.click()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the board is {width}px wide on a 360px phone"
    screenshot(phone, "big-board-02-phone")
