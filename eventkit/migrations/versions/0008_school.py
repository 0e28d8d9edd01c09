"""school settings in the browser, and invited team members

Revision ID: 0008_school
Revises: 0007_trust
Create Date: 2026-11-30 11:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_school"
down_revision = "0007_trust"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.add_column(sa.Column("address", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("contact_name", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("contact_phone", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("logo", sa.LargeBinary(), nullable=True))
        batch_op.add_column(
            sa.Column("logo_mimetype", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("mail_sender_name", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("reply_to", sa.String(length=254), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("parent_languages", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.add_column(
            sa.Column("retention_days", sa.Integer(), server_default="365", nullable=False)
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invited_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("invited_at")
    with op.batch_alter_table("schools", schema=None) as batch_op:
        for name in (
            "retention_days", "parent_languages", "reply_to", "mail_sender_name",
            "logo_mimetype", "logo", "contact_phone", "contact_name", "address",
        ):  # fmt: skip
            batch_op.drop_column(name)
