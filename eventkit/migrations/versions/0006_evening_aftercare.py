"""the evening (door, notes, live run-sheet, evaluation) and aftercare (actions, public page)

Revision ID: 0006_evening_aftercare
Revises: 0005_goal_translations
Create Date: 2026-11-30 11:50:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = '0006_evening_aftercare'
down_revision = '0005_goal_translations'
branch_labels = None
depends_on = None

EVENT_TOKENS = ('arena_token', 'evaluation_token', 'aftercare_token')


def upgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name in EVENT_TOKENS:
            batch_op.add_column(sa.Column(name, sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('evaluation_question', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('evaluation_question_translations', sa.JSON(), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('aftercare_published_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('aftercare_changed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('aftercare_texts', sa.JSON(), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('aftercare_reminders', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_update_mail_at', sa.DateTime(), nullable=True))
    # Existing meetings get their own random links before the columns become required.
    events = sa.table('events', sa.column('id', sa.Integer), *(sa.column(n, sa.String) for n in EVENT_TOKENS))
    bind = op.get_bind()
    for (event_id,) in bind.execute(sa.select(events.c.id)).all():
        values = {n: secrets.token_urlsafe(12) for n in EVENT_TOKENS}
        bind.execute(events.update().where(events.c.id == event_id).values(**values))
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name in EVENT_TOKENS:
            batch_op.alter_column(name, existing_type=sa.String(length=32), nullable=False)
            batch_op.create_unique_constraint(f'uq_events_{name}', [name])

    with op.batch_alter_table('agenda_blocks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('live_delta', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_updates', sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_in_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('event_tables', schema=None) as batch_op:
        batch_op.add_column(sa.Column('presentation', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('presentation_version', sa.Integer(), server_default='0', nullable=False))

    op.create_table(
        'note_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('table_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('author', sa.String(length=80), nullable=False),
        sa.Column('client_key', sa.String(length=40), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('public_text', sa.Text(), server_default='', nullable=False),
        sa.Column('publish', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('names_person', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['table_id'], ['event_tables.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('client_key'),
    )
    with op.batch_alter_table('note_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_entries_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_entries_table_id'), ['table_id'], unique=False)

    op.create_table(
        'evaluation_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('good', sa.Text(), nullable=False),
        sa.Column('better', sa.Text(), nullable=False),
        sa.Column('come_again', sa.String(length=8), nullable=False),
        sa.Column('free_answer', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('evaluation_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_answers_event_id'), ['event_id'], unique=False)

    op.create_table(
        'actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('owner_label', sa.String(length=120), nullable=False),
        sa.Column('owner_public', sa.Boolean(), nullable=False),
        sa.Column('target_date', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('progress', sa.Integer(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('translations', sa.JSON(), server_default='{}', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('status_changed_at', sa.DateTime(), nullable=True),
        sa.Column('reminded_before', sa.Boolean(), nullable=False),
        sa.Column('reminded_overdue', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_event_id'), ['event_id'], unique=False)

    op.create_table(
        'action_notes',
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('note_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['note_id'], ['note_entries.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('action_id', 'note_id'),
    )
    op.create_table(
        'action_questions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('action_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_questions_action_id'), ['action_id'], unique=False)
    op.create_table(
        'action_updates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('translations', sa.JSON(), server_default='{}', nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['action_id'], ['actions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('action_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_updates_action_id'), ['action_id'], unique=False)


def downgrade():
    for table in ('action_updates', 'action_questions', 'action_notes', 'actions',
                  'evaluation_answers', 'note_entries'):
        op.drop_table(table)
    with op.batch_alter_table('event_tables', schema=None) as batch_op:
        batch_op.drop_column('presentation_version')
        batch_op.drop_column('presentation')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('checked_in_at')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_column('wants_updates')
    with op.batch_alter_table('agenda_blocks', schema=None) as batch_op:
        batch_op.drop_column('live_delta')
    with op.batch_alter_table('events', schema=None) as batch_op:
        for name in EVENT_TOKENS:
            batch_op.drop_constraint(f'uq_events_{name}', type_='unique')
        for name in ('last_update_mail_at', 'aftercare_reminders', 'aftercare_texts',
                     'aftercare_changed_at', 'aftercare_published_at',
                     'evaluation_question_translations', 'evaluation_question', *EVENT_TOKENS):
            batch_op.drop_column(name)
