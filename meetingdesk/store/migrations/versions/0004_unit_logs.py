"""A unit's own logs (R13 submissions, R14 follow-up), append-only and hash-chained like a
meeting's; the files handed in with their entries; and on an agenda item, the submission it
came from and when its materials were given to members.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from meetingdesk.store import appendonly

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('submissions', 'followup')", name=op.f("ck_unit_logs_kind")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_unit_logs_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_logs")),
        sa.UniqueConstraint("uid", name=op.f("uq_unit_logs_uid")),
        sa.UniqueConstraint("unit_id", "kind", name=op.f("uq_unit_logs_unit_id_kind")),
    )
    op.create_table(
        "unit_log_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.CHAR(length=64), nullable=False),
        sa.Column("hash", sa.CHAR(length=64), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_unit_log_events_seq_positive")),
        sa.ForeignKeyConstraint(["log_id"], ["unit_logs.id"],
                                name=op.f("fk_unit_log_events_log_id_unit_logs"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_log_events")),
        sa.UniqueConstraint("log_id", "seq", name=op.f("uq_unit_log_events_log_id_seq")),
    )
    op.create_table(
        "unit_log_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.CHAR(length=64), nullable=False),
        sa.Column("stored_path", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["log_id"], ["unit_logs.id"],
                                name=op.f("fk_unit_log_files_log_id_unit_logs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_log_files")),
    )
    op.create_index(op.f("ix_unit_log_files_log_id"), "unit_log_files", ["log_id"])
    op.add_column("agenda_items", sa.Column("submission_no", sa.Integer(), nullable=True))
    op.add_column("agenda_items", sa.Column("materials_given", sa.Text(), nullable=True))
    # The database itself refuses UPDATE and DELETE on the unit logs' events (appendonly.py).
    appendonly.install(op.get_bind(), "unit_log_events")


def downgrade() -> None:
    appendonly.remove(op.get_bind(), "unit_log_events")
    op.drop_column("agenda_items", "materials_given")
    op.drop_column("agenda_items", "submission_no")
    op.drop_index(op.f("ix_unit_log_files_log_id"), table_name="unit_log_files")
    op.drop_table("unit_log_files")
    op.drop_table("unit_log_events")
    op.drop_table("unit_logs")
