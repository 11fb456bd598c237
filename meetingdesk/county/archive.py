"""Opening a county archive: a PostgreSQL URL (the county's server) or a SQLite file (a small
county, a trial); created only by ``create=True`` (``meetingdesk county init``)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, select

from meetingdesk.county.errors import CountyError
from meetingdesk.county.models import Archive
from meetingdesk.county.sniff import VERSION_TABLE
from meetingdesk.store.database import Database
from meetingdesk.store.db import SQLITE_HEADER, make_engine, resolve_target
from meetingdesk.store.migrate import alembic_config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def open_archive(target: str | Path, create: bool = False) -> Database:
    """The archive at ``target``, migrated to the newest schema. Without ``create`` a database
    that is not yet an archive is refused unchanged (NO_ARCHIVE_YET / NOT_AN_ARCHIVE); with it,
    only an empty database or a new file is made one (the caller then adds the Archive row)."""
    url, path = resolve_target(target)
    label = str(path) if path else url.render_as_string(hide_password=True)
    if path is not None:
        _check_file(path, label, create)
    db = Database(make_engine(url, path), path)
    try:
        with db.translated_errors():
            _upgrade(db, label, create)
    except BaseException:
        db.close()
        raise
    return db


def _check_file(path: Path, label: str, create: bool) -> None:
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        if not create:
            raise CountyError("NO_ARCHIVE_YET", path=label) from None
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if header != SQLITE_HEADER:
        raise CountyError("NOT_AN_ARCHIVE", path=label)


def _upgrade(db: Database, label: str, create: bool) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with db.engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if VERSION_TABLE not in tables:
            if tables:
                raise CountyError("NOT_AN_ARCHIVE", path=label)
            if not create:
                raise CountyError("NO_ARCHIVE_YET", path=label)
        config = alembic_config(conn, MIGRATIONS_DIR)
        script = ScriptDirectory.from_config(config)
        current = MigrationContext.configure(
            conn, opts={"version_table": VERSION_TABLE}).get_current_revision()
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise CountyError("ARCHIVE_TOO_NEW", path=label, revision=current)
        if current != script.get_current_head():
            command.upgrade(config, "head")
        if create and _archive_row(conn) is not None:
            raise CountyError("ARCHIVE_EXISTS", path=label, name=_archive_row(conn))
        if not create and _archive_row(conn) is None:
            raise CountyError("NO_ARCHIVE_YET", path=label)


def _archive_row(conn: Connection) -> str | None:
    return conn.execute(select(Archive.name)).scalar()
