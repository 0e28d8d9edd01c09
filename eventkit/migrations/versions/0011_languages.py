"""the school's own texts per parent language, and the fallback language

Revision ID: 0011_languages
Revises: 0010_privacy
Create Date: 2026-11-30 12:40:00

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011_languages"
down_revision = "0010_privacy"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fallback_language", sa.String(length=8), server_default="en", nullable=False)
        )
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translations", sa.JSON(), server_default="{}", nullable=False))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translations", sa.JSON(), server_default="{}", nullable=False))
        batch_op.add_column(sa.Column("closing", sa.Text(), server_default="", nullable=False))
    _move_goals("up")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("goal_translations")


def downgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("goal_translations", sa.JSON(), server_default="{}", nullable=False)
        )
    _move_goals("down")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("closing")
        batch_op.drop_column("translations")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_column("translations")
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.drop_column("fallback_language")


def _move_goals(direction):
    """The goal's translations move into (and back out of) the general `translations`."""
    events = sa.table(
        "events",
        sa.column("id", sa.Integer),
        sa.column("goal_translations", sa.JSON),
        sa.column("translations", sa.JSON),
    )
    bind = op.get_bind()
    source = events.c.goal_translations if direction == "up" else events.c.translations
    for row in bind.execute(sa.select(events.c.id, source)).all():
        value = row[1]
        if isinstance(value, str):
            value = json.loads(value or "{}")
        value = value or {}
        if direction == "up":
            moved = {code: {"goal": text} for code, text in value.items() if text}
            bind.execute(events.update().where(events.c.id == row[0]).values(translations=moved))
        else:
            goals = {code: t.get("goal", "") for code, t in value.items() if t.get("goal")}
            bind.execute(
                events.update().where(events.c.id == row[0]).values(goal_translations=goals)
            )
