"""Two parents answer the evaluation on their phones at the closing: one in Dutch, one in
Arabic (right to left). Both answers arrive; axe-core finds nothing serious on the form."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select

from eventkit import clock
from eventkit.extensions import db
from eventkit.models import EvaluationAnswer, Event
from tests.browser.fixtures import axe_violations, screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}  # fmt: skip


def fits_the_screen(page: Any) -> bool:
    return bool(
        page.evaluate(
            """() => document.documentElement.scrollWidth <= window.innerWidth &&
            [...document.querySelectorAll('body *')].every(e => {
                const box = e.getBoundingClientRect();
                return box.width === 0 || (box.left >= -1 && box.right <= window.innerWidth + 1);
            })"""
        )
    )


def test_two_phones_answer_in_two_languages(
    app: Flask, page_factory: Any, live_server: str, make_event: Any
) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    event: Event = make_event(date=clock.school_today(), status="invited")
    event.evaluation_question = "Wat neemt u mee naar huis?"
    event.evaluation_question_translations = {"ar": "ماذا تأخذون معكم إلى البيت؟"}
    db.session.commit()
    url = f"{live_server}/f/{event.evaluation_token}"

    dutch = page_factory(**PHONE, locale="nl-NL")
    arabic = page_factory(**PHONE, locale="ar")
    dutch.goto(url)
    arabic.goto(url, wait_until="load")
    for page, lang, direction in ((dutch, "nl", "ltr"), (arabic, "ar", "rtl")):
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (lang, direction)
        assert fits_the_screen(page)
        screenshot(page, f"evaluation-{lang}-01-form")
        assert axe_violations(page) == []

    # Sent without a rating: a message at the field, and the typed text stays.
    dutch.locator("#good").fill("De gesprekken aan tafel")
    dutch.locator("button[type=submit]").click()
    expect(dutch.locator("#rating-error")).to_be_visible()
    assert dutch.locator("#good").input_value() == "De gesprekken aan tafel"
    screenshot(dutch, "evaluation-nl-02-error")
    assert axe_violations(dutch) == []

    dutch.locator("input[name=rating][value='5']").check()
    dutch.locator("input[name=come_again][value=yes]").check()
    dutch.locator("button[type=submit]").click()
    dutch.wait_for_url("**sent=1")
    assert dutch.locator(".alert.success").is_visible()

    arabic.locator("input[name=rating][value='3']").check()
    arabic.locator("#better").fill("وقت أطول للأسئلة")
    arabic.locator("#free_answer").fill("أفكار جديدة")
    arabic.locator("input[name=come_again][value=maybe]").check()
    screenshot(arabic, "evaluation-ar-02-filled")
    arabic.locator("button[type=submit]").click()
    arabic.wait_for_url("**sent=1")
    assert arabic.locator("html").get_attribute("dir") == "rtl"
    assert arabic.locator(".alert.success").is_visible()
    screenshot(arabic, "evaluation-ar-03-thanks")
    screenshot(dutch, "evaluation-nl-03-thanks")

    db.session.expire_all()
    rows = db.session.scalars(select(EvaluationAnswer).where(EvaluationAnswer.event_id == event.id))
    found = sorted((a.language, a.rating, a.come_again, a.free_answer) for a in rows)
    assert found == [("ar", 3, "maybe", "أفكار جديدة"), ("nl", 5, "yes", "")]
