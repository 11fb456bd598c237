"""Opening a MeetingDesk database: a SQLite file (the default) or a PostgreSQL URL (the archive)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url

from meetingdesk import paths
from meetingdesk.store import database, witness
from meetingdesk.store.backup import resume_backups
from meetingdesk.store.database import BEGIN_OPTION, Database, sqlite_failure
from meetingdesk.store.errors import StoreError, StoreNotice
from meetingdesk.store.migrate import upgrade_to_head

__all__ = ["Database", "open_database"]

SQLITE_HEADER = b"SQLite format 3\x00"


def open_database(target: str | Path | None = None) -> Database:
    """Open (creating if need be) and migrate a database.

    `target`: None for the user's default SQLite file (paths.default_db_path()); a path for a
    SQLite file; a URL (anything containing "://", e.g. postgresql+psycopg://...) used as is.
    Before the schema is migrated, a database that already holds data is backed up. A file
    that is not ours is refused before anything is written to it, byte for byte as it was; a
    file on read-only media or without write access is opened read-only (db.notices says so).
    """
    url, path = resolve_target(target)
    read_only = False
    kept_wal = None
    if path is not None:
        read_only = _check_sqlite_file(path)
        kept_wal = None if read_only else witness.keep_wal(path)  # before SQLite replays it
    db = Database(make_engine(url, path, read_only), path, read_only)
    try:
        with db.translated_errors():
            upgrade_to_head(db)
        if path is not None:
            _confirm_logs(db, path, kept_wal)
    except BaseException:
        db.close()
        raise
    if read_only:
        db.notices.append(StoreNotice("DB_OPENED_READ_ONLY", path=db.label))
    db.notices += resume_backups(db)
    return db


def _confirm_logs(db: Database, path: Path, kept_wal: Path | None) -> None:
    """Compare every stored log with what was acknowledged (witness.py); keep the -wal found at
    opening only if a log is behind."""
    db.witness = witness.Witness(path)
    with db.transaction() as conn:
        lags = db.witness.lags(conn)
    db.lagging = {lag.meeting_id: lag for lag in lags if lag.meeting_id is not None}
    db.lagging_unit_logs = {lag.unit_log_id: lag for lag in lags if lag.unit_log_id is not None}
    db.notices += [lag.notice() for lag in lags]
    if kept_wal is not None and lags:
        db.notices.append(StoreNotice("WAL_KEPT", path=kept_wal))
    elif kept_wal is not None:
        kept_wal.unlink(missing_ok=True)


def make_engine(url: URL, path: Path | None, read_only: bool = False) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with full sync and foreign keys (read-only
    without touching the file when ``read_only``), or a server with pre-ping."""
    if url.get_backend_name() != "sqlite":
        # pre_ping: a desktop left open overnight finds its archive connections dropped.
        return create_engine(url, pool_pre_ping=True)
    if read_only:
        uri = _read_only_uri(path)  # type: ignore[arg-type]
        engine = create_engine(url, creator=lambda: sqlite3.connect(
            uri, uri=True, check_same_thread=False))
        event.listen(engine, "connect", _sqlite_on_connect_read_only)
    else:
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def resolve_target(target: str | Path | None) -> tuple[URL, Path | None]:
    """A --db value as a URL, and the SQLite file it names (None for a server)."""
    if target is None:
        target = paths.default_db_path()
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return url, None
        target = url.database
    path = Path(target).expanduser().absolute()
    return URL.create("sqlite+pysqlite", database=str(path)), path


def _check_sqlite_file(path: Path) -> bool:
    """Refuse a file that is not a MeetingDesk database, reading it only; create the folder of
    a new one. Returns whether the database can only be read."""
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError("DB_UNWRITABLE", path=path, detail=error.strerror or error) from error
        return False
    except OSError as error:
        raise StoreError("DB_UNREADABLE", path=path, detail=error.strerror or error) from error
    if not header:
        raise StoreError("DB_EMPTY_FILE", path=path)
    if header != SQLITE_HEADER:
        raise StoreError("DB_NOT_SQLITE", path=path)
    tables = _table_names(path)
    if tables and "alembic_version" not in tables:
        raise StoreError("DB_NOT_MEETINGDESK", path=path)
    # SQLite in WAL mode must be able to create and write the -wal and -shm files beside it.
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _read_only_uri(path: Path) -> str:
    """The file, to be read without writing anything: immutable takes no lock and creates no
    -wal or -shm, which read-only media cannot take and another program's file must not get."""
    return f"{path.as_uri()}?mode=ro&immutable=1"


def _table_names(path: Path) -> set[str]:
    """The file's tables, read without writing anything."""
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            return {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise (sqlite_failure(error, str(path)) or
               StoreError("DB_UNREADABLE", path=path, detail=error)) from error


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling is switched off: SQLAlchemy emits BEGIN
    # (_sqlite_on_begin), so that DDL and SELECTs are transactional too. It also lets the
    # PRAGMAs below run outside a transaction, which foreign_keys requires.
    dbapi_conn.isolation_level = None
    # busy_timeout first: the others may wait
    dbapi_conn.execute(f"PRAGMA busy_timeout = {database.BUSY_TIMEOUT_MS}")
    dbapi_conn.execute("PRAGMA journal_mode = WAL")  # stored in the file; readers never block
    dbapi_conn.execute("PRAGMA synchronous = FULL")  # a commit is on disk when it returns
    dbapi_conn.execute("PRAGMA foreign_keys = ON")  # SQLite's default is off; PostgreSQL's on


def _sqlite_on_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # as in _sqlite_on_connect
    dbapi_conn.execute("PRAGMA query_only = ON")  # refuse every write in words, not half-way
    dbapi_conn.execute("PRAGMA foreign_keys = ON")


def _sqlite_on_begin(conn: Connection) -> None:
    # A reader's BEGIN is deferred: in WAL mode readers never wait for a writer, nor block one.
    # A writer's is IMMEDIATE (Database.session(write=True)): it waits for the write lock, and
    # its snapshot cannot go stale before it writes. Should a write still run in a reader's
    # transaction, the stale one is refused at its INSERT (DB_CHANGED_MEANWHILE); on PostgreSQL
    # a racing append is refused by unique(meeting_id, seq) (EVENT_SEQ_TAKEN). Either way the
    # log is never forked.
    conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get(BEGIN_OPTION, '')}".strip())
