"""The refusal pages and the audit log on a phone: readable, accessible, no sideways scroll."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from eventkit import audit, throttle
from eventkit.auth import services as auth_services
from eventkit.invitations import links
from tests.browser.fixtures import axe_violations, screenshot
from tests.browser.test_rsvp_journey import PHONE, fits_the_screen
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def refusing_page(browser):
    """A phone page of its own: the 429 answer itself is logged as a console error, which
    the shared page fixture would count against the test."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def test_a_refused_walk_in_in_arabic(limited, refusing_page, live_server, meeting, monkeypatch):
    monkeypatch.setattr(throttle, "PUBLIC_PER_TOKEN", throttle.Limit(0, 60))
    page = refusing_page
    code = links.walkin_code(meeting, limited.config["SECRET_KEY"])
    page.goto(f"{live_server}/e/{code}?lang=ar")
    page.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("عدد كبير في وقت واحد")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "trust-429-walk-in-ar")
    assert fits_the_screen(page)
    assert axe_violations(page) == []


def test_a_throttled_sign_in_and_the_audit_log(
    limited, page_factory, refusing_page, live_server, coordinator, meeting, monkeypatch
) -> None:
    audit.record(coordinator, "export", meeting, "tablesheets.docx")
    audit.record(coordinator, "import", meeting, audit.import_detail(12, 3))
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/login")
    page.locator("#email").fill(coordinator.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.goto(f"{live_server}/audit")
    assert "Document met persoonsgegevens gedownload" in page.inner_text("main")
    assert "12 nieuw, 3 bijgewerkt" in page.inner_text("main")
    screenshot(page, "trust-audit-log-phone")
    assert axe_violations(page) == []

    page.locator("button.link").click()  # sign out
    monkeypatch.setattr(auth_services, "ACCOUNT_LIMIT", throttle.Limit(0, 900))
    page = refusing_page
    page.goto(f"{live_server}/login")
    page.locator("#email").fill(coordinator.email)
    page.locator("#password").fill("wrong guess")
    page.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Te veel mislukte pogingen")
    screenshot(page, "trust-login-throttled-phone")
    assert fits_the_screen(page)
    assert axe_violations(page) == []
