"""The initial schema: reference tables, meetings, the event log and its append-only guard.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from meetingdesk.store import appendonly

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'units',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
        sa.UniqueConstraint('name', name=op.f('uq_units_name'))
    )
    op.create_table(
        'certificates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('p12', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_certificates_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates'))
    )
    op.create_index(op.f('ix_certificates_unit_id'), 'certificates', ['unit_id'])
    op.create_table(
        'meeting_types',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.Text(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('decision_mode', sa.Text(), nullable=False),
        sa.CheckConstraint("decision_mode IN ('vote', 'head')", name=op.f('ck_meeting_types_decision_mode')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_meeting_types_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_types')),
        sa.UniqueConstraint('unit_id', 'code', name=op.f('uq_meeting_types_unit_id_code'))
    )
    op.create_table(
        'members',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('position', sa.Text(), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('is_chief', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_members_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_members'))
    )
    op.create_index(op.f('ix_members_unit_id'), 'members', ['unit_id'])
    op.create_table(
        'rule_sets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_rule_sets_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rule_sets')),
        sa.UniqueConstraint('unit_id', 'version', name=op.f('uq_rule_sets_unit_id_version'))
    )
    op.create_table(
        'meetings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uid', sa.Text(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('type_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('scheduled_at', sa.Text(), nullable=False),
        sa.Column('place', sa.Text(), nullable=False),
        sa.Column('chair_member_id', sa.Integer(), nullable=True),
        sa.Column('deputy_chair_member_id', sa.Integer(), nullable=True),
        sa.Column('recorder_name', sa.Text(), nullable=False),
        sa.Column('status', sa.Text(), nullable=False),
        sa.Column('created_at', sa.Text(), nullable=False),
        sa.CheckConstraint("status IN ('preparing', 'in_progress', 'closed', 'filed')", name=op.f('ck_meetings_status')),
        sa.ForeignKeyConstraint(['chair_member_id'], ['members.id'], name=op.f('fk_meetings_chair_member_id_members')),
        sa.ForeignKeyConstraint(['deputy_chair_member_id'], ['members.id'], name=op.f('fk_meetings_deputy_chair_member_id_members')),
        sa.ForeignKeyConstraint(['type_id'], ['meeting_types.id'], name=op.f('fk_meetings_type_id_meeting_types')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_meetings_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
        sa.UniqueConstraint('uid', name=op.f('uq_meetings_uid')),
        sa.UniqueConstraint('unit_id', 'type_id', 'year', 'number', name=op.f('uq_meetings_unit_id_type_id_year_number'))
    )
    op.create_index(op.f('ix_meetings_scheduled_at'), 'meetings', ['scheduled_at'])
    op.create_index('ix_meetings_unit_id_status', 'meetings', ['unit_id', 'status'])
    op.create_table(
        'portfolios',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('area', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_portfolios_member_id_members')),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_portfolios_unit_id_units')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_portfolios')),
        sa.UniqueConstraint('unit_id', 'area', name=op.f('uq_portfolios_unit_id_area'))
    )
    op.create_index(op.f('ix_portfolios_member_id'), 'portfolios', ['member_id'])
    op.create_table(
        'agenda_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('category', sa.Text(), nullable=False),
        sa.Column('amount', sa.Text(), nullable=True),
        sa.Column('fund_type', sa.Text(), nullable=True),
        sa.Column('area', sa.Text(), nullable=True),
        sa.Column('presenter_member_id', sa.Integer(), nullable=True),
        sa.Column('vote_mode', sa.Text(), nullable=False),
        sa.Column('candidates', sa.Text(), nullable=False),
        sa.Column('materials', sa.Text(), nullable=False),
        sa.Column('carried_from_item_id', sa.Integer(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('study', 'briefing', 'decision')", name=op.f('ck_agenda_items_kind')),
        sa.ForeignKeyConstraint(['carried_from_item_id'], ['agenda_items.id'], name=op.f('fk_agenda_items_carried_from_item_id_agenda_items')),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['presenter_member_id'], ['members.id'], name=op.f('fk_agenda_items_presenter_member_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    op.create_index('ix_agenda_items_meeting_id_position', 'agenda_items', ['meeting_id', 'position'])
    op.create_table(
        'drafts',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_drafts_meeting_id_meetings'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('meeting_id', 'key', name=op.f('pk_drafts'))
    )
    op.create_table(
        'events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('type', sa.Text(), nullable=False),
        sa.Column('at', sa.Text(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('prev_hash', sa.CHAR(length=64), nullable=False),
        sa.Column('hash', sa.CHAR(length=64), nullable=False),
        sa.CheckConstraint('seq >= 1', name=op.f('ck_events_seq_positive')),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_events_meeting_id_meetings'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
        sa.UniqueConstraint('meeting_id', 'seq', name=op.f('uq_events_meeting_id_seq'))
    )
    op.create_table(
        'meeting_expected',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_expected_meeting_id_meetings'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_meeting_expected_member_id_members')),
        sa.PrimaryKeyConstraint('meeting_id', 'member_id', name=op.f('pk_meeting_expected'))
    )
    op.create_table(
        'meeting_observers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('position', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_observers_meeting_id_meetings'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_observers'))
    )
    op.create_index(op.f('ix_meeting_observers_meeting_id'), 'meeting_observers', ['meeting_id'])
    op.create_table(
        'attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.Text(), nullable=False),
        sa.Column('sha256', sa.CHAR(length=64), nullable=False),
        sa.Column('stored_path', sa.Text(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_attachments_item_id_agenda_items'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    op.create_index(op.f('ix_attachments_item_id'), 'attachments', ['item_id'])

    # The database itself refuses UPDATE and DELETE on events (SQL per dialect: appendonly.py).
    appendonly.install(op.get_bind())


def downgrade() -> None:
    appendonly.remove(op.get_bind())
    for table in ("attachments", "meeting_observers", "meeting_expected", "events", "drafts",
                  "agenda_items", "portfolios", "meetings", "rule_sets", "members",
                  "meeting_types", "certificates", "units"):
        op.drop_table(table)  # dropping a table drops its indexes
