"""Bringing a database's schema up to date with Alembic, run from code (no alembic.ini).

To write a new revision after changing models.py: python -m meetingdesk.store.migrations "what
changed" (see migrations/__main__.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect

from meetingdesk.store.backup import backup_database
from meetingdesk.store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

    from meetingdesk.store.database import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection, directory: Path | None = None) -> "Config":
    """Alembic's configuration for the migrations in `directory` (the township's by default,
    or the county archive's), running on `connection`."""
    from alembic.config import Config

    directory = directory or MIGRATIONS_DIR  # looked up now: tests point it elsewhere

    if not (directory / "env.py").is_file():
        raise StoreError("MIGRATIONS_MISSING", path=directory)
    config = Config()
    # ConfigParser interpolates '%', which may occur in an install path.
    config.set_main_option("script_location", str(directory).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(db: Database) -> None:
    """Migrate `db` to the newest schema; back it up first if it already holds data.

    Runs in one transaction: a failed migration leaves the database as it was. A database
    already at the newest revision is recognised without loading Alembic, which is most of a
    cold start's import time.
    """
    with db.engine.connect() as conn:
        current = _stored_revision(conn)
    if current is not None and current == _newest_revision_on_disk():
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with db.engine.begin() as conn:
        config = alembic_config(conn)
        script = ScriptDirectory.from_config(config)
        current = MigrationContext.configure(conn).get_current_revision()
        if current == script.get_current_head():
            return
        if current is None and inspect(conn).get_table_names():
            raise StoreError("DB_NOT_MEETINGDESK", path=db.label)
        if current is not None:
            if current not in {rev.revision for rev in script.walk_revisions()}:
                raise StoreError("DB_TOO_NEW", path=db.label, revision=current)
            backup_database(db, "before-migration")
        command.upgrade(config, "head")


def _stored_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _newest_revision_on_disk() -> str | None:
    """The newest revision's id, read from the numbered file names (0001_..., 0002_...) that
    `python -m meetingdesk.store.migrations` writes; None if there are none."""
    files = sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))
    if not files:
        return None
    found = re.search(r"""^revision\s*=\s*["']([^"']+)""", files[-1].read_text("utf-8"), re.M)
    return found.group(1) if found else None
