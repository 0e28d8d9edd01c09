"""The printed A5 page, read back the way a parent's phone reads it: Chromium prints it to
PDF, the page is A5, the QR code is at least 4 cm, and zbar decodes it to the form's link."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from eventkit.evaluation import services
from eventkit.models import Event, User
from tests.browser.fixtures import ARTIFACTS
from tests.conftest import PASSWORD
from tests.tools import missing

pytestmark = pytest.mark.browser

CM = 96 / 2.54  # CSS pixels in a centimetre


def test_the_a5_page_prints_a_readable_code(
    page: Any, live_server: str, evening: Event, coordinator: User, tmp_path: Path
) -> None:
    for tool in ("pdfinfo", "pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            missing(tool)
    page.goto(f"{live_server}/login")
    page.fill("#email", coordinator.email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server}/events/{evening.id}/evaluation/print")
    page.emulate_media(media="print")
    box = page.locator("svg.qr").bounding_box()
    assert box["width"] >= 4 * CM and box["height"] >= 4 * CM

    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "evaluation-a5.pdf"
    page.pdf(path=str(pdf_path), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "(A5)" in info
    render = ["pdftoppm", "-r", "150", "-png", str(pdf_path), str(tmp_path / "p")]
    subprocess.run(render, check=True)
    [image] = sorted(tmp_path.glob("p*.png"))
    shutil.copy(image, ARTIFACTS / "evaluation-a5.png")
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True
    ).stdout.split()
    assert decoded == [services.public_url(evening)]
