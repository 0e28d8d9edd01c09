"""outbox claims with an owner and a lease, so several workers can send at once

Revision ID: 0009_reliable
Revises: 0008_school
Create Date: 2026-11-30 12:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_reliable"
down_revision = "0008_school"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("claimed_by", sa.String(length=100), server_default="", nullable=False)
        )
        # Rows left `sending` by an older worker get no lease: the next worker takes them.
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("claimed_by")
