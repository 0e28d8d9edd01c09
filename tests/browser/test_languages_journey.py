"""The translation round in the browser: the team downloads the sheet, a volunteer fills in
the Persian column, the team uploads it, and Persian parents read their own language on the
printed invitation and the answer page; Tigrinya parents' page checked too."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from eventkit.extensions import db
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD
from tests.invitations.conftest import add_household
from tests.invitations.conftest import meeting as meeting  # the fixture

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}  # fmt: skip
TITLE_FA = "گفتگوی والدین: حضور در مدرسه"
GOAL_FA = "می‌خواهیم با شما درباره‌ی حضور بچه‌ها در مدرسه صحبت کنیم."
THEME_FA = "تکالیف خانه"


def _fill_persian(path: Path, theme_key: str) -> bytes:
    book = load_workbook(path)
    sheet = book.active
    head = [c.value for c in sheet[1]]
    values = {"title": TITLE_FA, "goal": GOAL_FA, theme_key: THEME_FA}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[head.index("fa")].value = values[row[0].value]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_translation_round_for_persian(
    app, page_factory, live_server, meeting, coordinator, tmp_path: Path
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    meeting.title = "Aanwezigheid 1. en verzuim"
    db.session.commit()
    persian = add_household(meeting, language="fa")
    tigrinya = add_household(meeting, language="ti")
    theme_key = f"theme.{meeting.themes[-1].id}.title"

    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Before the round: the Dutch title under a Persian heading, marked as Dutch.
    page.goto(f"{live_server}/events/{meeting.id}/invitations/print")
    letter = page.locator('article[lang="fa"]')
    assert letter.get_attribute("dir") == "rtl"
    assert letter.locator("h1").inner_text() == "دعوت‌نامه"
    assert letter.locator('bdi[lang="nl"]').first.inner_text() == meeting.title
    screenshot(page, "languages-01-persian-letter-before")

    page.goto(f"{live_server}/events/{meeting.id}/invitations")
    page.get_by_role(
        "link", name="Vertaalronde: alle teksten van de school in een spreadsheet"
    ).click()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het spreadsheet (.xlsx)").click()
    sheet = tmp_path / "sheet.xlsx"
    download.value.save_as(sheet)
    filled = tmp_path / "ingevuld.xlsx"
    filled.write_bytes(_fill_persian(sheet, theme_key))
    page.locator("#sheet-sheet").set_input_files(str(filled))
    page.get_by_role("button", name="Controleren en opslaan").click()
    expect(page.locator(".alert.success")).to_have_count(1)
    assert page.locator("#upload-problems").count() == 0
    screenshot(page, "languages-02-round-saved")

    page.goto(f"{live_server}/events/{meeting.id}/invitations/print")
    letter = page.locator('article[lang="fa"]')
    assert letter.locator("h1").inner_text() == TITLE_FA
    assert GOAL_FA in letter.inner_text() and THEME_FA in letter.inner_text()
    screenshot(page, "languages-03-persian-letter-after")

    phone = page_factory(**PHONE)
    phone.goto(f"{live_server}/i/{persian.token}")
    html = phone.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fa", "rtl")
    assert phone.locator("h1").inner_text() == TITLE_FA
    assert phone.get_by_text("بله، می‌آیم").is_visible()  # "Yes, I am coming"
    screenshot(phone, "languages-04-rsvp-persian")
    assert axe_violations(phone) == []

    phone.goto(f"{live_server}/i/{tigrinya.token}")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ti", "ltr")
    assert meeting.title in phone.locator("h1").inner_text()  # not translated: in Dutch
    assert phone.get_by_text("ብሆላንድኛ ጥራይ").first.is_visible()  # "only in Dutch"
    screenshot(phone, "languages-05-rsvp-tigrinya")
    assert axe_violations(phone) == []
