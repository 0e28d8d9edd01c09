"""jobs carry their parameters, so that the worker process runs them

Revision ID: 0012_perf
Revises: 0011_languages
Create Date: 2026-11-30 12:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012_perf"
down_revision = "0011_languages"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("params", sa.JSON(), server_default="{}", nullable=False))


def downgrade():
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("params")
