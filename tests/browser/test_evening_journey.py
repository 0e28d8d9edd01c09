"""The whole evening on phones, as the team and the parents live it.

Door: check in three people (one by scanning a family's invitation while signed in) and a
walk-in; a second phone at the door sees the count move without reloading. The break:
regroup with who is present; the big screen shows who sits where. The tables: two phones
write notes on one table at once, one loses the network and its note arrives later. The
closing: two parents answer the evaluation in Dutch and Arabic.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from eventkit import clock
from eventkit.demo import DEMO_PASSWORD, load_demo
from eventkit.extensions import db
from eventkit.models import EvaluationAnswer, Participant
from tests.browser.fixtures import axe_violations, screenshot
from tests.browser.test_rsvp_journey import PHONE, fits_the_screen
from tests.notes.test_browser import OFFLINE, save, texts

pytestmark = pytest.mark.browser


@pytest.fixture
def evening(app):
    demo = load_demo()
    event = demo.event
    event.date, event.status = clock.school_today(), "invited"
    db.session.commit()
    return event


def staff_phone(browser: Any, base: str, errors: list[str]) -> Any:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and OFFLINE not in m.text
            and errors.append(m.text))  # fmt: skip
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/login")
    page.get_by_label("E-mailadres").fill("coordinator@hetbaken.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    return page


def present(page: Any) -> int:
    return int(page.locator('[data-count="present"]').inner_text())


def test_the_evening_on_phones(app, browser, live_server, evening) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    errors: list[str] = []
    door_url = f"{live_server}/events/{evening.id}/door"
    door, watcher = (
        staff_phone(browser, live_server, errors),
        staff_phone(browser, live_server, errors),
    )
    door.goto(f"{live_server}/events/{evening.id}/tables")
    door.get_by_role("button", name="Groepen maken").click()
    watcher.goto(door_url)
    assert present(watcher) == 0
    expected = int(watcher.locator('[data-count="expected"]').inner_text())
    assert expected > 30

    # 1. A staff member by name, searched at the door.
    staff = next(p for p in evening.participants if p.role == "staff" and p.can_facilitate)
    door.goto(door_url)
    assert fits_the_screen(door)
    assert door.locator("#q").bounding_box()["y"] < door.locator("nav.tabs").bounding_box()["y"]
    door.locator("#q").fill(staff.last_name)
    door.locator("#q").press("Enter")
    row = door.locator(f"#p{staff.id}")
    assert "Tafel" in row.inner_text()
    row.get_by_role("button", name="Inchecken").click()
    expect(door.locator(f"#p{staff.id}").get_by_text("aanwezig", exact=True)).to_be_visible()
    screenshot(door, "evening-01-door")
    assert axe_violations(door) == []

    # 2. and 3. A family's invitation scanned: the household's own check-in page.
    household = next(h for h in evening.households if h.response and h.response.answer == "yes"
                     and len(h.carers) > 1)  # fmt: skip
    door.goto(f"{live_server}/i/{household.token}")
    assert "/door/household/" in door.url
    buttons = door.get_by_role("button", name="Inchecken")
    assert buttons.count() >= 2
    buttons.first.click()
    door.get_by_role("button", name="Inchecken").first.click()
    expect(door.get_by_text("aanwezig", exact=True).nth(1)).to_be_visible()
    screenshot(door, "evening-02-scanned-household")
    assert axe_violations(door) == []

    # 4. Someone without an invitation.
    door.goto(door_url)
    door.locator("#w-first_name").fill("Rosa")
    door.locator("#w-last_name").fill("Lopez")
    door.locator("#w-class_name").select_option(index=1)
    door.get_by_role("button", name="Aanmelden en plaatsen").click()
    expect(door.locator(".alert.success")).to_contain_text("Rosa Lopez")
    assert "tafel" in door.locator(".alert.success").inner_text()
    assert present(door) == 4
    # The other phone at the door sees the count move without reloading.
    moved = "() => document.querySelector('[data-count=present]').textContent === '4'"
    watcher.wait_for_function(moved, timeout=15_000)
    # ...and each table's count of who came, as the door page now shows them.
    door.goto(door_url)
    per_table = door.locator("[data-table-present]").all_inner_texts()
    assert sum(map(int, per_table)) > 0
    expect(watcher.locator("[data-table-present]")).to_have_text(per_table, timeout=15_000)

    # The break: regroup with who is present, then the big screen.
    came = [p for p in evening.participants if p.role == "staff"][:6]
    came += [p for p in evening.participants if p.role == "parent"][:20]
    for person in came:
        person.present = True
    db.session.commit()
    door.goto(f"{live_server}/events/{evening.id}/tables")
    door.get_by_role("button", name="Opnieuw indelen met wie er is").click()
    expect(door.get_by_role("heading", name="Wat er veranderde")).to_be_visible()
    screenshot(door, "evening-03-regrouped")
    assert axe_violations(door) == []
    screen = browser.new_context(
        viewport={"width": 1280, "height": 720}, storage_state=door.context.storage_state()
    )
    projector = screen.new_page()
    projector.goto(f"{live_server}/events/{evening.id}/tables/screen")
    assert projector.locator(".screen-table").count() == len(evening.tables)
    assert "Rosa" in projector.locator(".screen-tables").inner_text()
    assert "Lopez" not in projector.locator(".screen-tables").inner_text()
    screenshot(projector, "evening-04-big-screen")
    assert axe_violations(projector) == []
    screen.close()

    # The tables: two phones write on one table at once; one loses the network.
    table = evening.tables[0]
    first, second = (browser.new_context(**PHONE).new_page() for _ in range(2))
    for page in (first, second):
        page.on("console", lambda m: m.type == "error" and OFFLINE not in m.text
                and errors.append(m.text))  # fmt: skip
        page.goto(f"{live_server}/t/{table.note_token}")
    save(first, "goes_well", "Korte lijnen met de mentor")
    save(second, "idea", "Een ouderavond per klas")
    for page in (first, second):
        page.locator("[data-pending] li").first.wait_for(state="detached")
    assert [t[1] for t in texts(table.id)] == [
        "Korte lijnen met de mentor",
        "Een ouderavond per klas",
    ][::-1] or len(texts(table.id)) == 2
    first.wait_for_function("() => caches.match(location.href).then(Boolean)")
    first.context.set_offline(True)
    save(first, "difficult", "Brieven zijn te lang")
    pending = first.locator("[data-pending=difficult] li.pending-note")
    pending.wait_for()
    assert "Nog niet verstuurd" in pending.inner_text()
    screenshot(first, "evening-05-note-offline")
    first.context.set_offline(False)
    pending.wait_for(state="detached", timeout=15_000)
    assert len(texts(table.id)) == 3
    first.context.close()
    second.context.close()

    # The closing: two parents answer the evaluation, in Dutch and in Arabic.
    for locale, rating in (("nl-NL", "5"), ("ar", "4")):
        context = browser.new_context(**PHONE, locale=locale)
        parent = context.new_page()
        parent.on("console", lambda m: m.type == "error" and errors.append(m.text))
        parent.goto(f"{live_server}/f/{evening.evaluation_token}")
        parent.locator(f"input[name=rating][value='{rating}']").check()
        parent.locator("button[type=submit]").click()
        parent.wait_for_url("**sent=1")
        screenshot(parent, f"evening-06-evaluation-{locale[:2]}")
        context.close()
    db.session.expire_all()
    answers = db.session.scalars(
        select(EvaluationAnswer).where(EvaluationAnswer.event_id == evening.id)
    )
    assert sorted((a.language, a.rating) for a in answers) == [("ar", 4), ("nl", 5)]
    assert db.session.get(Participant, staff.id).present
    door.context.close()
    watcher.context.close()
    assert not errors, errors
