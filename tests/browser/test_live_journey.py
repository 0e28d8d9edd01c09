"""The live run-sheet on the evening: the facilitator's phone and the projector during the
dialogue; "we are running 10 minutes late" moves the times on both."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

DAY = date(2027, 3, 9)


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/events/")  # not /login: the sign-in must be done


def clock_of(page, title: str) -> str:
    row = page.locator("table.live-times tr", has=page.locator(f"th:has-text('{title}')"))
    return row.locator(".live-actual").inner_text()


def test_phone_and_projector_during_the_dialogue(
    page_factory, live_server, coordinator, make_event
) -> None:
    event = make_event(date=DAY)
    # 19:40 in the school: the dialogue (19:25–20:10) is running. The clock ticks on.
    at = datetime.combine(DAY, time(19, 40), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(at, tick=True):
        phone = page_factory(viewport={"width": 360, "height": 800}, is_mobile=True)
        sign_in(phone, live_server, coordinator.email)
        phone.goto(f"{live_server}/events/{event.id}/live")
        current = phone.locator(".live-current")
        assert "Start: gesprek in de arena" in current.inner_text()
        assert "Dialoog" in current.locator(".live-part").inner_text()
        assert "nog 30 min" in current.locator(".live-part .live-left").inner_text()
        assert phone.locator(".live-next").inner_text().endswith("Samenvatting · 20:10")
        assert clock_of(phone, "Pauze") == "20:15–20:25"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(phone, "live-01-phone-dialogue")
        assert axe_violations(phone) == []

        screen = page_factory(viewport={"width": 1280, "height": 720})
        sign_in(screen, live_server, coordinator.email)
        screen.goto(f"{live_server}/events/{event.id}/live?screen=1")
        assert "Dialoog" in screen.locator(".screen-title").inner_text()
        assert screen.locator(".screen-left .live-count").inner_text() == "30"
        later = screen.locator("ol.screen-later").inner_text()
        assert "20:15 Pauze" in " ".join(later.split())
        screenshot(screen, "live-02-projector-dialogue")
        assert axe_violations(screen) == []

        # The dialogue runs over: one action on the phone moves the rest of the evening.
        phone.get_by_label("Minuten uitloop").fill("10")
        with phone.expect_navigation():
            phone.get_by_role("button", name="Schuif de rest van de avond op").click()
        assert "De rest van de avond schuift 10 minuten op." in phone.inner_text(".messages")
        assert clock_of(phone, "Pauze") == "20:25–20:35"
        assert clock_of(phone, "Afsluiting") == "21:15–21:25"
        assert "20:15–20:25" in " ".join(phone.locator(".live-planned").all_inner_texts())
        assert "10 minuten uitloop" in phone.inner_text(".live-late")
        assert "nog 40 min" in phone.locator(".live-part .live-left").inner_text()
        screenshot(phone, "live-03-phone-ten-minutes-late")

        # The projector fetches the new times itself (no reload): its poll, triggered now
        # instead of after 15 seconds, replaces the changing part of the page.
        screen.evaluate("window.notReloaded = true")
        screen.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        # (20:25 alone is no sign: the part after the break began at 20:25 before the delay.)
        # Polled from Python: the page's CSP (no 'unsafe-eval') refuses wait_for_function.
        expect(screen.locator("ol.screen-later")).to_contain_text(re.compile(r"20:25\s+Pauze"))
        assert screen.locator(".screen-left .live-count").inner_text() == "40"
        assert screen.evaluate("window.notReloaded") is True
        screenshot(screen, "live-04-projector-ten-minutes-late")
