"""The parents' forms: the answer to a personal invitation, and the walk-in sign-up.

Labels are lazy, so they come out in the page's language (the household's or the one
chosen). The theme ranking is three plain selects: it works without JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.csrf.core import CSRF, CSRFTokenField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)
from wtforms.widgets import NumberInput

from ..forms import NumberRange, SafeForm, options
from ..invitations import texts
from ..models import Answer, School, Theme
from .services import MAX_RANKS, OTHER, Needs, Reply, SignUp

MAX_ADULTS = 6
PUBLIC_FORM_LIFETIME = 366 * 24 * 3600  # seconds: longer than any invitation is open
RANK_LABELS = (_l("1st choice"), _l("2nd choice"), _l("3rd choice"))


@lru_cache(maxsize=32)
def interpreter_languages(lang: str) -> tuple[tuple[str, str], ...]:
    """(code, name in `lang`) of the interpreters' languages: looked up in the locale data
    once per language, not on every parent's form (issue 13)."""
    return tuple((code, texts.language_name(code, lang)) for code in texts.INTERPRETER_LANGUAGES)


class NeedsForm(SafeForm):
    """What a household that comes brings along and needs."""

    class Meta:
        # A parent may open the form in the evening and answer days later. The token stays
        # tied to the browser session and the form itself closes at the deadline, so the
        # token must outlive any answering period (Flask-WTF's default is one hour; None
        # would mean that default again).
        csrf_time_limit = PUBLIC_FORM_LIFETIME

    adults = IntegerField(
        _l("How many adults are coming?"),
        default=1,
        widget=NumberInput(min=1, max=MAX_ADULTS),
        validators=[
            Optional(),
            NumberRange(
                min=1,
                max=MAX_ADULTS,
                message=_l("Give a number from 1 to %(max)s.", max=MAX_ADULTS),
            ),
        ],
    )
    pupil_comes = BooleanField(_l("My child comes too"))
    interpreter = BooleanField(_l("I would like an interpreter"))
    interpreter_language = SelectField(_l("Interpreter for which language?"), default="")
    interpreter_other = StringField(_l("Other language"), validators=[Length(max=40)])
    childcare = BooleanField(_l("I need childcare for younger children"))
    accessibility = TextAreaField(
        _l("Is there something we should arrange for you?"),
        description=_l("For example a wheelchair place, or a hearing loop."),
        validators=[Length(max=500)],
    )
    question = TextAreaField(
        _l("A question or topic you want to bring in"),
        description=_l("Optional. What would you like to talk about with the school?"),
        validators=[Length(max=1000)],
    )
    theme_1 = SelectField(RANK_LABELS[0], default="")
    theme_2 = SelectField(RANK_LABELS[1], default="")
    theme_3 = SelectField(RANK_LABELS[2], default="")

    def __init__(self, *args: Any, themes: Sequence[Theme] = (), lang: str = "nl", **kw: Any):
        super().__init__(*args, **kw)
        self.interpreter_language.choices = options(
            [("", _l("Choose a language"))]
            + list(interpreter_languages(lang))
            + [(OTHER, _l("Another language"))]
        )
        theme_choices = options(
            [("", _l("No preference"))] + [(str(t.id), texts.theme_title(t, lang)) for t in themes]
        )
        for field in self.theme_fields:
            field.choices = theme_choices
        self.has_themes = bool(themes)

    @property
    def theme_fields(self) -> list[SelectField]:
        return [getattr(self, f"theme_{rank}") for rank in range(1, MAX_RANKS + 1)]

    @property
    def coming(self) -> bool:
        return True

    def needs(self) -> Needs:
        """What the parent asks for, as the service takes it."""
        interpreter = bool(self.interpreter.data)
        language = self.interpreter_language.data or ""
        if language == OTHER:
            language = (self.interpreter_other.data or "").strip()[:40]
        return Needs(
            adults=self.adults.data or 1,
            pupil_comes=bool(self.pupil_comes.data),
            interpreter=interpreter,
            interpreter_language=language if interpreter else "",
            childcare=bool(self.childcare.data),
            accessibility=(self.accessibility.data or "").strip(),
            question=(self.question.data or "").strip(),
            themes=tuple(str(field.data or "") for field in self.theme_fields),
        )

    @property
    def refused(self) -> bool:
        """True when only the protection refused the form (expired or missing token, lost
        cookie): the typed answers are shown again with a fresh token."""
        return bool(self.meta.csrf and self.csrf_token.errors)

    def validate_interpreter_language(self, field: Field) -> None:
        if self.coming and self.interpreter.data and not field.data:
            raise ValidationError(_l("Choose the language the interpreter should speak."))

    def validate_interpreter_other(self, field: Field) -> None:
        wants_other = self.interpreter.data and self.interpreter_language.data == OTHER
        if self.coming and wants_other and not (field.data or "").strip():
            raise ValidationError(_l("Write down which language."))

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        seen: set[str] = set()
        for field in self.theme_fields:
            if field.data and field.data in seen:
                field.errors = [
                    *field.errors,
                    _l("You chose this theme already. Choose each theme once."),
                ]
                valid = False
            if field.data:
                seen.add(field.data)
        return valid


