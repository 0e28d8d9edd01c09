"""Database models (SQLAlchemy 2, typed). Behaviour lives in services and the domain core."""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from datetime import UTC, date, datetime, time
from typing import Any, Protocol

from flask_login import UserMixin
from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint, false, true
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_household_code() -> str:
    """A household's personal code: typed from paper when the QR code fails (see codes)."""
    from .domain.codes import new_code

    return new_code()


def new_uid() -> str:
    return secrets.token_hex(16)


def new_token() -> str:
    """An unguessable, URL-safe household token: 96 random bits in 16 characters."""
    return secrets.token_urlsafe(12)


class Role(enum.StrEnum):
    # The school administrator of a board installation: a coordinator who also keeps the
    # school's accounts (several schools in one installation, `eventkit schools create`).
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    TEAM = "team"
    FACILITATOR = "facilitator"


class Status(enum.StrEnum):
    CONCEPT = "concept"
    INVITED = "invited"
    HELD = "held"
    AFTERCARE = "aftercare"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class PersonRole(enum.StrEnum):
    """Roles at the tables (grouping rule 6 keeps their shares proportional)."""

    PARENT = "parent"
    STAFF = "staff"
    STUDENT = "student"


class Answer(enum.StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class GroupingStatus(enum.StrEnum):
    """How the last "make groups" ended (NONE: never made; CHANGED: walk-ins since)."""

    NONE = ""
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INVALID = "invalid"
    INFEASIBLE = "infeasible"
    CHANGED = "changed"


class OutboxStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DROPPED = "dropped"


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


def _values(kind: type[enum.StrEnum]) -> list[str]:
    return [member.value for member in kind]


def words(kind: type[enum.StrEnum], length: int) -> Enum:
    """A column holding one of `kind`'s values as the plain word in a VARCHAR(`length`): no
    database enum type and no CHECK constraint, so SQLite and PostgreSQL store the same and
    the stored words are the ones they always were. Reads give the enum member."""
    return Enum(kind, native_enum=False, create_constraint=False, length=length,
                values_callable=_values, validate_strings=True)  # fmt: skip


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
    # Set in the browser by the coordinator (eventkit/school): what parents and mail see.
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    logo: Mapped[bytes | None] = mapped_column(db.LargeBinary, default=None)
    logo_mimetype: Mapped[str] = mapped_column(String(20), default="", server_default="")
    mail_sender_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reply_to: Mapped[str] = mapped_column(String(254), default="", server_default="")
    # The parent languages the school offers (codes of PARENT_LANGUAGES); empty: all of them.
    parent_languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # The language for a household whose own language is not offered: "en" or "nl".
    fallback_language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    retention_days: Mapped[int] = mapped_column(default=365, server_default="365")

    @property
    def coordinator(self) -> User | None:
        """The person mail replies and calendar answers go to: the first active coordinator."""
        found = [u for u in self.users if u.active and u.role == Role.COORDINATOR]
        return min(found, key=lambda u: u.id, default=None)


class User(UserMixin, db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(words(Role, 20), default=Role.TEAM)
    locale: Mapped[str | None] = mapped_column(String(8), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the id in every session and remember-me cookie: raising it (sign-out, a new
    # password) makes every cookie issued before worthless, on every device.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Invited from the team page and no password chosen yet (the invitation link is open).
    invited_at: Mapped[datetime | None]

    school: Mapped[School] = relationship(back_populates="users")

    def set_password(self, password: str) -> None:
        """A new password also ends every session signed in with the old one."""
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def end_sessions(self) -> None:
        self.session_version = (self.session_version or 0) + 1

    def get_id(self) -> str:  # Flask-Login keeps this in the session and remember cookie
        return f"{self.id}:{self.session_version or 0}"

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.COORDINATOR, Role.TEAM)

    @property
    def is_coordinator(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.ADMIN)

    @property
    def is_school_admin(self) -> bool:
        return self.role == Role.ADMIN


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
    rsvp_deadline: Mapped[dt.date | None]  # `date` is the column above here
    status: Mapped[Status] = mapped_column(words(Status, 20), default=Status.CONCEPT)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    # Calendar identity: a random uid that never changes, a sequence raised on every
    # change of time or place (RFC 5546), so calendars update instead of duplicating.
    uid: Mapped[str] = mapped_column(String(40), unique=True, default=new_uid)
    ics_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    reminder_days: Mapped[int] = mapped_column(default=3, server_default="3")
    households_together: Mapped[bool] = mapped_column(default=True, server_default=true())
    mentor_apart: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The last "make groups": its status and the solver's lower bound, so the board can
    # say "best possible" or how far from it a (manually changed) plan is.
    grouping_status: Mapped[GroupingStatus] = mapped_column(
        words(GroupingStatus, 12), default=GroupingStatus.NONE, server_default=""
    )
    grouping_bound: Mapped[int | None]
    # The school's own texts in parents' languages: code -> {"title": …, "goal": …,
    # "closing": …}; Dutch is `title`, `goal` and `closing` (eventkit.domain.school_texts).
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    # The school's closing words under the invitation and the parents' mails (Dutch).
    closing: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The evening: the arena summary's link, the evaluation's link and its own question.
    arena_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    evaluation_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    evaluation_question: Mapped[str] = mapped_column(Text, default="", server_default="")
    evaluation_question_translations: Mapped[dict[str, str]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    # Aftercare: the public "you said, we did" page and the school's texts on it
    # (code -> {"intro": …, "next_steps": …}); Dutch under "nl".
    aftercare_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    aftercare_published_at: Mapped[datetime | None]
    aftercare_changed_at: Mapped[datetime | None]
    aftercare_texts: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    aftercare_reminders: Mapped[int] = mapped_column(default=0, server_default="0")
    last_update_mail_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Privacy (AVG): when the meeting was closed (the retention period counts from it), a
    # legal hold that pauses the automatic deletion, and, once the people are deleted, when
    # that happened and the anonymous numbers kept for the report (eventkit/privacy).
    closed_at: Mapped[datetime | None]
    legal_hold: Mapped[bool] = mapped_column(default=False, server_default=false())
    legal_hold_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    erased_at: Mapped[datetime | None]
    kept_numbers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")

    school: Mapped[School] = relationship(back_populates="events")

    def text_in(self, key: str, language: str) -> tuple[str, str]:
        """The school's text `key` (title, goal, closing) for parents in `language`, else the
        Dutch one: (text, its language)."""
        own = (self.translations or {}).get(language, {}).get(key, "").strip()
        return (own, language) if own else (str(getattr(self, key) or ""), "nl")

    def goal_in(self, language: str) -> tuple[str, str]:
        return self.text_in("goal", language)

    def title_in(self, language: str) -> tuple[str, str]:
        return self.text_in("title", language)

    blocks: Mapped[list[AgendaBlock]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(AgendaBlock.position, AgendaBlock.id)",
        foreign_keys="AgendaBlock.event_id",
    )
    themes: Mapped[list[Theme]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Theme.position"
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Task.position"
    )
    households: Mapped[list[Household]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    tables: Mapped[list[EventTable]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EventTable.number",
    )


class Theme(db.Model):  # type: ignore[name-defined,misc]
    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    # In parents' languages: code -> {"title": …, "description": …, "question.0": …}.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )

    event: Mapped[Event] = relationship(back_populates="themes")

    def text_in(self, key: str, language: str) -> tuple[str, str]:
        """A theme's text (title, description, question.N) in `language`, else in Dutch."""
        own = (self.translations or {}).get(language, {}).get(key, "").strip()
        if own:
            return own, language
        if key.startswith("question."):
            number = int(key.partition(".")[2])
            return (self.questions[number] if number < len(self.questions) else ""), "nl"
        return str(getattr(self, key) or ""), "nl"


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
    # On the evening: minutes this block ran over (+) or was shortened by (-); the planned
    # duration stays as it was, so the report can set the plan beside what happened.
    live_delta: Mapped[int] = mapped_column(default=0, server_default="0")

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


# --- people ------------------------------------------------------------------------------


class Household(db.Model):  # type: ignore[name-defined,misc]
    """The carers of one or more pupils: they get one invitation and answer it once."""

    __tablename__ = "households"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_household_code)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    invited_at: Mapped[datetime | None]
    # When the team last replaced the personal link (the old one is dead from then on).
    token_reissued_at: Mapped[datetime | None]
    # Aftercare update mails go to households that did not opt out (a link in every mail).
    wants_updates: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="households")
    carers: Mapped[list[Participant]] = relationship(back_populates="household")
    pupils: Mapped[list[Pupil]] = relationship(
        back_populates="household", cascade="all, delete-orphan", passive_deletes=True
    )
    response: Mapped[Response | None] = relationship(
        back_populates="household", cascade="all, delete-orphan", passive_deletes=True
    )


class Pupil(db.Model):  # type: ignore[name-defined,misc]
    """A child whose carers are invited; gives a parent their school year and class."""

    __tablename__ = "pupils"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str] = mapped_column(String(40), default="")
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(150), default="")
    class_name: Mapped[str] = mapped_column(String(40), default="")
    year: Mapped[str] = mapped_column(String(20), default="")

    household: Mapped[Household] = relationship(back_populates="pupils")


class _PersonColumns(Protocol):
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def can_facilitate(self) -> bool: ...


class NamedPerson:
    """A participant's `name` and `leads_table`, said once for the model and for the plain
    rows read of one (dataclasses with first_name, last_name, role and can_facilitate)."""

    @property
    def name(self: _PersonColumns) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def leads_table(self: _PersonColumns) -> bool:
        """Can lead a table (a facilitator for the grouping rules): staff who said they can."""
        return self.role == PersonRole.STAFF and self.can_facilitate


class Participant(db.Model, NamedPerson):  # type: ignore[name-defined,misc]
    """A person of the evening: a carer (parent), a staff member or a pupil (student)."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[PersonRole] = mapped_column(words(PersonRole, 10), default=PersonRole.PARENT)
    external_id: Mapped[str] = mapped_column(String(40), default="")
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(150), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(8), default="nl")
    # Staff only: their function, whether they can lead a table, the classes they mentor.
    function: Mapped[str] = mapped_column(String(80), default="")
    can_facilitate: Mapped[bool] = mapped_column(default=False)
    mentor_of: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The evening itself: checked in at the door, or came without an invitation.
    present: Mapped[bool] = mapped_column(default=False)
    checked_in_at: Mapped[datetime | None]
    walk_in: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="participants")
    household: Mapped[Household | None] = relationship(back_populates="carers")
    seat: Mapped[Seat | None] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )


class Response(db.Model):  # type: ignore[name-defined,misc]
    """A household's answer to its invitation (changeable until the deadline)."""

    __tablename__ = "responses"
    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), unique=True
    )
    answer: Mapped[Answer] = mapped_column(words(Answer, 8))
    adults: Mapped[int] = mapped_column(default=1)
    pupil_comes: Mapped[bool] = mapped_column(default=False)
    interpreter: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str] = mapped_column(String(40), default="")
    childcare: Mapped[bool] = mapped_column(default=False)
    accessibility: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[list[int]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    household: Mapped[Household] = relationship(back_populates="response")


# --- table groups ------------------------------------------------------------------------


class EventTable(db.Model):  # type: ignore[name-defined,misc]
    """A theme table of the evening."""

    __tablename__ = "event_tables"
    __table_args__ = (UniqueConstraint("event_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    min_size: Mapped[int] = mapped_column(default=4)
    max_size: Mapped[int] = mapped_column(default=10)
    note_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    # The table's shared "points for the presentation": one text with a version, so a stale
    # save is refused instead of silently overwriting what someone else wrote.
    presentation: Mapped[str] = mapped_column(Text, default="", server_default="")
    presentation_version: Mapped[int] = mapped_column(default=0, server_default="0")

    event: Mapped[Event] = relationship(back_populates="tables")
    theme: Mapped[Theme | None] = relationship()
    seats: Mapped[list[Seat]] = relationship(
        back_populates="table", cascade="all, delete-orphan", passive_deletes=True
    )


class Seat(db.Model):  # type: ignore[name-defined,misc]
    """A person at a table; pinned seats are kept when groups are made again."""

    __tablename__ = "seats"
    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(
        ForeignKey("event_tables.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    pinned: Mapped[bool] = mapped_column(default=False)

    table: Mapped[EventTable] = relationship(back_populates="seats")
    participant: Mapped[Participant] = relationship(back_populates="seat")


# --- background work ---------------------------------------------------------------------


class OutboxMessage(db.Model):  # type: ignore[name-defined,misc]
    """A mail waiting to go out; the worker (`eventkit outbox run`) sends it."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    # Unique per logical message, so queueing the same thing twice adds nothing.
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    to_address: Mapped[str] = mapped_column(String(254))
    to_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    ics: Mapped[str] = mapped_column(Text, default="")
    ics_method: Mapped[str] = mapped_column(String(10), default="")
    status: Mapped[OutboxStatus] = mapped_column(
        words(OutboxStatus, 10), default=OutboxStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # While `sending`: which worker holds it, and until when. A worker that dies leaves
    # the claim behind; once lease_until has passed another worker may take it over.
    claimed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class Job(db.Model):  # type: ignore[name-defined,misc]
    """Long work (hundreds of invitations, grouping) done in the background, with progress."""

    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[JobStatus] = mapped_column(words(JobStatus, 10), default=JobStatus.QUEUED)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    result_name: Mapped[str] = mapped_column(String(200), default="")
    result_mimetype: Mapped[str] = mapped_column(String(120), default="")
    result: Mapped[bytes | None] = mapped_column(db.LargeBinary, default=None)
    # What the worker process needs to do the work (the kind names the function).
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


# --- the evening ---------------------------------------------------------------------------


class NoteKind(enum.StrEnum):
    """What a table entry is about (the table's card); ARENA is the plenary summary."""

    GOES_WELL = "goes_well"
    DIFFICULT = "difficult"
    IDEA = "idea"
    QUESTION = "question"
    ARENA = "arena"


class NoteEntry(db.Model):  # type: ignore[name-defined,misc]
    """One contribution to a table's notes (or, with no table, to the arena summary).

    Entries are append-only during the evening, so two people writing at one table lose
    nothing; `client_key` (made on the phone) makes a retried save idempotent. Before the
    aftercare page is published the team reviews them: `public_text` is the edited text,
    `publish` says whether it may be shown, `names_person` flags text that names someone.
    """

    __tablename__ = "note_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_tables.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(80), default="")
    client_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    public_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    publish: Mapped[bool] = mapped_column(default=True, server_default=true())
    names_person: Mapped[bool] = mapped_column(default=False, server_default=false())

    table: Mapped[EventTable | None] = relationship()


class EvaluationAnswer(db.Model):  # type: ignore[name-defined,misc]
    """One anonymous evaluation of the evening.

    Deliberately without any link to a household, token, address or exact time: only the
    day is kept. One answer per device is enforced by a signed cookie, not by a column.
    """

    __tablename__ = "evaluation_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    language: Mapped[str] = mapped_column(String(8), default="nl")
    rating: Mapped[int]
    good: Mapped[str] = mapped_column(Text, default="")
    better: Mapped[str] = mapped_column(Text, default="")
    come_again: Mapped[str] = mapped_column(String(8), default="")
    free_answer: Mapped[str] = mapped_column(Text, default="")


# --- aftercare -----------------------------------------------------------------------------


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_ADOPTED = "not_adopted"


class Action(db.Model):  # type: ignore[name-defined,misc]
    """What the school will do with what parents said (Decidim's accountability result)."""

    __tablename__ = "actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The owner: a team member, or a named role ("de mentoren van leerjaar 2").
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    owner_label: Mapped[str] = mapped_column(String(120), default="")
    owner_public: Mapped[bool] = mapped_column(default=False)  # the owner chose to be named
    target_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12), default=ActionStatus.PLANNED.value)
    progress: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(Text, default="")  # why not adopted (shown publicly)
    # The school's texts in parents' languages: code -> {"title": …, "description": …, "reason": …}
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    status_changed_at: Mapped[datetime | None]
    reminded_before: Mapped[bool] = mapped_column(default=False)
    reminded_overdue: Mapped[bool] = mapped_column(default=False)

    theme: Mapped[Theme | None] = relationship()
    owner: Mapped[User | None] = relationship()
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ActionUpdate.day, ActionUpdate.id)",
    )
    notes: Mapped[list[NoteEntry]] = relationship(secondary="action_notes")


class ActionNote(db.Model):  # type: ignore[name-defined,misc]
    """An action answers these notes ("you said → we do")."""

    __tablename__ = "action_notes"
    action_id: Mapped[int] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(
        ForeignKey("note_entries.id", ondelete="CASCADE"), primary_key=True
    )


class ActionQuestion(db.Model):  # type: ignore[name-defined,misc]
    """An action answers a parent's question from the RSVP (the text is copied without the
    household, so the link survives the deletion of personal data)."""

    __tablename__ = "action_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)


class ActionUpdate(db.Model):  # type: ignore[name-defined,misc]
    """A dated progress entry on an action (its timeline)."""

    __tablename__ = "action_updates"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    translations: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    action: Mapped[Action] = relationship(back_populates="updates")


# --- trust and operation -------------------------------------------------------------------


class RateCounter(db.Model):  # type: ignore[name-defined,misc]
    """One fixed window of a rate limit (login failures, public form posts).

    Kept in the database so every gunicorn worker counts together, on SQLite as well as
    PostgreSQL; the key is a keyed hash, so no address or e-mail is stored in it."""

    __tablename__ = "rate_counters"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class Heartbeat(db.Model):  # type: ignore[name-defined,misc]
    """When a background process (the outbox worker) was last seen alive (/healthz)."""

    __tablename__ = "heartbeats"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(db.Model):  # type: ignore[name-defined,misc]
    """Who viewed, exported, imported or deleted personal data: the user, the action, the
    meeting and when; no family's data (the detail names a document or a count)."""

    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    user: Mapped[User | None] = relationship()
    event: Mapped[Event | None] = relationship()


@sa_event.listens_for(Event.status, "set", active_history=True)
def _note_closing(target: Event, value: str, old: object, _initiator: object) -> None:
    """The retention period counts from the day a meeting is closed, however it got there."""
    if value == Status.CLOSED and old != Status.CLOSED:
        target.closed_at = utcnow()
    elif value != Status.CLOSED:
        target.closed_at = None
