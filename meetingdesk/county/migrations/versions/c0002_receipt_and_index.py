"""Receipt and the index: batches, accepted and refused packages (bytes as received), the filed
meetings parsed from them (items, attendance, opinions, votes, corrections, signatures) and the
search over their texts (SQLite FTS5 trigram; PostgreSQL pg_trgm GIN), both serving Chinese
substrings.

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 table over search.text, kept in step by triggers
SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search', content_rowid='id', "
    "tokenize='trigram')",
    "CREATE TRIGGER search_ai AFTER INSERT ON search BEGIN "
    "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_ad AFTER DELETE ON search BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
)
POSTGRES_SEARCH = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_search_text_trgm ON search USING gin (text gin_trgm_ops)",
)

def upgrade() -> None:
    op.create_table("receipt_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("receipt_pdf", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_batches"))
    )
    op.create_table("filed_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.CHAR(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("meeting_uid", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.Text(), nullable=True),
        sa.Column("certificate_sha256", sa.CHAR(length=64), nullable=False),
        sa.Column("log_entries", sa.Integer(), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('record', 'cancellation')",
            name=op.f("ck_filed_packages_kind")),
        sa.ForeignKeyConstraint(["batch_id"], ["receipt_batches.id"],
            name=op.f("fk_filed_packages_batch_id_receipt_batches")),
        sa.ForeignKeyConstraint(["superseded_by_id"], ["filed_packages.id"],
            name=op.f("fk_filed_packages_superseded_by_id_filed_packages")),
        sa.ForeignKeyConstraint(["unit_id"], ["county_units.id"],
            name=op.f("fk_filed_packages_unit_id_county_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_packages")),
        sa.UniqueConstraint("sha256", name=op.f("uq_filed_packages_sha256"))
    )
    op.create_index(op.f("ix_filed_packages_batch_id"), "filed_packages", ["batch_id"],
        unique=False)
    op.create_index(op.f("ix_filed_packages_meeting_uid"), "filed_packages",
        ["meeting_uid"], unique=False)
    op.create_index(op.f("ix_filed_packages_unit_id"), "filed_packages", ["unit_id"], unique=False)
    op.create_table("refused_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.CHAR(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("unit_name", sa.Text(), nullable=True),
        sa.Column("meeting_uid", sa.Text(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["batch_id"], ["receipt_batches.id"],
            name=op.f("fk_refused_packages_batch_id_receipt_batches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_packages"))
    )
    op.create_index(op.f("ix_refused_packages_batch_id"), "refused_packages", ["batch_id"],
        unique=False)
    op.create_index(op.f("ix_refused_packages_sha256"), "refused_packages", ["sha256"],
        unique=False)
    op.create_table("filed_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("meeting_uid", sa.Text(), nullable=False),
        sa.Column("meeting_type", sa.Text(), nullable=False),
        sa.Column("meeting_type_name", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("held_on", sa.Text(), nullable=True),
        sa.Column("started_at", sa.Text(), nullable=True),
        sa.Column("ended_at", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("chair", sa.Text(), nullable=True),
        sa.Column("recorder", sa.Text(), nullable=True),
        sa.Column("chief", sa.Text(), nullable=True),
        sa.Column("expected", sa.Integer(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("cancelled_by", sa.Text(), nullable=True),
        sa.Column("cancelled_at", sa.Text(), nullable=True),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("days_to_receipt", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["package_id"], ["filed_packages.id"],
            name=op.f("fk_filed_meetings_package_id_filed_packages")),
        sa.ForeignKeyConstraint(["unit_id"], ["county_units.id"],
            name=op.f("fk_filed_meetings_unit_id_county_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_meetings")),
        sa.UniqueConstraint("package_id", name=op.f("uq_filed_meetings_package_id"))
    )
    op.create_index(op.f("ix_filed_meetings_meeting_uid"), "filed_meetings",
        ["meeting_uid"], unique=False)
    op.create_index("ix_filed_meetings_unit_id_year_meeting_type", "filed_meetings",
        ["unit_id", "year", "meeting_type"], unique=False)
    op.create_table("filed_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("is_chief", sa.Boolean(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["filed_meetings.id"],
            name=op.f("fk_filed_attendance_meeting_id_filed_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_attendance"))
    )
    op.create_index(op.f("ix_filed_attendance_meeting_id"), "filed_attendance",
        ["meeting_id"], unique=False)
    op.create_table("filed_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("after_closing", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["filed_meetings.id"],
            name=op.f("fk_filed_corrections_meeting_id_filed_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_corrections"))
    )
    op.create_index(op.f("ix_filed_corrections_meeting_id"), "filed_corrections",
        ["meeting_id"], unique=False)
    op.create_table("filed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("major", sa.Boolean(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("fund_type", sa.Text(), nullable=True),
        sa.Column("area", sa.Text(), nullable=True),
        sa.Column("mode", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.Column("deferral_reason", sa.Text(), nullable=True),
        sa.Column("head_decision", sa.Text(), nullable=True),
        sa.Column("head_reason", sa.Text(), nullable=True),
        sa.Column("against_majority", sa.Boolean(), nullable=False),
        sa.Column("carried_from_uid", sa.Text(), nullable=True),
        sa.Column("carried_from_no", sa.Integer(), nullable=True),
        sa.Column("agree", sa.Integer(), nullable=True),
        sa.Column("disagree", sa.Integer(), nullable=True),
        sa.Column("abstain", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["filed_meetings.id"],
            name=op.f("fk_filed_items_meeting_id_filed_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_items"))
    )
    op.create_index(op.f("ix_filed_items_meeting_id"), "filed_items", ["meeting_id"], unique=False)
    op.create_table("filed_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["filed_meetings.id"],
            name=op.f("fk_filed_signatures_meeting_id_filed_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_signatures"))
    )
    op.create_index(op.f("ix_filed_signatures_meeting_id"), "filed_signatures",
        ["meeting_id"], unique=False)
    op.create_table("filed_opinions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("is_chief", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("stance", sa.Text(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["filed_items.id"],
            name=op.f("fk_filed_opinions_item_id_filed_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_opinions"))
    )
    op.create_index(op.f("ix_filed_opinions_item_id"), "filed_opinions", ["item_id"], unique=False)
    op.create_table("filed_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("choice", sa.Text(), nullable=False),
        sa.Column("candidate", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["filed_items.id"],
            name=op.f("fk_filed_votes_item_id_filed_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_filed_votes"))
    )
    op.create_index(op.f("ix_filed_votes_item_id"), "filed_votes", ["item_id"], unique=False)
    op.create_table("search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["filed_items.id"],
            name=op.f("fk_search_item_id_filed_items")),
        sa.ForeignKeyConstraint(["meeting_id"], ["filed_meetings.id"],
            name=op.f("fk_search_meeting_id_filed_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search"))
    )
    op.create_index(op.f("ix_search_meeting_id"), "search", ["meeting_id"], unique=False)
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_SEARCH:
        op.execute(statement)

def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")  # its triggers go with the search table
    else:
        op.execute("DROP INDEX ix_search_text_trgm")
    op.drop_index(op.f("ix_search_meeting_id"), table_name="search")
    op.drop_table("search")
    op.drop_index(op.f("ix_filed_votes_item_id"), table_name="filed_votes")
    op.drop_table("filed_votes")
    op.drop_index(op.f("ix_filed_opinions_item_id"), table_name="filed_opinions")
    op.drop_table("filed_opinions")
    op.drop_index(op.f("ix_filed_signatures_meeting_id"), table_name="filed_signatures")
    op.drop_table("filed_signatures")
    op.drop_index(op.f("ix_filed_items_meeting_id"), table_name="filed_items")
    op.drop_table("filed_items")
    op.drop_index(op.f("ix_filed_corrections_meeting_id"), table_name="filed_corrections")
    op.drop_table("filed_corrections")
    op.drop_index(op.f("ix_filed_attendance_meeting_id"), table_name="filed_attendance")
    op.drop_table("filed_attendance")
    op.drop_index("ix_filed_meetings_unit_id_year_meeting_type", table_name="filed_meetings")
    op.drop_index(op.f("ix_filed_meetings_meeting_uid"), table_name="filed_meetings")
    op.drop_table("filed_meetings")
    op.drop_index(op.f("ix_refused_packages_sha256"), table_name="refused_packages")
    op.drop_index(op.f("ix_refused_packages_batch_id"), table_name="refused_packages")
    op.drop_table("refused_packages")
    op.drop_index(op.f("ix_filed_packages_unit_id"), table_name="filed_packages")
    op.drop_index(op.f("ix_filed_packages_meeting_uid"), table_name="filed_packages")
    op.drop_index(op.f("ix_filed_packages_batch_id"), table_name="filed_packages")
    op.drop_table("filed_packages")
    op.drop_table("receipt_batches")
