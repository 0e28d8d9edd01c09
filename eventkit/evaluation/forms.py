"""The parents' evaluation form. Only the rating is needed; everything else is optional.

Labels are lazy, so they come out in the page's language. The team's own question has no
fixed label: the view gives it the question's text in the parent's language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..forms import options
from .services import MAX_TEXT, Reply
from .texts import COME_AGAIN_WORDS, RATING_WORDS

TOO_LONG = _l("Please write at most %(max)s characters.", max=MAX_TEXT)


class OptionalRadioField(RadioField):
    """Radio buttons that may stay empty; anything chosen must be one of the options."""

    def pre_validate(self, form: Any) -> None:
        if self.data:
            super().pre_validate(form)


class EvaluationForm(FlaskForm):
    rating = RadioField(
        _l("How was the evening?"),
        choices=options((str(n), word) for n, word in RATING_WORDS.items()),
        validators=[InputRequired(message=_l("Choose how the evening was for you."))],
        invalid_choice_message=_l("Choose one of the answers."),
    )
    good = TextAreaField(_l("What was good?"), validators=[Length(max=MAX_TEXT, message=TOO_LONG)])
    better = TextAreaField(
        _l("What could be better?"), validators=[Length(max=MAX_TEXT, message=TOO_LONG)]
    )
    come_again = OptionalRadioField(
        _l("Would you come to an evening like this again?"),
        choices=options(COME_AGAIN_WORDS.items()),
        invalid_choice_message=_l("Choose one of the answers."),
    )
    free_answer = TextAreaField(validators=[Length(max=MAX_TEXT, message=TOO_LONG)])

    def to_data(self) -> Reply:
        """The answer of a validated form (the rating is one of the options)."""
        return Reply(
            rating=int(self.rating.data),
            good=(self.good.data or "").strip(),
            better=(self.better.data or "").strip(),
            come_again=self.come_again.data or "",
            free_answer=(self.free_answer.data or "").strip(),
        )
