"""The note forms: entries (one field per kind), the presentation points, and the same
entry as JSON from the phone's script.

Labels are lazy so they come out in the staff language the page is in (nl or en).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Regexp

from ..models import NoteKind
from .services import CLIENT_KEY, MAX_AUTHOR, MAX_PRESENTATION, MAX_TEXT


def _too_long(limit: int) -> Any:
    return _l("Keep it under %(max)s characters; split a long story into several notes.", max=limit)


AUTHOR_LABEL = _l("Your name or initials (optional)")
KIND_LABELS = {
    NoteKind.GOES_WELL.value: _l("What goes well"),
    NoteKind.DIFFICULT.value: _l("What is difficult"),
    NoteKind.IDEA.value: _l("Ideas"),
    NoteKind.QUESTION.value: _l("Questions for the school"),
    NoteKind.ARENA.value: _l("Key points of the dialogue"),
}


def _text(kind: NoteKind) -> TextAreaField:
    return TextAreaField(
        KIND_LABELS[kind.value],
        validators=[Length(max=MAX_TEXT, message=_too_long(MAX_TEXT))],
    )


class EntryForm(FlaskForm):
    """Entries without JavaScript: each filled field of the page's kinds becomes an entry.

    `client_key` is made by the server for every form it renders, so sending the same
    form twice (a double tap, a retry after a timeout) stores it once.
    """

    author = StringField(AUTHOR_LABEL, validators=[Length(max=MAX_AUTHOR)])
    goes_well = _text(NoteKind.GOES_WELL)
    difficult = _text(NoteKind.DIFFICULT)
    idea = _text(NoteKind.IDEA)
    question = _text(NoteKind.QUESTION)
    arena = _text(NoteKind.ARENA)
    client_key = HiddenField()  # checked in the view; a missing or odd one gets a new key

    def __init__(self, kinds: Sequence[NoteKind], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = tuple(kinds)

    def fields_of_page(self) -> list[Any]:
        return [self[kind.value] for kind in self.kinds]

    def filled(self) -> list[tuple[str, str]]:
        """(kind, text) of every field with something in it, in the page's order."""
        return [(f.name, f.data.strip()) for f in self.fields_of_page() if (f.data or "").strip()]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.filled():
            self.fields_of_page()[0].errors.append(_l("Write something first."))
            return False
        return valid


class PresentationForm(FlaskForm):
    """The table's shared text, with the version it was based on (a stale save is refused)."""

    presentation = TextAreaField(
        _l("Points for the presentation"),
        description=_l("One text for the whole table: what will you tell everyone?"),
        validators=[Length(max=MAX_PRESENTATION, message=_too_long(MAX_PRESENTATION))],
    )
    version = IntegerField(validators=[InputRequired()], widget=HiddenField.widget)


class JsonEntryForm(FlaskForm):
    """One entry sent by the phone's script (CSRF comes in the X-CSRFToken header)."""

    class Meta:
        csrf = False  # CSRFProtect checks the header for the whole request

    kind = StringField(validators=[DataRequired()])
    text = StringField(
        validators=[
            DataRequired(message=_l("Write something first.")),
            Length(max=MAX_TEXT, message=_too_long(MAX_TEXT)),
        ]
    )
    author = StringField(validators=[Length(max=MAX_AUTHOR)])
    client_key = StringField(validators=[DataRequired(), Regexp(CLIENT_KEY.pattern)])

    def __init__(self, kinds: Sequence[NoteKind], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.validators = [
            DataRequired(),
            AnyOf([k.value for k in kinds], message=_l("This kind of note does not exist here.")),
        ]
