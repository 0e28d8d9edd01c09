"""school docx template: the Word base document for printed exports

Revision ID: 0002_school_docx_template
Revises: 0001_foundation
Create Date: 2026-11-22 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0002_school_docx_template"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.add_column(sa.Column("docx_template", sa.LargeBinary(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "docx_template_name", sa.String(length=200), nullable=False, server_default=""
            )
        )


def downgrade():
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.drop_column("docx_template_name")
        batch_op.drop_column("docx_template")
