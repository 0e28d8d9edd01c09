"""The invitations page's forms: the school's own texts per language, and which
invitations were handed out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from wtforms import TextAreaField

from ..config import PARENT_LANGUAGES
from ..forms import FlagField, IdField, IdListField

GOAL_MAX = 5000  # characters kept of a goal text
GOAL_LANGUAGES = tuple(code for code in PARENT_LANGUAGES if code != "nl")  # Dutch: the goal


def _goal_text(value: Any) -> str:
    return value.strip()[:GOAL_MAX] if isinstance(value, str) else ""


class SchoolTextsForm(FlaskForm):
    """The goal in every parent language but Dutch, one textarea each (goal_<code>).

    Not a SafeForm, so the texts are kept as the page always kept them: right-to-left
    texts may need the direction marks that SafeForm strips."""

    def goals(self) -> dict[str, str]:
        """Language code -> text ("" removes a translation)."""
        return {code: self[f"goal_{code}"].data for code in GOAL_LANGUAGES}


for _code in GOAL_LANGUAGES:
    setattr(SchoolTextsForm, f"goal_{_code}", TextAreaField(filters=[_goal_text]))


@dataclass(frozen=True)
class HandedOut:
    """Which invitations were handed out: every one not yet marked (all), or the ticked."""

    all: bool
    household_ids: tuple[int, ...]
    page: int = 0  # the page of the household list the ticks were on (0: the first)


class HandedOutForm(FlaskForm):
    all = FlagField()
    household = IdListField()
    page = IdField()

    def to_data(self) -> HandedOut:
        return HandedOut(
            all=self.all.data, household_ids=tuple(self.household.data), page=self.page.data
        )
