from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired


class BaseDocumentForm(FlaskForm):
    file = FileField(
        _l("Word document (.docx or .dotx)"),
        validators=[
            FileRequired(_l("Choose a Word document.")),
            FileAllowed(["docx", "dotx"], _l("Only Word documents (.docx or .dotx) can be used.")),
        ],
        description=_l(
            "Your letterhead: its logo, headers, footers, fonts and heading styles are kept; "
            "its text is replaced by the export."
        ),
    )
