"""Cancelled meetings (R11): when, by whom and why a prepared meeting was called off.

Plain nullable columns, added without rebuilding the meetings table (SQLite can add a column
in place; changing the status CHECK would mean copying a table the event log refers to).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("cancelled_at", "cancelled_by", "cancel_reason")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("meetings", sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("meetings", name)  # SQLite 3.35+ drops a column in place too
