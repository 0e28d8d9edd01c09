from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import EmailField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    Regexp,
)

from ..config import PARENT_LANGUAGES
from ..domain.languages import own_name
from ..forms import MultiCheckboxField, NumberRange, options
from .services import Settings


class SchoolForm(FlaskForm):
    name = StringField(
        _l("Name of the school"),
        validators=[DataRequired(_l("Give the school's name.")), Length(max=200)],
        description=_l("On every letter, as mail sender and as calendar organizer."),
    )
    address = TextAreaField(_l("Address"), validators=[Length(max=500)])
    contact_name = StringField(
        _l("Contact person for parents"),
        validators=[Length(max=200)],
        description=_l("Printed on every invitation, with the phone number below."),
    )
    contact_phone = StringField(
        _l("Phone number for parents"),
        validators=[
            Length(max=40),
            Regexp(
                r"^[0-9+()\- ]*$",
                message=_l("Use digits, spaces, +, - and brackets only."),
            ),
        ],
        description=_l("Parents without a smartphone call this number to answer."),
    )
    mail_sender_name = StringField(
        _l("Mail sender name"),
        validators=[Length(max=200)],
        description=_l("The name parents see as sender. Empty: the school's name."),
    )
    reply_to = EmailField(
        _l("Reply-to address"),
        validators=[
            Optional(),
            Email(message=_l("That is not an e-mail address."), granular_message=False),
            Length(max=254),
        ],
        description=_l("Where answers to the school's mail arrive. Empty: the coordinator."),
    )
    parent_languages = MultiCheckboxField(
        _l("Languages offered to parents"),
        choices=options((code, own_name(code)) for code in PARENT_LANGUAGES),
        description=_l("Dutch is always offered."),
    )
    fallback_language = RadioField(
        _l("For a family whose language is not offered"),
        choices=options(
            [("en", _l("English (most parents new to Dutch read it)")), ("nl", _l("Dutch"))]
        ),
        default="en",
        description=_l("The participants page shows which families get it; you can change it."),
    )
    retention_days = IntegerField(
        _l("Keep families' data for (days after the meeting)"),
        validators=[
            InputRequired(_l("Give a number of days.")),
            NumberRange(30, 3650, message=_l("Give a number from 30 to 3650.")),
        ],
    )

    def to_data(self) -> Settings:
        def text(value: str | None) -> str:
            return (value or "").strip()

        return Settings(
            name=text(self.name.data),
            address=text(self.address.data),
            contact_name=text(self.contact_name.data),
            contact_phone=text(self.contact_phone.data),
            mail_sender_name=text(self.mail_sender_name.data),
            reply_to=text(self.reply_to.data),
            retention_days=self.retention_days.data,
            fallback_language=self.fallback_language.data,
            parent_languages=tuple(self.parent_languages.data or ()),
        )


class LogoForm(FlaskForm):
    logo = FileField(
        _l("Logo (PNG or JPEG)"),
        validators=[
            FileRequired(_l("Choose a picture.")),
            FileAllowed(["png", "jpg", "jpeg"], _l("Only PNG or JPEG pictures can be used.")),
        ],
        description=_l("At most 2 MB; shown at the top of printed invitations."),
    )
