"""Preparation tasks and templates: what a meeting starts from, and what is due when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .agenda import Block, DomainError, block_from_dict, block_to_dict, validate_blocks

TEMPLATE_FORMAT = "eventkit-agenda-template"
TEMPLATE_VERSION = 1


class TemplateError(DomainError):
    """A template file that cannot be used; the message says what is wrong."""


@dataclass(frozen=True)
class TaskTemplate:
    title: str
    description: str = ""
    days_before: int = 0


@dataclass(frozen=True)
class ThemeTemplate:
    title: str
    description: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgendaTemplate:
    name: str
    language: str
    description: str
    blocks: tuple[Block, ...]
    tasks: tuple[TaskTemplate, ...] = ()
    themes: tuple[ThemeTemplate, ...] = ()


def due_date(meeting: date, days_before: int) -> date:
    """A task due `days_before` days before the meeting (negative: after it, for aftercare);
    at the ends of the calendar the first or last day there is (no OverflowError)."""
    try:
        return meeting - timedelta(days=days_before)
    except OverflowError:
        return date.max if days_before < 0 else date.min


def is_overdue(due: date | None, done: bool, today: date) -> bool:
    return not done and due is not None and due < today


def parse_template(data: Any) -> AgendaTemplate:
    """Read a template from its JSON form, checking it thoroughly."""
    if not isinstance(data, Mapping) or data.get("format") != TEMPLATE_FORMAT:
        raise TemplateError("not_a_template", "this is not an eventkit agenda template")
    if data.get("version") != TEMPLATE_VERSION:
        version = data.get("version")
        raise TemplateError(
            "bad_version", f"template version {version!r} is not supported", version=version
        )
    try:
        blocks = tuple(
            block_from_dict(item, f"b{n}") for n, item in enumerate(data.get("blocks", []), 1)
        )
        tasks = tuple(
            TaskTemplate(str(t["title"]), str(t.get("description", "")), int(t["days_before"]))
            for t in data.get("tasks", [])
        )
        themes = tuple(
            ThemeTemplate(
                str(t["title"]),
                str(t.get("description", "")),
                tuple(str(q) for q in t.get("questions", [])),
            )
            for t in data.get("themes", [])
        )
        name = str(data["name"]).strip()
    except (KeyError, TypeError, ValueError) as error:
        raise TemplateError(
            "malformed", f"the template is incomplete or malformed ({error})", detail=str(error)
        ) from error
    problems = validate_blocks(blocks)
    if problems:
        raise TemplateError("invalid_blocks", "; ".join(map(str, problems)), problems=problems)
    if not name:
        raise TemplateError("no_name", "the template has no name")
    language = str(data.get("language", "nl"))
    return AgendaTemplate(name, language, str(data.get("description", "")), blocks, tasks, themes)


def template_to_dict(template: AgendaTemplate) -> dict[str, Any]:
    return {
        "format": TEMPLATE_FORMAT,
        "version": TEMPLATE_VERSION,
        "name": template.name,
        "language": template.language,
        "description": template.description,
        "blocks": [block_to_dict(block) for block in template.blocks],
        "tasks": [
            {"title": t.title, "description": t.description, "days_before": t.days_before}
            for t in template.tasks
        ],
        "themes": [
            {"title": t.title, "description": t.description, "questions": list(t.questions)}
            for t in template.themes
        ],
    }
