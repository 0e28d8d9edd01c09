from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import TextAreaField
from wtforms.validators import Length

from ..forms import SafeForm


class UploadForm(SafeForm):
    sheet = FileField(
        _l("The filled-in spreadsheet"),
        validators=[
            FileRequired(_l("Choose the spreadsheet.")),
            FileAllowed(["xlsx"], _l("Upload the Excel file (.xlsx) you downloaded here.")),
        ],
    )


class ClosingForm(SafeForm):
    closing = TextAreaField(
        _l("Closing words (Dutch)"),
        validators=[Length(max=2000)],
        description=_l("Under the invitation and the parents' mails, for example a greeting."),
    )
