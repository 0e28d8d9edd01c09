"""The grouping journey on the demo meeting: make groups, drag, pin, walk-in, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from eventkit.demo import DEMO_PASSWORD, load_demo
from tests.browser.fixtures import axe_violations, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(app):
    return load_demo()


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mailadres").fill("coordinator@hetbaken.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def figure(page, name: str) -> str:
    return page.locator(f"[data-figure={name}]").inner_text()


def test_groups_for_the_demo_evening(page_factory, live_server, demo) -> None:
    page = page_factory(viewport={"width": 1400, "height": 2600})
    sign_in(page, live_server)
    page.goto(f"{live_server}/events/{demo.event.id}/tables")
    page.get_by_role("button", name="Groepen maken").click()
    # A click waits for the next page to commit, not to load: wait for what it shows.
    expect(page.locator("[data-figure=score]")).to_contain_text("mogelijk")  # or how far from it
    assert page.locator("[data-rule] >> text=✗").count() == 0
    score_before = figure(page, "score")
    screenshot(page, "groups-01-made")
    assert axe_violations(page) == []

    # Drag a parent from the first table to the last one.
    first = page.locator("[data-table]").first
    last = page.locator("[data-table]").last
    person = first.locator("li.person.role-parent").first
    name = person.locator(".person-name").inner_text()
    with page.expect_navigation():
        person.drag_to(last.locator("h3"))
    assert page.locator("[data-table]").last.locator(f"li.person:has-text('{name}')").count() == 1
    assert figure(page, "score") != score_before
    screenshot(page, "groups-02-dragged")

    # Pin that person on their own page (the name is a link: no mouse needed).
    moved = page.locator("[data-table]").last.locator(f"li.person:has-text('{name}')")
    moved.locator("a.person-name").click()
    page.get_by_role("button", name="Vastzetten").click()
    expect(page.locator(f"li.person.pinned:has-text('{name}')")).to_have_count(1)

    # A walk-in gets a seat; nobody else moves.
    seated = {el.get_attribute("id") for el in page.locator("[data-table] li.person").all()}
    page.locator("#w-first_name").fill("Olga")
    page.locator("#w-last_name").fill("Kravchenko")
    page.locator("#w-language").select_option("uk")
    page.locator("#walk-in button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Olga Kravchenko")
    after = {el.get_attribute("id") for el in page.locator("[data-table] li.person").all()}
    assert seated < after and len(after - seated) == 1
    screenshot(page, "groups-03-walk-in")

    with page.expect_download() as download:
        page.locator("a[href$='lists.csv']").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Kravchenko" in text and name.split()[0] in text


def test_staff_pages_fit_a_phone(page_factory, live_server, demo) -> None:
    """Wide tables scroll inside themselves; no page scrolls sideways on a phone."""
    phone = page_factory(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    sign_in(phone, live_server)
    event = demo.event.id
    for path in ("", "/agenda", "/tasks", "/participants/", "/tables", "/door", "/invitations",
                 "/responses", "/mail"):  # fmt: skip
        phone.goto(f"{live_server}/events/{event}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path or 'overview'} is {width}px wide on a 390px phone"
    screenshot(phone, "phone-participants")
