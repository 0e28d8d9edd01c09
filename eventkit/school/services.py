"""The school's settings, and the small answers other features ask of them.

Mail code asks `sender_name(school)` and `reply_to(school)`; letters ask `contact(school)`;
parent pages may ask `offered_languages(school)`. Each write is one unit of work
(eventkit.uow).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from email.utils import formataddr

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from ..config import PARENT_LANGUAGES
from ..extensions import db
from ..models import Role, School, User
from ..uow import transactional

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
LOGO_MAX_SIDE = 800  # kept at most this wide/high: enough for a letterhead at 300 dpi
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
FIELDS = (
    "name", "address", "contact_name", "contact_phone", "mail_sender_name", "reply_to",
    "retention_days", "fallback_language",
)  # fmt: skip


class LogoError(ValueError):
    """The upload is not a usable logo; `code` says why (see views for the message)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Settings:
    """The school's settings as its form has them (texts stripped)."""

    name: str
    address: str
    contact_name: str
    contact_phone: str
    mail_sender_name: str
    reply_to: str
    retention_days: int
    fallback_language: str
    parent_languages: tuple[str, ...]


@transactional
def save_settings(school: School, settings: Settings) -> None:
    for name in FIELDS:
        setattr(school, name, getattr(settings, name))
    chosen = {"nl", *settings.parent_languages}  # Dutch is always there: the fallback
    wanted = [code for code in PARENT_LANGUAGES if code in chosen]
    school.parent_languages = wanted if set(wanted) != set(PARENT_LANGUAGES) else []


@transactional
def store_logo(school: School, raw: bytes) -> None:
    """Check the upload with Pillow and keep a cleaned, size-limited copy.

    Re-encoding drops anything that is not the picture (metadata, trailing bytes)."""
    if len(raw) > LOGO_MAX_BYTES:
        raise LogoError("too_large")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            kind = probe.format or ""
            width, height = probe.size
            if kind not in LOGO_FORMATS:
                raise LogoError("format")
            if width * height > LOGO_MAX_PIXELS:
                raise LogoError("too_large")
            probe.load()
            image = probe.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise LogoError("format") from error
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format=kind)
    school.logo, school.logo_mimetype = out.getvalue(), LOGO_FORMATS[kind]


def logo_size(image: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a stored logo (checked when it was stored)."""
    with Image.open(io.BytesIO(image)) as probe:
        return probe.size


@transactional
def remove_logo(school: School) -> None:
    school.logo, school.logo_mimetype = None, ""


def coordinators(school: School) -> list[User]:
    query = select(User).where(
        User.school_id == school.id, User.role == Role.COORDINATOR.value, User.active
    )
    return list(db.session.scalars(query.order_by(User.id)))


def reply_to(school: School) -> str:
    """Where a parent's answer to a mail goes, as a Reply-To value: the school's reply-to
    address, or by default the first active coordinator ("" when there is neither)."""
    if school.reply_to:
        return school.reply_to
    coordinator = school.coordinator
    return formataddr((coordinator.name, coordinator.email)) if coordinator else ""


def sender_name(school: School) -> str:
    """The display name of the mail sender: the one set for mail, else the school's name."""
    return school.mail_sender_name or school.name


def contact(school: School) -> tuple[str, str]:
    """(person, phone) that parents can call; ("", "") when no phone number is set."""
    if not school.contact_phone:
        return "", ""
    return school.contact_name, school.contact_phone


def offered_languages(school: School) -> tuple[str, ...]:
    """The parent languages the school offers (all of PARENT_LANGUAGES unless narrowed)."""
    chosen = set(school.parent_languages or ())
    return tuple(c for c in PARENT_LANGUAGES if c in chosen) or PARENT_LANGUAGES
