from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired

from ..domain.ids import parse_id
from ..forms import NumberRange


class ReminderForm(FlaskForm):
    reminder_days = IntegerField(
        _l("Reminder, days before the meeting"),
        validators=[
            InputRequired(message=_l("Give a number of days.")),
            NumberRange(0, 60, message=_l("Give a number from 0 to 60.")),
        ],
        description=_l(
            "Parents who said yes or maybe get a reminder, parents who did not answer a gentle "
            "one. 0: no automatic reminders."
        ),
    )


class RetryForm(FlaskForm):
    """Queue failed mail again: one message (its id on the button) or, without one, all."""

    message_id = StringField()

    def to_data(self) -> int | None:
        """The message's id; None: all of them. Not a plausible id: 0, which no row has."""
        raw = self.message_id.data
        return None if raw is None or raw == "" else parse_id(raw)
