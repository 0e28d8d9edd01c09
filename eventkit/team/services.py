"""Team members: invitations, roles, deactivation, and one-time password links.

A link is an itsdangerous token, signed with a salt of its own per purpose, carrying the
user's id and a fingerprint of the current password hash. Setting a password changes the
hash, so every earlier link stops working: a link works once, and a newer invitation or
reset replaces older ones. Invitations expire after 72 hours, reset links after one hour.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from ..auth.services import MIN_PASSWORD_LENGTH, find_user
from ..config import LANGUAGES
from ..extensions import db
from ..labels import ROLE_LABELS
from ..mail import outbox
from ..models import OutboxMessage, Role, School, User
from ..school.services import sender_name
from ..uow import transactional

INVITE, RESET = "invite", "reset"
SALTS = {INVITE: "eventkit.team.invite", RESET: "eventkit.team.reset"}
MAX_AGE = {INVITE: 72 * 3600, RESET: 3600}
ROLES = tuple(r.value for r in Role)


class TeamError(ValueError):
    """A change the team page refuses; `code` names the reason (the view words it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def members(school: School) -> list[User]:
    query = select(User).where(User.school_id == school.id)
    return list(db.session.scalars(query.order_by(User.active.desc(), User.name)))


def find_member_by_address(school: School, address: str) -> User | None:
    user = find_user(address)
    return user if user is not None and user.school_id == school.id else None


def member(school: School, user_id: int) -> User | None:
    user = db.session.get(User, user_id)
    return user if user is not None and user.school_id == school.id else None


# --- one-time links ------------------------------------------------------------------------


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALTS[purpose])


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def make_token(user: User, purpose: str) -> str:
    return str(_serializer(purpose).dumps({"u": user.id, "f": _fingerprint(user)}))


def user_for_token(token: str, purpose: str) -> User | None:
    """The user a link is for, if it is genuine, not expired and not used (else None)."""
    try:
        data = _serializer(purpose).loads(token, max_age=MAX_AGE[purpose])
    except BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or not user.active or data.get("f") != _fingerprint(user):
        return None
    return user


def link(user: User, purpose: str) -> str:
    endpoint = "team.welcome" if purpose == INVITE else "team.reset"
    path = url_for(endpoint, token=make_token(user, purpose))
    return str(current_app.config["EVENTKIT_BASE_URL"]) + path


@transactional
def set_password(user: User, password: str) -> None:
    """Choose a password from a link; the link (and every older one) stops working."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TeamError("short_password")
    user.set_password(password)
    user.invited_at = None


# --- invitations and changes ---------------------------------------------------------------


@transactional
def invite(
    school: School, inviter: User, email: str, name: str, role: str, language: str,
    now: datetime,
) -> User:  # fmt: skip
    """Add a colleague without a password and queue the mail with the link to choose one."""
    email = email.strip().lower()
    if role not in ROLES:
        raise TeamError("role")
    if find_user(email) is not None:
        raise TeamError("exists")
    user = User(email=email, name=name.strip() or email, role=role, school=school)
    user.locale = language if language in LANGUAGES else None
    user.set_password(secrets.token_urlsafe(32))  # nobody knows it: only the link opens
    user.invited_at = now
    db.session.add(user)
    db.session.flush()
    _queue(user, INVITE, inviter=inviter)
    return user


@transactional
def invite_again(user: User, inviter: User, now: datetime) -> None:
    """A fresh link for a colleague who has not chosen a password (the old link stops)."""
    if user.invited_at is None:
        raise TeamError("not_invited")
    user.set_password(secrets.token_urlsafe(32))
    user.invited_at = now
    _queue(user, INVITE, inviter=inviter)


@transactional
def request_reset(email: str) -> bool:
    """Queue a reset mail if an active account has this address. The caller answers the
    same either way, so the page tells nobody which addresses exist."""
    user = find_user(email)
    if user is None or not user.active:
        return False
    _queue(user, RESET)
    return True


@transactional
def change_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise TeamError("role")
    if user.is_coordinator and role != Role.COORDINATOR.value and _last_coordinator(user):
        raise TeamError("last_coordinator")
    user.role = Role(role)


@transactional
def deactivate(user: User, acting: User) -> None:
    """A deactivated user cannot sign in; their tasks and history stay."""
    if user.id == acting.id:
        raise TeamError("self")
    if user.is_coordinator and _last_coordinator(user):
        raise TeamError("last_coordinator")
    user.active = False


@transactional
def activate(user: User) -> None:
    user.active = True


def _last_coordinator(user: User) -> bool:
    query = select(User.id).where(
        User.school_id == user.school_id,
        User.role == Role.COORDINATOR.value,
        User.active,
        User.id != user.id,
    )
    return db.session.scalar(query.limit(1)) is None


# --- the mails -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamMail:
    subject: str
    text: str
    html: str


def compose(user: User, purpose: str, inviter: User | None = None) -> TeamMail:
    """The invitation or reset mail in the user's language (nl by default, or en)."""
    school = user.school
    with force_locale(user.locale if user.locale in LANGUAGES else "nl"):
        values = {
            "user": user,
            "school": sender_name(school),
            "inviter": inviter.name if inviter else "",
            "role": str(ROLE_LABELS.get(user.role, user.role)).lower(),
            "link": link(user, purpose),
        }
        if purpose == INVITE:
            subject = _("Your place in the team of %(school)s", school=values["school"])
        else:
            subject = _("Choose a new password for eventkit")
        text = render_template(f"team/mail_{purpose}.txt", **values)
        html = render_template(f"team/mail_{purpose}.html", subject=subject, **values)
    return TeamMail(subject, text, html)


def _queue(user: User, purpose: str, inviter: User | None = None) -> None:
    mail = compose(user, purpose, inviter)
    outbox.enqueue(
        kind=f"team-{purpose}",
        dedupe_key=f"team-{purpose}:{user.id}:{secrets.token_hex(8)}",
        to_address=user.email,
        to_name=user.name,
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
    )


def pending_invitations(school: School) -> list[tuple[User, int]]:
    """Invited colleagues without a password and the outbox id of their latest invitation,
    so the coordinator can pass the link on while no mail server is set up."""
    found = []
    for user in members(school):
        if user.invited_at is None:
            continue
        query = select(OutboxMessage.id).where(
            OutboxMessage.dedupe_key.like(f"team-{INVITE}:{user.id}:%")
        )
        latest = db.session.scalar(query.order_by(OutboxMessage.id.desc()).limit(1))
        if latest is not None:
            found.append((user, latest))
    return found
