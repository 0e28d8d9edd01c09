"""A new coordinator sets up the school in the browser and invites a colleague, who sets a
password from the mail a real SMTP server on loopback received, and signs in."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from PIL import Image
from playwright.sync_api import expect

from eventkit.models import User
from tests.browser.fixtures import axe_violations, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
COLLEAGUE_PASSWORD = "koffie om half acht"


def sign_in(page: Any, email: str, password: str) -> None:
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_set_up_the_school_and_invite_a_colleague(
    app: Flask, page_factory: Any, live_server: str, coordinator: User,
    deliver: Callable[[], list[EmailMessage]], tmp_path: Path,
) -> None:  # fmt: skip
    app.config["EVENTKIT_BASE_URL"] = live_server
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server}/login")
    sign_in(page, coordinator.email, PASSWORD)
    page.locator("header nav").first.get_by_role("link", name="School", exact=True).click()
    page.get_by_label("Naam van de school").fill("Het Baken")
    page.get_by_label("Adres", exact=True).fill("Schoolstraat 1\n3512 AB Utrecht")
    page.get_by_label("Contactpersoon voor ouders").fill("mevrouw Bakker")
    page.get_by_label("Telefoonnummer voor ouders").fill("030 123 45 67")
    page.get_by_label("Antwoordadres").fill("ouders@hetbaken.example")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text("De instellingen van de school zijn opgeslagen.")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 120), (29, 91, 121)).save(logo)
    page.get_by_label("Logo (PNG of JPEG)").set_input_files(str(logo))
    page.get_by_role("button", name="Uploaden").click()
    page.wait_for_load_state()  # the logo too
    assert page.locator("img.school-logo").evaluate("img => img.naturalWidth") == 400
    screenshot(page, "school-01-settings")
    assert axe_violations(page) == []

    page.locator("header nav").first.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("textbox", name="Naam", exact=True).fill("Sanne de Wit")
    page.get_by_label("E-mailadres").fill("sanne@hetbaken.example")
    page.get_by_label("Rol", exact=True).select_option("team")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator("body")).to_contain_text("Sanne de Wit is uitgenodigd")
    screenshot(page, "school-02-team")
    assert axe_violations(page) == []

    (mail,) = deliver()
    assert "Het Baken" in mail["Subject"]
    colleague = page_factory(viewport={"width": 360, "height": 740})
    colleague.goto(live_server + link_in_live(mail, live_server))
    colleague.get_by_label("Nieuw wachtwoord").fill(COLLEAGUE_PASSWORD)
    colleague.get_by_label("Nog een keer hetzelfde wachtwoord").fill(COLLEAGUE_PASSWORD)
    screenshot(colleague, "school-03-choose-password-phone")
    assert axe_violations(colleague) == []
    colleague.get_by_role("button", name="Wachtwoord opslaan").click()
    colleague.wait_for_url("**/login")
    sign_in(colleague, "sanne@hetbaken.example", COLLEAGUE_PASSWORD)
    colleague.wait_for_url("**/events/")
    assert "Sanne de Wit" in colleague.locator("header").inner_text()
    screenshot(colleague, "school-04-colleague-signed-in")


def link_in_live(mail: EmailMessage, base: str) -> str:
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    start = text.index(base) + len(base)
    return text[start:].split()[0]
