"""The team's form for its own evaluation question (labels are in the template)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from .services import MAX_QUESTION, QUESTION_LANGUAGES, Question

LENGTH = Length(max=MAX_QUESTION, message=_l("At most %(max)s characters.", max=MAX_QUESTION))


class QuestionForm(FlaskForm):
    question = StringField(validators=[LENGTH])

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        translated = any((field.data or "").strip() for field in self.translations)
        if translated and not (self.question.data or "").strip():
            self.question.errors = [*self.question.errors, _l("Write the question in Dutch too.")]
            valid = False
        return valid

    @property
    def translations(self) -> list[Any]:
        return [self[f"question_{code}"] for code in QUESTION_LANGUAGES]

    def to_data(self) -> Question:
        return Question(
            dutch=(self.question.data or "").strip(),
            translations={
                code: (self[f"question_{code}"].data or "").strip() for code in QUESTION_LANGUAGES
            },
        )


for _code in QUESTION_LANGUAGES:
    setattr(QuestionForm, f"question_{_code}", StringField(validators=[LENGTH]))
