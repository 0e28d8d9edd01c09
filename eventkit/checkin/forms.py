from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from ..grouping.forms import WalkInForm


class DoorWalkInForm(WalkInForm):
    """The door's short form: the board's walk-in fields plus the child's class, which
    gives a parent their school year for mixing the tables."""

    class_name = SelectField(_l("Child's class"), default="")
