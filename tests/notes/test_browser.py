"""Table notes on phones: two people write at one table at once, one loses the network.

Both entries are kept; the one typed offline shows "not sent yet" (text and icon) and
arrives once the phone is back online. axe-core checks the note page and the staff page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from eventkit.extensions import db
from eventkit.models import NoteEntry
from tests.browser.fixtures import axe_violations, screenshot
from tests.browser.test_rsvp_journey import PHONE, fits_the_screen
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def texts(table_id: int) -> list[tuple[str, str, str]]:
    db.session.expire_all()
    rows = db.session.scalars(select(NoteEntry).where(NoteEntry.table_id == table_id))
    return sorted((e.kind, e.text, e.author) for e in rows)


OFFLINE = "net::ERR_INTERNET_DISCONNECTED"  # Chromium logs each send tried while offline


@pytest.fixture
def phones(browser, live_server) -> Iterator[Callable[[], Any]]:
    """Phone pages that fail the test on any console error but the offline sends (closed
    before the live server stops, as in page_factory)."""
    contexts: list[Any] = []
    errors: list[str] = []

    def new_phone() -> Any:
        context = browser.new_context(**PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and OFFLINE not in m.text
                and errors.append(m.text))  # fmt: skip
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page

    yield new_phone
    for context in contexts:
        context.close()
    assert not errors, f"console errors: {errors}"


def save(page, kind: str, text: str) -> None:
    page.locator(f"#{kind}").fill(text)
    page.locator(f".kind-{kind} button[type=submit]").click()


def test_two_phones_at_one_table_and_one_goes_offline(
    app, phones, live_server, evening, table
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    url = f"{live_server}/t/{table.note_token}"
    first, second = phones(), phones()
    for page, author in ((first, "AB"), (second, "Yusuf")):
        page.goto(url)
        page.locator("#author").fill(author)
        page.locator("#author").dispatch_event("change")
    assert first.locator("h1").inner_text() == f"Tafel 1: {table.theme.title}"
    assert fits_the_screen(first)
    screenshot(first, "notes-01-table-page")
    assert axe_violations(first) == []

    # Both press "save" at the same moment: both notes are kept.
    save(first, "goes_well", "Korte lijnen met de mentor")
    save(second, "goes_well", "Berichten via de app")
    for page in (first, second):
        page.locator("[data-pending=goes_well] li").first.wait_for(state="detached")
    assert texts(table.id) == [
        ("goes_well", "Berichten via de app", "Yusuf"),
        ("goes_well", "Korte lijnen met de mentor", "AB"),
    ]
    second.reload()
    saved = second.locator("[data-saved=goes_well]")
    assert "Korte lijnen met de mentor" in saved.inner_text()
    assert "Berichten via de app" in saved.inner_text()
    assert second.locator("#author").input_value() == "Yusuf"  # kept on the phone

    # The first phone loses the network, writes on, and the note waits on the phone.
    first.wait_for_function("() => caches.match(location.href).then(Boolean)")
    first.context.set_offline(True)
    save(first, "difficult", "Ouders horen het pas als het te laat is")
    waiting = first.locator("[data-pending=difficult] li.pending-note")
    waiting.wait_for()
    assert "Nog niet verstuurd" in waiting.inner_text()
    assert waiting.locator("svg.icon").count() == 1
    assert first.locator("#difficult").input_value() == ""
    first.wait_for_timeout(600)  # a failed send leaves the note where it is
    assert waiting.count() == 1 and len(texts(table.id)) == 2
    screenshot(first, "notes-02-offline")
    assert axe_violations(first) == []
    # The shared presentation points typed offline stay in the box, also after a reload.
    first.locator("#presentation").fill("1. Korte lijnen")
    first.locator(".presentation-form button[type=submit]").click()
    expect(first.locator("[data-offline-notice]")).to_be_visible()
    first.reload()  # still offline: the kept copy of the page, with the note not sent yet
    assert "Nog niet verstuurd" in waiting.inner_text()
    assert "Ouders horen het pas" in waiting.inner_text()
    assert first.locator("#presentation").input_value() == "1. Korte lijnen"
    assert first.locator("[data-draft-notice]").is_visible()

    first.context.set_offline(False)
    waiting.wait_for(state="detached", timeout=15_000)
    assert ("difficult", "Ouders horen het pas als het te laat is", "AB") in texts(table.id)
    assert "Ouders horen het pas" in first.locator("[data-saved=difficult]").inner_text()
    assert first.evaluate("localStorage.getItem('eventkit.notes.pending')") == "[]"
    first.locator(".presentation-form button[type=submit]").click()
    first.locator("#presentation").wait_for()
    db.session.refresh(table)
    assert (table.presentation, table.presentation_version) == ("1. Korte lijnen", 1)
    assert not first.locator("[data-draft-notice]").is_visible()
    screenshot(first, "notes-03-back-online")


def test_the_staff_page_on_a_laptop(page, live_server, coordinator, evening, table) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server}/events/{evening.id}/notes")
    assert page.locator("svg.qr").count() == len(evening.tables) + 1
    screenshot(page, "notes-04-staff")
    assert axe_violations(page) == []
    page.goto(f"{live_server}/events/{evening.id}/arena")
    save(page, "arena", "Samen, als gelijken")
    page.locator("[data-pending=arena] li").first.wait_for(state="detached")
    assert "Samen, als gelijken" in page.locator("[data-saved=arena]").inner_text()
    screenshot(page, "notes-05-arena")
    assert axe_violations(page) == []
