from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from ..forms import FlagField, IdField, NumberRange, SafeForm, options
from ..models import PersonRole
from .services import Arrival, Rules

SIZE = [NumberRange(1, 40, message=_l("A table seats 1 to 40 people."))]


class _Sizes(SafeForm):
    min_size = IntegerField(_l("At least"), validators=[InputRequired(), *SIZE], default=4)
    max_size = IntegerField(_l("At most"), validators=[InputRequired(), *SIZE], default=10)

    def validate_max_size(self, field: IntegerField) -> None:
        if self.min_size.data and field.data is not None and field.data < self.min_size.data:
            raise ValidationError(_l("At most cannot be less than at least."))


class NewTablesForm(_Sizes):
    count = IntegerField(
        _l("Number of tables"),
        validators=[InputRequired(), NumberRange(1, 200, message=_l("Add 1 to 200 tables."))],
        default=4,
    )


class TableForm(_Sizes):
    theme_id = SelectField(_l("Theme"), coerce=int)


class SettingsForm(SafeForm):
    households_together = SelectField(
        _l("Households"),
        choices=options([("1", _l("together at one table")), ("0", _l("at different tables"))]),
    )
    mentor_apart = BooleanField(_l("Keep parents away from the table of their child's mentor"))

    def to_data(self) -> Rules:
        return Rules(
            households_together=self.households_together.data == "1",
            mentor_apart=bool(self.mentor_apart.data),
        )


class WalkInForm(SafeForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[Length(max=150)])
    role = SelectField(
        _l("Role"),
        choices=options(
            [
                (PersonRole.PARENT, _l("Parent")),
                (PersonRole.STAFF, _l("Staff")),
                (PersonRole.STUDENT, _l("Pupil")),
            ]
        ),
    )
    language = SelectField(_l("Home language"))
    can_facilitate = BooleanField(_l("Can lead a table"))

    def to_data(self) -> Arrival:
        role = PersonRole(self.role.data)
        return Arrival(
            first_name=self.first_name.data.strip(),
            last_name=(self.last_name.data or "").strip(),
            role=role,
            language=self.language.data,
            can_facilitate=bool(self.can_facilitate.data) and role == PersonRole.STAFF,
        )


class MoveForm(SafeForm):
    """One person to another table: the choice of tables is listed once, on its own page."""

    table_id = SelectField(
        _l("Table"),
        coerce=int,
        validators=[DataRequired(message=_l("Choose a table to move to."))],
    )


class BoardMoveForm(SafeForm):
    """A move from the board (its own select beside a person; ids as posted)."""

    participant_id = IdField()
    table_id = IdField()


class PinForm(SafeForm):
    """Pin (1) or unpin (0) a seated person from the board."""

    participant_id = IdField()
    pinned = FlagField()
