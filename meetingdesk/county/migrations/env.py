"""Alembic environment for the county archive (run through meetingdesk.county.archive only)."""

from __future__ import annotations

from alembic import context

from meetingdesk.county.models import Base

# not alembic_version: neither kind of database can be mistaken for the other
from meetingdesk.county.sniff import VERSION_TABLE

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run county migrations through meetingdesk.county.archive")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
