"""Accounts: creating users and checking sign-ins."""

from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import Role, School, User

MIN_PASSWORD_LENGTH = 10


class AccountError(ValueError):
    pass


def find_user(email: str) -> User | None:
    query = select(User).where(func.lower(User.email) == email.strip().lower())
    return db.session.scalars(query).first()


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


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