def answer_token(secret: str | bytes, household: str) -> str:
    """The CSRF token of a household's answer form: an HMAC of its link's token.

    The link is the parent's only credential, so a token bound to it protects the form as
    much as one bound to a browser session would (whoever can read the page knows the link
    already), and the parent's pages need no session cookie: nothing to lose when a phone
    drops cookies, and no session to sign on each of hundreds of answers (issue 13). The
    token does not expire; the form itself closes at the deadline."""
    key = secret.encode() if isinstance(secret, str) else secret
    message = b"eventkit.rsvp.answer\0" + household.encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


# WTForms' own words (translated in its catalogs); never shown to a parent: the page says
# in plain words that the answer has not been sent yet (rsvp/_refused.html).
REFUSAL = "Invalid CSRF Token."


class HouseholdCSRF(CSRF):
    """WTForms CSRF whose context is the household's link token (see answer_token)."""

    expected = ""  # this form's token, made in setup_form

    def setup_form(self, form: Any) -> list[tuple[str, Any]]:
        self.expected = answer_token(form.meta.csrf_secret, form.meta.csrf_context)
        fields: list[tuple[str, Any]] = super().setup_form(form)
        return fields

    def generate_csrf_token(self, csrf_token_field: CSRFTokenField) -> str:
        return self.expected

    def validate_csrf_token(self, form: Any, field: CSRFTokenField) -> None:
        if not valid_answer_token(field.data, self.expected):
            raise ValidationError(field.gettext(REFUSAL))


def page_token(household: str) -> str:
    """The answer form's CSRF token for a household's page; "" when CSRF protection is off
    (the tests' default)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return ""
    return answer_token(csrf_secret(), household)


def csrf_secret() -> str | bytes:
    """The key of the CSRF tokens, as Flask-WTF picks it."""
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY", current_app.secret_key)
    return secret if isinstance(secret, str | bytes) else str(secret)


def valid_answer_token(posted: object, expected: str) -> bool:
    return hmac.compare_digest(str(posted or "").encode(), expected.encode())


class RsvpForm(NeedsForm):
    """A household's answer; `household` is its link's token (the CSRF context)."""

    class Meta:
        csrf_class = HouseholdCSRF

    def __init__(self, *args: Any, household: str, **kw: Any):
        super().__init__(*args, meta={"csrf_context": household}, **kw)

    answer = RadioField(
        _l("Are you coming?"),
        choices=options(
            [
                (Answer.YES.value, _l("Yes, I am coming")),
                (Answer.NO.value, _l("No, I cannot come")),
                (Answer.MAYBE.value, _l("Maybe")),
            ]
        ),
        validators=[InputRequired(message=_l("Choose yes, no or maybe."))],
    )

    @property
    def coming(self) -> bool:
        return self.answer.data != Answer.NO.value

    def to_data(self) -> Reply:
        return Reply(Answer(self.answer.data), self.needs())


class WalkInForm(NeedsForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(message=_l("Write your name.")), Length(max=200)],
    )
    email = EmailField(
        _l("E-mail address"),
        description=_l("Optional: for a reminder before the meeting."),
        validators=[
            Optional(),
            Email(message=_l("This is not an e-mail address.")),
            Length(max=254),
        ],
    )
    child_name = StringField(_l("First name of your child"), validators=[Length(max=100)])
    class_name = StringField(
        _l("Class of your child"),
        description=_l("For example 2B."),
        validators=[Length(max=40)],
    )
    language = SelectField(_l("Your language"), default="nl")

    def __init__(self, *args: Any, lang: str = "nl", school: School | None = None, **kw: Any):
        super().__init__(*args, lang=lang, **kw)
        self.language.choices = options(texts.language_links(school))

    def to_data(self) -> SignUp:
        return SignUp(
            name=self.name.data or "",
            email=self.email.data or "",
            language=self.language.data or "",
            child_name=self.child_name.data or "",
            class_name=self.class_name.data or "",
            needs=self.needs(),
        )
