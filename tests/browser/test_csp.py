"""The Content-Security-Policy in a real browser: the pages whose inline styles moved into
static stylesheets still look as before, and nothing is blocked (a console error fails)."""

from __future__ import annotations

import pytest

from tests.browser.fixtures import screenshot
from tests.conftest import PASSWORD
from tests.invitations.conftest import add_household
from tests.invitations.conftest import meeting as meeting  # the fixture

pytestmark = pytest.mark.browser


def style(page, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e)['{prop}']")


def test_styled_from_files_under_the_policy(page, live_server, coordinator, meeting) -> None:
    household = add_household(meeting, language="ar")
    response = page.goto(f"{live_server}/i/{household.token}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert style(page, "body.parent main", "maxWidth") == "640px"  # from eventkit.css
    screenshot(page, "csp-rsvp-ar")

    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/events/{meeting.id}/invitations/poster")
    assert style(page, ".poster h1", "fontSize") == "40px"  # 30pt, from print.css
    screenshot(page, "csp-poster")
    page.goto(f"{live_server}/events/{meeting.id}/invitations/print")
    assert style(page, "body", "fontFamily").startswith("Carlito")
    screenshot(page, "csp-print")
    page.goto(f"{live_server}/events/{meeting.id}/participants")
    screenshot(page, "csp-participants")
