"""Write a new migration after changing models.py, from the repository root:

    python -m meetingdesk.store.migrations "what changed"

It autogenerates versions/<NNNN>_<slug>.py from the difference between models.py and a scratch
SQLite database at the current head. Read and correct the result before committing it (Alembic
does not see everything, e.g. changed CHECK constraints or server defaults).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from meetingdesk.store.db import open_database
from meetingdesk.store.migrate import alembic_config


def new_revision(message: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(Path(scratch) / "scratch.sqlite3")
        try:
            with db.engine.begin() as conn:
                config = alembic_config(conn)
                number = sum(1 for _ in ScriptDirectory.from_config(config).walk_revisions()) + 1
                command.revision(config, message=message, autogenerate=True,
                                 rev_id=f"{number:04d}")
        finally:
            db.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit('usage: python -m meetingdesk.store.migrations "what changed"')
    new_revision(sys.argv[1])
