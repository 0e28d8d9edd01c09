"""Which language a page is in, and the helpers templates need for it."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from flask import Flask, g, session
from flask_babel import get_locale
from flask_login import current_user

from . import labels
from .config import LANGUAGES
from .domain.languages import direction, own_name


def select_locale() -> str:
    parent = g.get("parent_locale")  # set by the public parent pages (eventkit.rsvp)
    if parent:
        return str(parent)
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return str(current_user.locale)
    return "nl"


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_context() -> dict[str, Any]:
        code = str(get_locale() or "nl")
        return {
            "lang_code": code,
            "text_direction": direction(code),
            "ui_languages": [(c, own_name(c)) for c in LANGUAGES],
            "labels": labels,
        }

    @app.template_filter("hm")
    def hours_minutes(value: datetime | time | None) -> str:
        return value.strftime("%H:%M") if value else ""
