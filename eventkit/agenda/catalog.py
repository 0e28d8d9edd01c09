"""Agenda templates: the built-in data files and a school's own saved ones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select

from ..domain.ids import parse_id
from ..domain.planning import AgendaTemplate, TemplateError, parse_template
from ..extensions import db
from ..models import SavedTemplate

BUILTIN = ("default", "short", "empty")


@dataclass(frozen=True)
class Choice:
    key: str
    name: str
    description: str


def builtin(name: str, language: str) -> AgendaTemplate:
    if name not in BUILTIN:
        raise TemplateError("unknown_template", f"no built-in template {name!r}", key=name)
    language = language if language in ("nl", "en") else "nl"
    folder = resources.files("eventkit.agenda") / "templates_data"
    text = (folder / f"{name}.{language}.json").read_text(encoding="utf-8")
    return parse_template(json.loads(text))


def choices(school_id: int, language: str) -> list[Choice]:
    found = [
        Choice(f"builtin:{name}", t.name, t.description)
        for name in BUILTIN
        for t in [builtin(name, language)]
    ]
    saved = db.session.scalars(
        select(SavedTemplate)
        .where(SavedTemplate.school_id == school_id)
        .order_by(SavedTemplate.name)
    )
    found += [Choice(f"school:{s.id}", s.name, s.data.get("description", "")) for s in saved]
    return found


def load(key: str, school_id: int, language: str) -> AgendaTemplate:
    kind, _, name = key.partition(":")
    if kind == "builtin":
        return builtin(name, language)
    if kind == "school" and parse_id(name):
        saved = db.session.get(SavedTemplate, parse_id(name))
        if saved is not None and saved.school_id == school_id:
            return parse_template(saved.data)
    raise TemplateError("unknown_template", f"no template {key!r}", key=key)
