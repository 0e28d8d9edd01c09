from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from ..domain.languages import own_names
from ..domain.people import FIELDS, Kind, class_list
from ..forms import SafeForm, SafeSubForm, options
from .labels import KIND_LABELS
from .services import ParentData, StaffData

MAX_UPLOAD = 5 * 1024 * 1024
CHILD_ROWS = 1  # empty child rows shown below the existing children


class UploadForm(SafeForm):
    file = FileField(
        _l("File"),
        validators=[FileRequired(message=_l("Choose a file."))],
        description=_l("A CSV or Excel (.xlsx) export from Magister, Somtoday or ParnasSys."),
    )
    kind = SelectField(
        _l("Who is in the file"),
        choices=options([("auto", _l("Recognise from the columns"))] + list(KIND_LABELS.items())),
    )


def language_choices() -> list[tuple[str, str]]:
    return list(own_names().items())


class _PersonForm(SafeForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[Length(max=150)])
    email = EmailField(
        _l("E-mail"), validators=[Optional(), Email(check_deliverability=False), Length(max=254)]
    )
    phone = StringField(_l("Phone"), validators=[Length(max=40)])


class ChildForm(SafeSubForm):
    pupil_id = HiddenField()
    first_name = StringField(_l("First name of the child"), validators=[Length(max=100)])
    last_name = StringField(_l("Last name of the child"), validators=[Length(max=150)])
    class_name = StringField(_l("Class"), validators=[Length(max=40)])
    year = StringField(_l("School year"), validators=[Length(max=20)])


class ParentForm(_PersonForm):
    language = SelectField(_l("Language for the invitation"), choices=options(language_choices()))
    children = FieldList(FormField(ChildForm), label=_l("Children"))

    def to_data(self) -> ParentData:
        return ParentData(
            first_name=self.first_name.data or "",
            last_name=self.last_name.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            language=self.language.data or "",
        )


class StaffForm(_PersonForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    function = StringField(
        _l("Function"),
        validators=[Length(max=80)],
        description=_l("For example mentor, team leader, parent consultant."),
    )
    can_facilitate = BooleanField(_l("Can lead a theme table (facilitator)"))
    mentor_of = StringField(
        _l("Mentor of classes"),
        validators=[Length(max=400)],
        description=_l("Separate classes with commas, for example 2A, 2B."),
    )

    def to_data(self) -> StaffData:
        return StaffData(
            first_name=self.first_name.data or "",
            last_name=self.last_name.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            function=self.function.data or "",
            can_facilitate=bool(self.can_facilitate.data),
            mentor_of=tuple(class_list(self.mentor_of.data or "")),
        )


@dataclass(frozen=True)
class ImportChoice:
    """The import preview's choices. kind None: recognise it from the columns; mapping
    None: suggest the columns afresh (nothing posted yet, or another kind chosen)."""

    importing: bool  # the Import button, not "check again"
    kind: Kind | None
    mapping: tuple[str, ...] | None


class MappingForm(FlaskForm):
    """The preview's form: who is in the file, a field per column (col_0, col_1, ...; see
    `mapping_form`) and which button. Unknown values fall back to "recognise" / "skip"."""

    action = StringField()
    kind = StringField()
    shown_kind = StringField()
    columns = 0

    def to_data(self) -> ImportChoice:
        importing = self.action.data == "import"
        kind = Kind(self.kind.data) if self.kind.data in {k.value for k in Kind} else None
        if kind is None or self.shown_kind.data != kind.value:
            return ImportChoice(importing, kind, None)
        allowed = set(FIELDS[kind]) | {""}
        chosen = (self[f"col_{i}"].data or "" for i in range(self.columns))
        return ImportChoice(importing, kind, tuple(c if c in allowed else "" for c in chosen))


def mapping_form(columns: int) -> MappingForm:
    """The preview's form for a sheet of that many columns."""

    class Mapping(MappingForm):
        pass

    Mapping.columns = columns
    for i in range(columns):
        setattr(Mapping, f"col_{i}", StringField())
    return Mapping()
