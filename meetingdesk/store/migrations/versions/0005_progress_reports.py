"""On an agenda item, the earlier decision and the follow-up tasks it reports on (督办情况汇报,
R14), as JSON: the meeting's uid and title, the item's number and title, the tasks' numbers and
what they are. Nullable: an ordinary item reports on nothing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agenda_items", sa.Column("reports_on", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("agenda_items", "reports_on")
