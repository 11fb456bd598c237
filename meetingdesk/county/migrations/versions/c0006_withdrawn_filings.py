"""Filings a revocation withdrew: a record on file signed by a certificate at or after the time
it was revoked from no longer counts; it is kept, with the reason (county/withdrawals.py). The
filed packages by certificate, so that a revocation finds what its certificate signed.

Revision ID: c0006
Revises: c0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "withdrawn_filings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["package_id"], ["filed_packages.id"],
                                name=op.f("fk_withdrawn_filings_package_id_filed_packages")),
        sa.ForeignKeyConstraint(["certificate_id"], ["unit_certificates.id"],
                                name=op.f("fk_withdrawn_filings_certificate_id_unit_certificates")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_withdrawn_filings")),
        sa.UniqueConstraint("package_id", name=op.f("uq_withdrawn_filings_package_id")))
    op.create_index(op.f("ix_withdrawn_filings_certificate_id"), "withdrawn_filings",
                    ["certificate_id"], unique=False)
    op.create_index(op.f("ix_filed_packages_certificate_sha256"), "filed_packages",
                    ["certificate_sha256"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_filed_packages_certificate_sha256"), table_name="filed_packages")
    op.drop_index(op.f("ix_withdrawn_filings_certificate_id"), table_name="withdrawn_filings")
    op.drop_table("withdrawn_filings")
