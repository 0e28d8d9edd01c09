"""Every page an anonymous visitor can reach on the demo names nobody: the aftercare page
in all six languages, the walk-in sign-up, the unsubscribe page and the error pages."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from eventkit.aftercare import services
from eventkit.demo import DemoResult, load_demo
from eventkit.invitations import links
from eventkit.models import Event
from tests.aftercare.conftest import names_and_addresses

LANGUAGES = ("nl", "en", "tr", "ar", "pl", "uk")


def named(html: str, names: set[str], allowed: set[str]) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", html)
    return sorted(
        n for n in names - allowed
        if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I) or n in html
    )  # fmt: skip


@pytest.fixture
def demo(app: Flask) -> DemoResult:
    return load_demo()


def test_no_anonymous_page_of_the_demo_names_anyone(
    app: Flask, client: FlaskClient, demo: DemoResult
) -> None:
    held = demo.held
    assert held is not None
    names = names_and_addresses()
    # The owner who chose to be named on the aftercare page may appear there, and nowhere else.
    public_owners = public_owner_names(held)
    allowed = {n for n in names if any(n.lower() in owner.lower() for owner in public_owners)}
    assert public_owners and allowed
    household = held.households[0]
    secret = app.config["SECRET_KEY"]
    pages = [f"/n/{held.aftercare_token}?lang={lang}" for lang in LANGUAGES]
    pages += [f"/e/{links.walkin_code(demo.event, secret)}?lang={lang}" for lang in ("nl", "ar")]
    pages += [f"/i/{household.token}/unsubscribe", "/n/AAAAAAAAAAAAAAAAAAAA",
              "/i/AAAAAAAAAAAAAAAAAAAA", "/i/x/unsubscribe", "/no-such-page"]  # fmt: skip
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        # The school's contact person for parents is named on purpose (school settings) in
        # the privacy notice of the sign-up page.
        contact = {n for n in names if n.lower() in demo.school.contact_name.lower()}
        allow = allowed if path.startswith("/n/") else contact if path.startswith("/e/") else set()
        assert not named(response.text, names, allow), (path, named(response.text, names, allow))


def public_owner_names(event: Event) -> set[str]:
    return {
        a.owner.name for a in services.actions_of(event) if a.owner_public and a.owner is not None
    }
