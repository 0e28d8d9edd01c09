"""Small helpers shared by the feature forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms import SelectChoice, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a textarea (one talking point or question per line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (for example the success factors of a block)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
