"""The school's settings, and the small answers other features ask of them.

Mail code asks `sender_name(school)` and `reply_to(school)`; letters ask `contact(school)`;
parent pages may ask `offered_languages(school)`. Writes leave the commit to the caller's
request, except where noted.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from email.utils import formataddr
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from ..config import PARENT_LANGUAGES
from ..extensions import db
from ..models import Role, School, User

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


def save_settings(school: School, fields: Mapping[str, Any]) -> None:
    for name in FIELDS:
        value = fields[name]
        setattr(school, name, value.strip() if isinstance(value, str) else value)
    chosen = {"nl", *fields["parent_languages"]}  # Dutch is always there: the fallback
    wanted = [code for code in PARENT_LANGUAGES if code in chosen]
    school.parent_languages = wanted if set(wanted) != set(PARENT_LANGUAGES) else []
    db.session.commit()


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
    db.session.commit()


def logo_size(image: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a stored logo (checked when it was stored)."""
    with Image.open(io.BytesIO(image)) as probe:
        return probe.size


def remove_logo(school: School) -> None:
    school.logo, school.logo_mimetype = None, ""
    db.session.commit()


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
