"""Indexes the supervision signals read instead of their tables (a year of a thousand units:
10,000 meetings, 40,000 items, 360,000 stances, 90,000 attendance lines).

- the stances: each item's opinions with the columns the tallies count (kind, stance, member,
  chief), so that the stance signals read an index, not the opinions and their words;
- the few dissents (a stance other than agree), in an index of their own: the query's
  condition is the index's, word for word, which SQLite needs to use a partial index;
- each meeting's attendance lines with member, chief and status;
- each meeting's items with their ids (PostgreSQL: SQLite's index of meeting_id already
  carries the row id), so that the year's meetings lead to their items without reading them;
- the items carried back from an earlier meeting (a deferral's return), by that meeting's uid.

Revision ID: c0005
Revises: c0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_filed_opinions_stances", "filed_opinions",
                    ["item_id", "kind", "stance", "member", "is_chief"])
    op.create_index("ix_filed_opinions_dissents", "filed_opinions",
                    ["item_id", "kind", "stance", "member", "is_chief"],
                    sqlite_where=sa.text("stance != 'agree'"),
                    postgresql_where=sa.text("stance != 'agree'"))
    op.create_index("ix_filed_attendance_lines", "filed_attendance",
                    ["meeting_id", "member", "is_chief", "status"])
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_filed_items_meeting_id_id", "filed_items", ["meeting_id", "id"])
    op.create_index("ix_filed_items_carried_from", "filed_items",
                    ["carried_from_uid", "carried_from_no"],
                    sqlite_where=sa.text("carried_from_uid IS NOT NULL"),
                    postgresql_where=sa.text("carried_from_uid IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_filed_items_carried_from", table_name="filed_items")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_filed_items_meeting_id_id", table_name="filed_items")
    op.drop_index("ix_filed_attendance_lines", table_name="filed_attendance")
    op.drop_index("ix_filed_opinions_dissents", table_name="filed_opinions")
    op.drop_index("ix_filed_opinions_stances", table_name="filed_opinions")
