from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from ..domain.agenda import MAX_DURATION, MIN_DURATION
from ..forms import MultiCheckboxField, NumberRange, SafeForm, lines, options
from ..labels import FACTOR_LABELS, KIND_LABELS
from .services import BlockData, Reorder


class BlockForm(SafeForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of block"), choices=options(KIND_LABELS.items()))
    duration = IntegerField(
        _l("Duration (minutes)"),
        validators=[
            InputRequired(message=_l("Give the duration in whole minutes.")),
            NumberRange(
                MIN_DURATION,
                MAX_DURATION,
                message=_l(
                    "A block lasts from %(min)s to %(max)s minutes.",
                    min=MIN_DURATION,
                    max=MAX_DURATION,
                ),
            ),
        ],
    )
    who = StringField(_l("Who"), validators=[Length(max=200)])
    talking_points = TextAreaField(
        _l("Talking points / actions"), description=_l("One point per line.")
    )
    questions = TextAreaField(_l("Dialogue questions"), description=_l("One question per line."))
    remark = TextAreaField(_l("Remark"), validators=[Length(max=2000)])
    factors = MultiCheckboxField(
        _l("Success factors this block serves"),
        choices=options(FACTOR_LABELS.items()),
        coerce=int,
    )

    def to_data(self) -> BlockData:
        """The block; no duration when the view removed the field (a block with parts)."""
        return BlockData(
            title=self.title.data.strip(),
            kind=self.kind.data,
            duration=self.duration.data if "duration" in self else None,
            who=(self.who.data or "").strip(),
            talking_points=tuple(lines(self.talking_points.data)),
            questions=tuple(lines(self.questions.data)),
            remark=(self.remark.data or "").strip(),
            factors=tuple(sorted(self.factors.data or [])),
        )


class TemplateNameForm(SafeForm):
    name = StringField(_l("Name of the template"), validators=[DataRequired(), Length(max=200)])
    description = StringField(_l("Description"), validators=[Length(max=500)])


class TemplateFileForm(SafeForm):
    file = FileField(_l("Template file (.json)"), validators=[FileRequired()])


class MoveBlockForm(SafeForm):
    """One of a block's arrow buttons: up, down, indent or outdent (the service refuses
    any other action with a message)."""

    action = StringField()


class ReorderForm(SafeForm):
    """The drag-and-drop result (static/js): the keys of one level, comma-separated."""

    parent = StringField()
    order = StringField()

    def to_data(self) -> Reorder:
        keys = tuple(k for k in (self.order.data or "").split(",") if k)
        return Reorder(parent=self.parent.data or None, keys=keys)
