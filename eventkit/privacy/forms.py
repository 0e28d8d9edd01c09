from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import Length, ValidationError

from ..forms import SafeForm


class LegalHoldForm(SafeForm):
    hold = BooleanField(_l("Legal hold: do not delete this meeting's personal data"))
    reason = StringField(
        _l("Reason"),
        validators=[Length(max=200)],
        description=_l("For example: a complaint or a request from the inspectorate."),
    )

    def validate_reason(self, field: StringField) -> None:
        if self.hold.data and not (field.data or "").strip():
            raise ValidationError(_l("Say why the data must be kept."))


class ConfirmForm(SafeForm):
    """A POST with its CSRF token only (delete, new link)."""
