"""The action team's main journey: sign in, create a meeting, shape its agenda, switch language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def clock_cell(page, title: str):
    row = page.locator("li.block", has=page.locator(f"strong:text-is('{title}')")).last
    return row.locator("[data-testid=clock]").first


def clock(page, title: str) -> str:
    return clock_cell(page, title).inner_text()


def test_create_a_meeting_and_drag_the_break(page_factory, live_server, coordinator) -> None:
    # Tall enough that the block to drag and the place to drop it are both on screen.
    page = page_factory(viewport={"width": 1280, "height": 2000})
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Nieuwe bijeenkomst").click()

    page.get_by_label("Titel").fill("Ouderavond aanwezigheid leerjaar 2")
    page.get_by_label("Datum").fill((date.today() + timedelta(days=45)).isoformat())
    page.get_by_label("Begintijd").fill("19:00")
    page.get_by_label("Geplande eindtijd").fill("21:15")
    page.get_by_label("Locatie").fill("Het Baken College")
    screenshot(page, "agenda-01-new-meeting")
    page.get_by_role("button", name="Bijeenkomst aanmaken").click()

    page.wait_for_url("**/agenda")
    assert clock(page, "Pauze") == "20:15–20:25"
    assert clock(page, "Start: gesprek in de arena") == "19:15–20:15"
    screenshot(page, "agenda-02-default-template")
    assert axe_violations(page) == []

    # Drag the break onto the upper half of the arena block: it lands before it.
    pause = page.locator("li.block", has=page.locator("strong:text-is('Pauze')"))
    arena = page.locator(
        "li.block", has=page.locator("strong:text-is('Start: gesprek in de arena')")
    )
    with page.expect_navigation():
        pause.locator(".handle").drag_to(
            arena.locator(".block-row").first, target_position={"x": 40, "y": 4}
        )
    assert clock(page, "Pauze") == "19:15–19:25"
    assert clock(page, "Start: gesprek in de arena") == "19:25–20:25"
    assert clock(page, "Dialoog") == "19:35–20:20"
    screenshot(page, "agenda-03-break-moved")

    # The keyboard alternative: move it back with the arrow button.
    page.get_by_role("button", name="Pauze omlaag").click()
    expect(clock_cell(page, "Pauze")).to_have_text("20:15–20:25")

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="Agenda", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Overview")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "agenda-04-english")


def test_the_agenda_works_on_a_phone(
    page_factory, live_server, login, coordinator, make_event
) -> None:
    event = make_event()
    phone = page_factory(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(f"{live_server}/login")
    phone.get_by_label("E-mailadres").fill(coordinator.email)
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Inloggen").click()
    phone.goto(f"{live_server}/events/{event.id}/agenda")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the agenda scrolls sideways on a phone"
    screenshot(phone, "agenda-05-phone")
    for path in (f"/events/{event.id}", f"/events/{event.id}/tasks", "/events/new"):
        phone.goto(live_server + path)
        assert axe_violations(phone) == [], path
