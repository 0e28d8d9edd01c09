"""Accounts: creating users and checking sign-ins."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .. import throttle
from ..extensions import db
from ..models import Role, School, User
from ..throttle import Limit

MIN_PASSWORD_LENGTH = 10
# Failed sign-ins: strict per account (guessing one password), generous per address (the
# school's Wi-Fi behind NAT is one address for the whole staff room).
ACCOUNT_LIMIT = Limit(5, 15 * 60)
ADDRESS_LIMIT = Limit(20, 15 * 60)


class AccountError(ValueError):
    pass


class SignInThrottled(Exception):
    """Too many failed sign-ins for this account or from this address; `until` is UTC."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until


def find_user(email: str) -> User | None:
    query = select(User).where(func.lower(User.email) == email.strip().lower())
    return db.session.scalars(query).first()


@cache
def _dummy_hash() -> str:
    """A hash of a random password, made the same way as real ones."""
    return generate_password_hash(secrets.token_hex(16))


def _limits(email: str, address: str) -> tuple[tuple[str, str, Limit], ...]:
    return (
        ("login-account", email.strip().lower(), ACCOUNT_LIMIT),
        ("login-address", address, ADDRESS_LIMIT),
    )


def authenticate(email: str, password: str, address: str, now: datetime) -> User | None:
    """The user if the password is right; None if not; SignInThrottled after too many
    failures. An unknown address costs the same hash as a known one: the answer's timing
    must not tell which e-mail addresses have an account."""
    limits = _limits(email, address) if current_app.config.get("EVENTKIT_RATE_LIMITS") else ()
    for scope, value, limit in limits:
        count, until = throttle.peek(scope, value, limit, now)
        if count >= limit.count:
            raise SignInThrottled(until)
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
    elif user.check_password(password) and user.active:
        if limits:
            throttle.forget(*limits[0], now)
        return user
    for scope, value, limit in limits:
        throttle.hit(scope, value, limit, now)
    return None


def sign_out(user: User) -> None:
    """End this user's sessions everywhere: every cookie issued before stops working."""
    user.end_sessions()
    db.session.commit()


def default_school() -> School:
    """The school of a single-school installation, created on first use."""
    school = db.session.scalars(select(School).order_by(School.id)).first()
    if school is None:
        school = School(name="Mijn school")
        db.session.add(school)
        db.session.flush()
    return school


def create_user(
    email: str, name: str, role: str, password: str, school: School | None = None
) -> User:
    email = email.strip().lower()
    if role not in {r.value for r in Role}:
        raise AccountError(f"role must be one of: {', '.join(r.value for r in Role)}")
    if "@" not in email:
        raise AccountError("that is not an e-mail address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if find_user(email) is not None:
        raise AccountError(f"a user with e-mail {email} exists already")
    user = User(
        email=email, name=name.strip() or email, role=role, school=school or default_school()
    )
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
