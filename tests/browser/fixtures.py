"""Chromium through Playwright against the app served from a thread on loopback.

A pytest plugin (loaded by tests/conftest.py) so every test folder shares one browser:
Playwright's sync API allows only one running instance per thread."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.tools import missing

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    missing("Chromium")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


class ConsoleErrors(list[str]):
    pass


@pytest.fixture
def page_factory(browser: Any, live_server: str) -> Iterator[Any]:
    """New pages that fail the test on any console error.

    Their contexts close before the live server stops (hence the fixture it asks for): a
    server shut down under an open page resets the page's late requests (the favicon, asked
    for after the load), which Chromium logs as an error."""
    contexts: list[Any] = []
    errors = ConsoleErrors()

    def new_page(**context_options: Any) -> Any:
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page

    yield new_page
    for context in contexts:
        context.close()
    assert not errors, f"console errors: {errors}"


@pytest.fixture
def page(page_factory: Any) -> Any:
    return page_factory(viewport={"width": 1280, "height": 900})


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_load_state()  # a click waits for the next page to commit, not to load
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Any, serious_only: bool = True) -> list[dict[str, Any]]:
    """WCAG 2.1 A/AA violations that axe-core finds on the current page."""
    if not AXE.exists():
        missing("axe-core (npm ci in tests/js)")
    # Evaluated through the DevTools protocol: a <script> tag with the code inline would be
    # blocked by the app's Content-Security-Policy (script-src 'self').
    page.wait_for_load_state()  # the whole page, not the part parsed when a click returned
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    found = result["violations"]
    if serious_only:
        found = [v for v in found if v["impact"] in ("serious", "critical")]
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in found]  # fmt: skip
