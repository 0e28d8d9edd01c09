"""The mail preview in Chromium: the queued Arabic invitation rendered in its sandboxed
frame, right-to-left, with no console errors and no serious axe findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from eventkit.extensions import db
from eventkit.mail import services
from eventkit.models import Event, OutboxMessage, Participant, User
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_preview_shows_the_mail_as_the_parent_sees_it(
    page_factory: Any, live_server: str, coordinator: User, meeting: Event,
    make_carer: Callable[..., Participant],
) -> None:  # fmt: skip
    make_carer(meeting, "Amina", language="ar")
    make_carer(meeting, "Emma", language="nl")
    services.send(meeting, "parents")
    row = db.session.scalars(db.select(OutboxMessage).filter_by(to_address="amina@home.example"))
    message = row.one()
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/events/{meeting.id}/mail/preview")
    screenshot(page, "mail-preview-01-list")
    assert axe_violations(page) == []
    page.get_by_role("link", name=message.subject).click()
    frame = page.frame_locator("iframe.mail-body")
    expect(frame.locator("[dir=rtl]").first).to_be_visible()
    screenshot(page, "mail-preview-02-arabic")
    assert axe_violations(page) == []
