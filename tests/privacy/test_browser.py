"""The privacy notice on a phone in Arabic (right to left), opened; the household page of
the team. axe-core finds nothing serious; screenshots in test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from eventkit.extensions import db
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

from .conftest import Stored

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}  # fmt: skip


def test_the_notice_on_a_phone_and_the_household_page(
    app: Flask, page_factory: Any, live_server: str, stored: Stored, coordinator: Any
) -> None:
    school = stored.event.school
    school.contact_name, school.contact_phone = "Mevr. De Wit", "030-1234567"
    db.session.commit()
    household = stored.event.households[0]
    phone = page_factory(**PHONE)
    phone.goto(f"{live_server}/i/{household.token}?lang=ar")
    phone.locator(".privacy-notice summary").click()
    phone.locator(".privacy-notice").scroll_into_view_if_needed()
    assert phone.locator(".privacy-notice details").get_attribute("open") is not None
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "privacy-01-notice-ar")
    assert axe_violations(phone) == []

    staff = page_factory()
    staff.goto(f"{live_server}/login")
    staff.fill("#email", coordinator.email)
    staff.fill("#password", PASSWORD)
    staff.locator("button[type=submit]").click()
    staff.goto(f"{live_server}/events/{stored.event.id}/households/{household.id}")
    screenshot(staff, "privacy-02-household")
    assert axe_violations(staff) == []
    staff.goto(f"{live_server}/events/{stored.event.id}")
    staff.locator("#privacy").scroll_into_view_if_needed()
    screenshot(staff, "privacy-03-meeting")
    assert axe_violations(staff) == []
