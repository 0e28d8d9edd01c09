"""privacy: when a meeting was closed, a legal hold, the erased meeting's kept numbers,
and when a household's personal link was last replaced

Revision ID: 0010_privacy
Revises: 0009_reliable
Create Date: 2026-11-30 12:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_privacy"
down_revision = "0009_reliable"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("legal_hold", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("legal_hold_reason", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("kept_numbers", sa.JSON(), server_default="{}", nullable=False)
        )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_reissued_at", sa.DateTime(), nullable=True))
    # Meetings closed before this version: their last change is the best guess of the day.
    op.execute("UPDATE events SET closed_at = updated_at WHERE status = 'closed'")


def downgrade():
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_column("token_reissued_at")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("kept_numbers")
        batch_op.drop_column("erased_at")
        batch_op.drop_column("legal_hold_reason")
        batch_op.drop_column("legal_hold")
        batch_op.drop_column("closed_at")
