"""The county archive and its trust registry: the county's root certificate, the units and the
signing certificates the county accepts for each.

Revision ID: c0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "county_archive",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("root_certificate", sa.LargeBinary(), nullable=False),
        sa.Column("root_key", sa.LargeBinary(), nullable=False),
        sa.Column("root_sha256", sa.CHAR(64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_county_archive_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_archive")),
    )
    op.create_table(
        "county_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_county_units")),
        sa.UniqueConstraint("name", name=op.f("uq_county_units_name")),
    )
    op.create_table(
        "unit_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.CHAR(64), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("not_before", sa.Text(), nullable=False),
        sa.Column("not_after", sa.Text(), nullable=False),
        sa.Column("added_at", sa.Text(), nullable=False),
        sa.Column("revoked_from", sa.Text(), nullable=True),
        sa.Column("revoked_at", sa.Text(), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("origin IN ('issued', 'registered')",
                           name=op.f("ck_unit_certificates_origin")),
        sa.ForeignKeyConstraint(["unit_id"], ["county_units.id"],
                                name=op.f("fk_unit_certificates_unit_id_county_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_certificates")),
        sa.UniqueConstraint("sha256", name=op.f("uq_unit_certificates_sha256")),
    )
    op.create_index(op.f("ix_unit_certificates_unit_id"), "unit_certificates", ["unit_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_unit_certificates_unit_id"), table_name="unit_certificates")
    op.drop_table("unit_certificates")
    op.drop_table("county_units")
    op.drop_table("county_archive")
