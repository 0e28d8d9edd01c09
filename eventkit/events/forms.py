from __future__ import annotations

import datetime as dt
from datetime import date, time, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..clock import school_today
from ..config import LANGUAGES
from ..domain.languages import own_name
from ..forms import FlagField, SafeForm, lines, options
from ..labels import STATUS_LABELS
from ..models import Status
from .services import EventData, TaskData, ThemeData

RUNSHEET_LANGUAGES = [(code, own_name(code)) for code in LANGUAGES]
# A date further ahead is a typing error (9999-12-31), and breaks date arithmetic.
YEARS_AHEAD = 5
TOO_FAR = _l("Choose a date within five years from now.")


def within_reach(day: date | None, today: date) -> None:
    """Refuse a date more than YEARS_AHEAD years from today."""
    if day is not None and day > today + timedelta(days=365 * YEARS_AHEAD + 1):
        raise ValidationError(TOO_FAR)


class EventForm(SafeForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    goal = TextAreaField(_l("Goal and the school's vision"), validators=[Length(max=5000)])
    date = DateField(_l("Date"), validators=[DataRequired(message=_l("Give a date."))])
    start_time = TimeField(
        _l("Start time"), validators=[DataRequired(message=_l("Give a time such as 19:00."))]
    )
    planned_end = TimeField(_l("Planned end"), validators=[Optional()])
    ends_after_midnight = BooleanField(_l("The meeting ends after midnight"))
    location = StringField(_l("Location"), validators=[Length(max=200)])
    room = StringField(_l("Room"), validators=[Length(max=120)])
    target_group = StringField(
        _l("Target group"),
        validators=[Length(max=200)],
        description=_l("For example: parents of year 2"),
    )
    rsvp_deadline = DateField(_l("Answer before"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=options(STATUS_LABELS.items()))
    language = SelectField(_l("Language of the run-sheet"), choices=options(RUNSHEET_LANGUAGES))

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._today = today or school_today()
        stored = kwargs.get("obj")
        if stored is not None and not self.is_submitted():
            self.ends_after_midnight.data = _past_midnight(stored.start_time, stored.planned_end)

    def validate_date(self, field: DateField) -> None:
        within_reach(field.data, self._today)
        # A meeting still being planned cannot lie in the past; a held one can.
        planning = self.status.data in (Status.CONCEPT.value, Status.INVITED.value)
        if field.data and planning and field.data < self._today:
            raise ValidationError(_l("This date has passed. Choose a date from today on."))

    def validate_rsvp_deadline(self, field: DateField) -> None:
        if field.data and self.date.data and field.data > self.date.data:
            raise ValidationError(_l("The answer deadline must be on or before the meeting date."))

    def validate_planned_end(self, field: TimeField) -> None:
        """An end before the start is only taken as 'the next morning' when the team says
        so: 19:00 typed for 21:00 must not become an evening of 23½ hours."""
        start, end = self.start_time.data, field.data
        if not (start and end):
            return
        if end == start:
            raise ValidationError(_l("The planned end cannot be the start time."))
        if end < start and not self.ends_after_midnight.data:
            raise ValidationError(
                _l("The planned end is before the start. Check the time, or tick "
                   "“The meeting ends after midnight”.")
            )  # fmt: skip
        if end > start and self.ends_after_midnight.data:
            raise ValidationError(
                _l("This end is on the same day as the start: untick "
                   "“The meeting ends after midnight”, or give an end after midnight.")
            )  # fmt: skip

    def to_data(self) -> EventData:
        return EventData(
            title=self.title.data.strip(),
            date=self.date.data,
            start_time=self.start_time.data,
            goal=self.goal.data or "",
            planned_end=self.planned_end.data,
            location=(self.location.data or "").strip(),
            room=(self.room.data or "").strip(),
            target_group=(self.target_group.data or "").strip(),
            rsvp_deadline=self.rsvp_deadline.data,
            status=self.status.data,
            language=self.language.data,
        )


def _past_midnight(start: time | None, end: time | None) -> bool:
    return bool(start and end and end < start)


class NewEventForm(EventForm):
    template = SelectField(_l("Start from"), validators=[DataRequired()])


class CopyEventForm(SafeForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Date"), validators=[DataRequired(message=_l("Give a date."))])

    def validate_date(self, field: DateField) -> None:
        within_reach(field.data, school_today())
        if field.data and field.data < school_today():
            raise ValidationError(_l("This date has passed. Choose a date from today on."))


class ThemeForm(SafeForm):
    title = StringField(_l("Theme"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    questions = TextAreaField(
        _l("Guiding questions"),
        validators=[Length(max=5000)],
        description=_l("One question per line."),
    )

    def to_data(self) -> ThemeData:
        return ThemeData(
            title=self.title.data.strip(),
            description=self.description.data or "",
            questions=tuple(lines(self.questions.data)),
        )


class TaskForm(SafeForm):
    title = StringField(_l("Task"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    due_date = DateField(_l("Due date"), validators=[DataRequired(message=_l("Give a date."))])
    owner_id = SelectField(_l("Owner"), coerce=int, validators=[Optional()])

    def validate_due_date(self, field: DateField) -> None:
        within_reach(field.data, school_today())

    def to_data(self) -> TaskData:
        return TaskData(
            title=self.title.data.strip(),
            description=self.description.data or "",
            due_date=self.due_date.data,
            owner_id=self.owner_id.data or None,
        )


class TaskDoneForm(SafeForm):
    """A task's tick box as a button: done=1 ticks it, done=0 unticks (never a toggle);
    back=show returns to the meeting's page instead of the task list."""

    done = FlagField()
    back = StringField()
