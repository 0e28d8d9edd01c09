"""The participants table at a laptop's 1366 px: every row's buttons in view, no sideways
scrolling (it used to overflow and hide the Remove button)."""

from __future__ import annotations

import pytest

from tests.browser.fixtures import screenshot
from tests.conftest import PASSWORD
from tests.invitations.conftest import add_household
from tests.invitations.conftest import meeting as meeting  # the fixture

pytestmark = pytest.mark.browser

DOMAIN = "@voorbeeld-ouders.example"
LONG = [
    ("Aleksandra Wiśniewska-Kowalczyk", f"aleksandra.wisniewska-kowalczyk{DOMAIN}"),
    ("Mohammed Abdelrahman el Idrissi", f"mohammed.abdelrahman.elidrissi{DOMAIN}"),
]


def test_participants_fit_at_1366(page_factory, live_server, coordinator, meeting) -> None:
    for index, (name, email) in enumerate(LONG):
        children = [("Maximiliaan-Alexander", "van den Berghe-Oosterhout", f"{index + 2}B", "2"),
                    ("Zoë", "van den Berghe-Oosterhout", "4A", "4")]  # fmt: skip
        add_household(meeting, language="pl", children=children, carers=[(name, email)])
    page = page_factory(viewport={"width": 1366, "height": 800})
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/events/{meeting.id}/participants")
    box = page.eval_on_selector(".scroll-x", "e => [e.scrollWidth, e.clientWidth]")
    assert box[0] <= box[1], f"the table is wider than its box: {box}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    right = page.eval_on_selector(".scroll-x", "e => e.getBoundingClientRect().right")
    buttons = page.locator("td.row-actions a.danger")
    assert buttons.count() == 2
    for number in range(buttons.count()):
        assert (
            buttons.nth(number).bounding_box()["x"] + buttons.nth(number).bounding_box()["width"]
            <= right + 0.5
        )
    screenshot(page, "participants-1366")
