from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField
from wtforms.validators import InputRequired

from ..domain.live import MAX_STEP
from ..forms import NumberRange


def _minutes(label: str) -> IntegerField:
    return IntegerField(
        label,
        default=10,
        validators=[
            InputRequired(message=_l("Give the number of minutes.")),
            NumberRange(1, MAX_STEP, message=_l("Give 1 to %(max)s minutes.", max=MAX_STEP)),
        ],
    )


class LateForm(FlaskForm):
    """ "We are running N minutes late": the block running now takes N minutes longer."""

    minutes = _minutes(_l("Minutes late"))
    state = HiddenField()


class ShortenForm(FlaskForm):
    """Take minutes from a later block, so the blocks after it keep their time."""

    block = SelectField(_l("Block to shorten"), validate_choice=False)
    minutes = _minutes(_l("Minutes shorter"))
    overrun = BooleanField(_l("The block running now takes these minutes longer"), default=True)
    state = HiddenField()


class ResetForm(FlaskForm):
    """Back to the plan (only the CSRF token)."""
