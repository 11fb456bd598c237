"""Posts to fill on an appointment item (职数, R7): a ballot agreeing to more candidates than
there are posts is void. Nullable: an item without it has one post per candidate.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agenda_items", sa.Column("posts", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("agenda_items", "posts")
