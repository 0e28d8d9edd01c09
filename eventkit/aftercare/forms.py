"""Aftercare forms: note review, actions, updates, bulk status, texts, mails, unsubscribe."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..config import PARENT_LANGUAGES
from ..domain.languages import own_name
from ..forms import FlagField, MultiCheckboxField, NumberRange, options
from ..models import ActionStatus
from .services import ActionData

# Staff labels of the statuses (the parents' words are in eventkit.aftercare.words).
STATUS_CHOICES = [
    (ActionStatus.PLANNED.value, _l("Planned")),
    (ActionStatus.IN_PROGRESS.value, _l("In progress")),
    (ActionStatus.DONE.value, _l("Done")),
    (ActionStatus.NOT_ADOPTED.value, _l("Not adopted")),
]
OTHER_LANGUAGES = [code for code in PARENT_LANGUAGES if code != "nl"]


def _reason_needed(form: Any, field: Field) -> None:
    if form.status.data == ActionStatus.NOT_ADOPTED.value and not (field.data or "").strip():
        raise ValidationError(_l("Say why: parents read this reason on the page."))


class NoteReviewForm(FlaskForm):
    public_text = TextAreaField(
        _l("Text on the public page"),
        validators=[Length(max=5000)],
        description=_l("Fix typos and take out anything that points to a person."),
    )
    publish = BooleanField(_l("Show on the public page"))


class ActionForm(FlaskForm):
    title = StringField(_l("What the school will do"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Explanation"), validators=[Length(max=5000)])
    theme_id = SelectField(_l("Theme"), coerce=int, validators=[Optional()])
    owner_id = SelectField(_l("Owner (team member)"), coerce=int, validators=[Optional()])
    owner_label = StringField(
        _l("Or a named role"),
        validators=[Length(max=120)],
        description=_l("For example: the mentors of year 2. Shown on the public page."),
    )
    owner_public = BooleanField(_l("The owner agreed to be named on the public page"))
    target_date = DateField(_l("Target date"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=options(STATUS_CHOICES))
    progress = IntegerField(
        _l("Progress (%)"),
        validators=[Optional(), NumberRange(min=0, max=100)],
        description=_l("A new status sets 0, 50 or 100; you can change it."),
    )
    reason = TextAreaField(
        _l("Why not (shown publicly)"), validators=[Length(max=5000), _reason_needed]
    )
    note_ids = MultiCheckboxField(_l("It answers these notes"), coerce=int)

    def to_data(self) -> ActionData:
        notes = self.note_ids.data
        return ActionData(
            title=self.title.data.strip(),
            status=self.status.data,
            description=(self.description.data or "").strip(),
            reason=self.reason.data or "",
            progress=self.progress.data,
            target_date=self.target_date.data,
            theme_id=self.theme_id.data or None,
            owner_id=self.owner_id.data or None,
            owner_label=(self.owner_label.data or "").strip(),
            owner_public=bool(self.owner_public.data),
            note_ids=tuple(notes) if notes is not None else None,
        )


class UpdateForm(FlaskForm):
    day = DateField(_l("Date"), validators=[DataRequired(message=_l("Give a date."))])
    text = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=5000)])


class BulkForm(FlaskForm):
    action_ids = SelectMultipleField(_l("Actions"), coerce=int)
    status = SelectField(_l("New status"), choices=options(STATUS_CHOICES))
    reason = TextAreaField(
        _l("Why not (shown publicly)"), validators=[Length(max=5000), _reason_needed]
    )

    def validate_action_ids(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(_l("Tick at least one action."))


class MailForm(FlaskForm):
    include_invited = BooleanField(_l("Also every invited household, not only those present"))


class UnsubscribeForm(FlaskForm):
    """A POST with the CSRF token (a mail scanner opening the link must not unsubscribe
    anyone): wanted=1 subscribes again, anything else unsubscribes."""

    wanted = FlagField()


DUTCH_MAX = 5000  # characters kept of a Dutch text of the public page


def _dutch_text(value: Any) -> str:
    return value[:DUTCH_MAX] if isinstance(value, str) else ""


def dutch_texts(keys: dict[str, Any]) -> dict[str, str]:
    """The Dutch texts posted beside the translations (nl_<key>, rendered by the page
    itself): key -> text."""

    class DutchForm(FlaskForm):
        class Meta:
            csrf = False  # the translation form beside it carries the token

    for key in keys:
        setattr(DutchForm, f"nl_{key}", TextAreaField(filters=[_dutch_text]))
    form = DutchForm()
    return {key: form[f"nl_{key}"].data for key in keys}


def translation_form(keys: dict[str, Any], values: dict[str, dict[str, str]]) -> FlaskForm:
    """A form with one field per parent language and key ("tr_title", "ar_reason", ...)."""

    class TranslationForm(FlaskForm):
        pass

    for lang in OTHER_LANGUAGES:
        for key, label in keys.items():
            field = TextAreaField(
                f"{label} ({own_name(lang)})",
                validators=[Length(max=5000)],
                render_kw={"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"},
                default=(values.get(lang) or {}).get(key, ""),
            )
            setattr(TranslationForm, f"{lang}_{key}", field)
    return TranslationForm()


def translations_of(form: FlaskForm, keys: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {
        lang: {key: form[f"{lang}_{key}"].data or "" for key in keys} for lang in OTHER_LANGUAGES
    }
