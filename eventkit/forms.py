"""Small helpers shared by the feature forms."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    Field,
    Form,
    PasswordField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
    validators,
)
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .domain.ids import parse_id
from .domain.text import control_characters, describe, strip_bidi

CONTROL_CHARACTER = _l(
    "This text holds an invisible control character (%(code)s). Type the text again without it."
)


def lines(text: str | Iterable[str] | None) -> list[str]:
    """The non-empty lines of a textarea (one talking point or question per line). A
    form not posted keeps its object's value, which is a list of lines already."""
    found = (text or "").splitlines() if isinstance(text, str | None) else text
    return [line.strip() for line in found if isinstance(line, str) and line.strip()]


def options(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


# Integers beyond this are refused before any comparison (the database's integers, and
# floats, end around here).
LARGEST = 2**53


class NumberRange(validators.NumberRange):
    """wtforms' NumberRange, safe for any integer typed: for a 400-digit number its
    `math.isnan()` raises OverflowError (a 500). Such a number is out of range: the field
    gets the validator's own message, already translated for parents' forms."""

    def __call__(self, form: Form, field: Field) -> None:
        data = field.data
        if not isinstance(data, int) or abs(data) <= LARGEST:
            super().__call__(form, field)
            return
        try:
            field.data = math.inf if data > 0 else -math.inf  # compares like the huge number
            super().__call__(form, field)
        finally:
            field.data = data
        # no upper (or lower) bound to fail: the number is still beyond any use
        raise ValidationError(self.message or field.gettext("Not a valid integer value."))


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (for example the success factors of a block)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def no_control_characters(form: Form, field: Field) -> None:
    if not isinstance(field.data, str):  # e.g. a list an object gave a field not posted
        return
    found = control_characters(field.data, multiline=isinstance(field, TextAreaField))
    if found:
        raise ValidationError(CONTROL_CHARACTER % {"code": describe(found[0])})


class SafeText:
    """Form Meta: every text field (not passwords) drops bidi controls and refuses control
    characters, with a message at the field (see eventkit.domain.text)."""

    def bind_field(self, form: Form, unbound_field: Any, options: dict[str, Any]) -> Field:
        field: Field = super().bind_field(form, unbound_field, options)  # type: ignore[misc]
        if isinstance(field, StringField) and not isinstance(field, PasswordField):
            field.filters = (*field.filters, _strip_bidi)
            field.validators = [*field.validators, no_control_characters]
        return field


def _strip_bidi(value: Any) -> Any:
    return strip_bidi(value) if isinstance(value, str) else value


class SafeForm(FlaskForm):
    """The base of the app's forms that take names, titles and other typed text."""

    class Meta(SafeText):
        pass


class SafeSubForm(Form):
    """The same for a sub-form inside a FieldList (no CSRF token of its own)."""

    class Meta(SafeText):
        pass


class IdField(Field):
    """A row id posted in a hidden field or a button's value: an int, 0 (which no row has)
    when it is missing or not a plausible id (see eventkit.domain.ids)."""

    data: int

    def process_data(self, value: Any) -> None:
        self.data = value if isinstance(value, int) else 0

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = parse_id(str(valuelist[0])) if valuelist else 0

    def _value(self) -> str:
        return str(self.data or "")


class IdListField(Field):
    """Ids posted under one name (ticked checkboxes): the plausible ones, in order."""

    data: list[int]

    def process_data(self, value: Any) -> None:
        self.data = [n for n in value if isinstance(n, int)] if isinstance(value, list) else []

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = [n for n in (parse_id(str(v)) for v in valuelist) if n]


class FlagField(Field):
    """A yes/no posted as "1" (anything else, or nothing, is no): the value of a button
    such as "check in" (1) or "undo" (0), where a checkbox's rules do not fit."""

    data: bool

    def process_data(self, value: Any) -> None:
        self.data = value is True

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = bool(valuelist) and valuelist[0] == "1"
