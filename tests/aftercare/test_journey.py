"""The aftercare journey in Chromium: actions from two tables' notes, one not adopted with
its reason, publish, read the page anonymously on a phone in Dutch and Arabic, add a
progress update and see it appear."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from eventkit.aftercare import services
from tests.aftercare.conftest import EVENING, build_held_meeting
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}  # fmt: skip


def fits_the_screen(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def make_action_from(page, base: str, event_id: int, fragment: str) -> None:
    page.goto(f"{base}/events/{event_id}/aftercare/notes")
    note = page.locator("article.note", has_text=fragment)
    note.get_by_role("button", name="Maak een actie").click()
    page.wait_for_url("**/aftercare/actions/*")


def test_aftercare_journey(app, page_factory, live_server, make_event, coordinator) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    event = build_held_meeting(make_event(date=EVENING, goal="Samen werken aan aanwezigheid."))
    staff = page_factory(viewport={"width": 1280, "height": 900})
    staff.goto(f"{live_server}/login")
    staff.fill("#email", coordinator.email)
    staff.fill("#password", PASSWORD)
    staff.get_by_role("button", name="Inloggen").click()

    make_action_from(staff, live_server, event.id, "app-melding")
    staff.fill("#owner_label", "De mentoren van leerjaar 1")
    staff.get_by_role("button", name="Opslaan").click()
    staff.get_by_text("De actie is opgeslagen.").wait_for()
    first_url = staff.url

    staff.goto(f"{live_server}/events/{event.id}/aftercare/notes")
    screenshot(staff, "aftercare-staff-notes")
    assert not axe_violations(staff)
    make_action_from(staff, live_server, event.id, "cijfers")
    staff.select_option("#status", "not_adopted")
    staff.get_by_role("button", name="Opslaan").click()
    expect(staff.locator("#reason-error")).to_be_visible()  # a reason is required
    staff.fill("#reason", "Docenten geven cijfers na elke toets; elke week is te veel.")
    staff.get_by_role("button", name="Opslaan").click()
    staff.get_by_text("De actie is opgeslagen.").wait_for()

    staff.goto(f"{live_server}/events/{event.id}/aftercare")
    staff.get_by_role("button", name="Pagina publiceren").click()
    staff.get_by_text("De nazorgpagina staat online.").wait_for()
    screenshot(staff, "aftercare-staff-overview")
    assert not axe_violations(staff)

    parent = page_factory(**PHONE)
    public = f"{live_server}/n/{event.aftercare_token}"
    parent.goto(f"{public}?lang=nl")
    assert parent.locator("h1").inner_text() == "U zei, wij doen"
    assert parent.get_by_text("Een korte app-melding bij elk verzuim.").count() >= 1
    assert parent.get_by_text("elke week is te veel").is_visible()
    assert "Brouwer" not in parent.content()
    assert fits_the_screen(parent)
    assert not axe_violations(parent)
    screenshot(parent, "aftercare-public-nl-360")

    parent.goto(f"{public}?lang=ar")
    assert parent.locator("html").get_attribute("dir") == "rtl"
    assert parent.locator("h1").inner_text() == "قلتم، ونحن نفعل"
    assert parent.locator(".only-dutch").count() >= 1
    assert fits_the_screen(parent)
    assert not axe_violations(parent)
    screenshot(parent, "aftercare-public-ar-360")

    staff.goto(first_url)
    staff.fill("#text", "De proef met de app is begonnen.")
    staff.get_by_role("button", name="Bericht toevoegen").click()
    staff.get_by_text("Het voortgangsbericht is toegevoegd.").wait_for()
    screenshot(staff, "aftercare-staff-action")
    assert not axe_violations(staff)

    parent.goto(f"{public}?lang=nl")
    parent.get_by_text("De proef met de app is begonnen.").wait_for()
    assert len(services.actions_of(event)) == 2
    screenshot(parent, "aftercare-public-nl-update")
