"""Database models (SQLAlchemy 2, typed). Behaviour lives in services and the domain core."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Role(enum.StrEnum):
    COORDINATOR = "coordinator"
    TEAM = "team"
    FACILITATOR = "facilitator"


class Status(enum.StrEnum):
    CONCEPT = "concept"
    INVITED = "invited"
    HELD = "held"
    AFTERCARE = "aftercare"
    CLOSED = "closed"


class School(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="school")
    events: Mapped[list[Event]] = relationship(back_populates="school")
    # The school's own Word document (letterhead, logo, styles) that printed exports start from.
    docx_template: Mapped[bytes | None] = mapped_column(db.LargeBinary, default=None)
    docx_template_name: Mapped[str] = mapped_column(String(200), default="", server_default="")


class User(UserMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default=Role.TEAM.value)
    locale: Mapped[str | None] = mapped_column(String(8), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    school: Mapped[School] = relationship(back_populates="users")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.COORDINATOR.value, Role.TEAM.value)

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR.value


class Event(db.Model):  # type: ignore[name-defined,misc]
    """A parent dialogue meeting."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[date]
    start_time: Mapped[time]
    planned_end: Mapped[time | None]
    location: Mapped[str] = mapped_column(String(200), default="")
    room: Mapped[str] = mapped_column(String(120), default="")
    target_group: Mapped[str] = mapped_column(String(200), default="")
    rsvp_deadline: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=Status.CONCEPT.value)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    school: Mapped[School] = relationship(back_populates="events")
    blocks: Mapped[list[AgendaBlock]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="AgendaBlock.position",
        foreign_keys="AgendaBlock.event_id",
    )
    themes: Mapped[list[Theme]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Theme.position"
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Task.position"
    )


class Theme(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)

    event: Mapped[Event] = relationship(back_populates="themes")


class AgendaBlock(db.Model):  # type: ignore[name-defined,misc]
    """A block of the evening, or a part of one (parent_id set)."""

    __tablename__ = "agenda_blocks"
    # Deleting a block lets the database cascade to its parts, so the ORM may find
    # fewer rows left to delete than it loaded; that is expected, not an error.
    __mapper_args__ = {"confirm_deleted_rows": False}
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_blocks.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    duration: Mapped[int] = mapped_column(default=0)
    who: Mapped[str] = mapped_column(String(200), default="")
    talking_points: Mapped[list[str]] = mapped_column(JSON, default=list)
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    remark: Mapped[str] = mapped_column(Text, default="")
    factors: Mapped[list[int]] = mapped_column(JSON, default=list)

    event: Mapped[Event] = relationship(back_populates="blocks", foreign_keys=[event_id])


class Task(db.Model):  # type: ignore[name-defined,misc]
    """A preparation (or aftercare) task of the action team."""

    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    days_before: Mapped[int] = mapped_column(default=0)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    done: Mapped[bool] = mapped_column(default=False)
    done_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(back_populates="tasks")
    owner: Mapped[User | None] = relationship()


class SavedTemplate(db.Model):  # type: ignore[name-defined,misc]
    """A school's own agenda template (the JSON of eventkit.domain.planning)."""

    __tablename__ = "saved_templates"
    __table_args__ = (UniqueConstraint("school_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="nl")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
