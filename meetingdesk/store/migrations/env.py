"""Alembic environment for MeetingDesk.

There is no alembic.ini: meetingdesk.store.migrate builds the configuration in code and hands over
an open connection (already inside a transaction) in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from meetingdesk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run MeetingDesk migrations through meetingdesk.store.migrate")

# render_as_batch: new revisions are written so that ALTER works on SQLite too.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
