"""The import journey in Chromium: upload, read the row errors, fix the mapping, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from eventkit.models import Event, User
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

from .conftest import MAGISTER_HEADERS, MAGISTER_ROWS, csv_bytes

pytestmark = pytest.mark.browser


def test_import_journey(
    page_factory: Any, live_server: str, coordinator: User, event: Event, tmp_path: Path
) -> None:
    page = page_factory(viewport={"width": 1100, "height": 900})
    page.goto(f"{live_server}/language/en")
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server}/events/{event.id}")
    page.get_by_role("link", name="Participants").click()
    page.get_by_role("link", name="Import from a file").click()

    rows = [list(r) for r in MAGISTER_ROWS]
    rows[1][5] = '=HYPERLINK("http://x","klik")'
    bad = tmp_path / "magister.csv"
    bad.write_bytes(
        csv_bytes([MAGISTER_HEADERS[0], "Telg", *MAGISTER_HEADERS[2:]], rows, blank_lines=[2])
    )
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "A required column is missing: the pupil's name"
    )
    screenshot(page, "participants-01-missing-column")
    assert axe_violations(page) == []

    page.get_by_label("Import Telg as").select_option("pupil_first_name")
    page.get_by_role("button", name="Check again").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Row 3: The column Naam ouder/verzorger holds a spreadsheet formula"
    )
    screenshot(page, "participants-02-row-errors")

    good = tmp_path / "magister-fixed.csv"
    good.write_bytes(csv_bytes(MAGISTER_HEADERS, MAGISTER_ROWS))
    page.get_by_role("link", name="Upload another file").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("status").last).to_contain_text("Ready to import 2 households (2 new)")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Imported: 6 new, 0 updated, 2 new households.")).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(4)  # header + three carers
    screenshot(page, "participants-03-list")
    assert axe_violations(page) == []

    page.get_by_role("combobox", name="Language").select_option("tr")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("row")).to_have_count(3)
    page.get_by_role("link", name="Edit Şükrü Yılmaz").click()
    expect(page.get_by_label("First name of the child").first).to_have_value("Zoë")
    screenshot(page, "participants-04-edit-parent")
    assert axe_violations(page) == []
