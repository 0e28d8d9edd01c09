from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..auth.services import MIN_PASSWORD_LENGTH
from ..config import LANGUAGES
from ..domain.languages import own_name
from ..forms import options
from ..labels import ROLE_LABELS


def role_choices() -> list[SelectChoice]:
    return options((code, str(label)) for code, label in ROLE_LABELS.items())


def language_choices() -> list[SelectChoice]:
    return options((code, own_name(code)) for code in LANGUAGES)


class InviteForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(_l("Give an e-mail address.")),
            Email(message=_l("That is not an e-mail address."), granular_message=False),
            Length(max=254),
        ],
    )
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give a name.")), Length(max=200)])
    role = SelectField(_l("Role"), choices=role_choices, default="team")
    language = SelectField(_l("Language of the mail"), choices=language_choices, default="nl")


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=role_choices)


class PasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("At least %(num)s characters.", num=MIN_PASSWORD_LENGTH),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
        description=_l(
            "At least %(num)s characters; a short sentence is easy to remember.",
            num=MIN_PASSWORD_LENGTH,
        ),
    )
    confirm = PasswordField(
        _l("The same password again"),
        validators=[EqualTo("password", message=_l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )


class ForgotForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(_l("Give an e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
