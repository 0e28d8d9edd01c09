"""Security headers on every response: a Content-Security-Policy without inline code,
nosniff, no framing, a referrer policy, and no caching of anything but static files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from eventkit.models import Event, User
from tests.invitations.conftest import add_household

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def is_mail(template: str) -> bool:
    """The HTML part of a mail is read in mail programs, which drop <style>: inline styles
    belong there (mail/letter.html, and mail bodies named mail_*.html or _mail*.html)."""
    name = template.rsplit("/", 1)[-1]
    return template == "mail/letter.html" or name.startswith(("mail_", "_mail"))


def assert_protected(response, cached: bool = False) -> None:
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    if not cached:
        assert "no-store" in headers["Cache-Control"]


def test_anonymous_pages(client: FlaskClient) -> None:
    assert_protected(client.get("/login"))
    assert_protected(client.get("/no/such/page"))


def test_signed_in_pages_are_never_stored(
    signed_in: FlaskClient, make_event, coordinator: User
) -> None:
    event: Event = make_event()
    for url in ("/", f"/events/{event.id}", f"/events/{event.id}/participants",
                f"/events/{event.id}/agenda", f"/events/{event.id}/mail"):  # fmt: skip
        response = signed_in.get(url, follow_redirects=True)
        assert response.status_code == 200, url
        assert_protected(response)


def test_parent_pages(client: FlaskClient, make_event) -> None:
    household = add_household(make_event())
    response = client.get(f"/i/{household.token}")
    assert_protected(response)
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_static_files_may_be_cached(client: FlaskClient) -> None:
    response = client.get("/static/css/eventkit.css")
    assert_protected(response, cached=True)
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> block"),
    (re.compile(r"\sstyle=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on… event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


@pytest.mark.parametrize(
    "template",
    sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")),
)
def test_no_template_has_inline_code_the_policy_would_block(template: str) -> None:
    if is_mail(template):
        return
    text = (TEMPLATES / template).read_text()
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{template} has {', '.join(found)}"
