from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField

from ..forms import FlagField, SafeForm
from ..grouping.forms import WalkInForm
from .services import WalkIn


class DoorWalkInForm(WalkInForm):
    """The door's short form: the board's walk-in fields plus the child's class, which
    gives a parent their school year for mixing the tables."""

    class_name = SelectField(_l("Child's class"), default="")

    def to_data(self) -> WalkIn:
        arrival = super().to_data()
        return WalkIn(
            first_name=arrival.first_name,
            last_name=arrival.last_name,
            role=arrival.role,
            language=arrival.language,
            can_facilitate=arrival.can_facilitate,
            class_name=self.class_name.data or "",
        )


class PresenceForm(SafeForm):
    """Check in (present=1) or undo (present=0): never a toggle, so a retried request
    changes nothing. `back` (a household's token), `q`, `all`, `letter` and `page` say
    where to return."""

    present = FlagField()
    back = StringField()
    q = StringField()
    all = StringField()
    letter = StringField()
    page = StringField()
