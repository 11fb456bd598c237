"""Storage: SQLAlchemy models, opening and migrating the database, the append-only event log.

    db = open_database()            # the user's SQLite file, migrated to the newest schema
    with db.session() as session:   # one transaction per user action
        eventlog.append(session, meeting_id, event)
"""

from meetingdesk.store.db import Database, open_database
from meetingdesk.store.errors import StoreError, StoreNotice

__all__ = ["Database", "StoreError", "StoreNotice", "open_database"]
