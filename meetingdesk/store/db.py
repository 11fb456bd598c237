"""Opening a MeetingDesk database: a SQLite file (the default) or a PostgreSQL URL (the archive)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, make_url
from sqlalchemy.orm import Session, sessionmaker

from meetingdesk import paths
from meetingdesk.store.errors import StoreError
from meetingdesk.store.migrate import upgrade_to_head

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000  # how long SQLite waits for another program's write lock

# Fragments of sqlite3's error messages, and what they mean to the user.
_SQLITE_FAILURES = (
    ("database is locked", "DB_LOCKED"),
    ("database table is locked", "DB_LOCKED"),
    ("unable to open database file", "DB_UNREADABLE"),
    ("disk i/o error", "DB_UNREADABLE"),
    ("readonly database", "DB_UNWRITABLE"),
    ("database or disk is full", "DB_UNWRITABLE"),
    ("file is not a database", "DB_CORRUPT"),
    ("malformed", "DB_CORRUPT"),
)


class Database:
    """An open database at the newest schema. Use `session()` for each unit of work."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path  # the SQLite file; None for PostgreSQL (or SQLite in memory)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def label(self) -> str:
        """How to name this database to a user: the file, or the URL without its password."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.translated_errors(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction on a plain connection, for hot paths that need no ORM session."""
        with self.translated_errors(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        """Turn a locked, unreadable, damaged or unreachable database into a StoreError."""
        try:
            yield
        except exc.DBAPIError as error:
            translated = self._translate(error)
            if translated is None:
                raise
            raise translated from error

    def close(self) -> None:
        self.engine.dispose()

    def _translate(self, error: exc.DBAPIError) -> StoreError | None:
        if self.is_sqlite:
            # WAL: this transaction read a snapshot that another program's commit has since
            # replaced, so it may not write (and waiting would not help).
            if getattr(error.orig, "sqlite_errorname", None) == "SQLITE_BUSY_SNAPSHOT":
                return StoreError("DB_CHANGED_MEANWHILE", path=self.label)
            message = str(error.orig).lower()
            for fragment, code in _SQLITE_FAILURES:
                if fragment in message:
                    return StoreError(code, path=self.label, detail=error.orig,
                                      seconds=BUSY_TIMEOUT_MS // 1000)
            return None
        # PostgreSQL: no SQLSTATE (the client never got through), class 08 (connection
        # exception) or 57P (the server is shutting down) mean the server cannot be reached.
        sqlstate = getattr(error.orig, "sqlstate", None)
        if isinstance(error, exc.OperationalError) and (
                sqlstate is None or sqlstate.startswith(("08", "57P"))):
            return StoreError("DB_UNREACHABLE", path=self.label, detail=error.orig)
        return None


def open_database(target: str | Path | None = None) -> Database:
    """Open (creating if need be) and migrate a database.

    `target`: None for the user's default SQLite file (paths.default_db_path()); a path for a
    SQLite file; a URL (anything containing "://", e.g. postgresql+psycopg://...) used as is.
    Before the schema is migrated, a database that already holds data is backed up.
    """
    url, path = _resolve(target)
    if path is not None:
        _prepare_sqlite_file(path)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    else:
        # pre_ping: a desktop left open overnight finds its archive connections dropped.
        engine = create_engine(url, pool_pre_ping=True)
    db = Database(engine, path)
    try:
        with db.translated_errors():
            upgrade_to_head(db)
    except BaseException:
        db.close()
        raise
    return db


def _resolve(target: str | Path | None) -> tuple[URL, Path | None]:
    if target is None:
        target = paths.default_db_path()
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return url, None
        target = url.database
    path = Path(target).expanduser().absolute()
    return URL.create("sqlite+pysqlite", database=str(path)), path


def _prepare_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite (leaving it untouched); create the folder of a new one."""
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        header = b""
    except OSError as error:
        raise StoreError("DB_UNREADABLE", path=path, detail=error.strerror or error) from error
    if header and header != SQLITE_HEADER:
        raise StoreError("DB_NOT_SQLITE", path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError("DB_UNWRITABLE", path=path, detail=error.strerror or error) from error


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling is switched off: SQLAlchemy emits BEGIN
    # (_sqlite_on_begin), so that DDL and SELECTs are transactional too. It also lets the
    # PRAGMAs below run outside a transaction, which foreign_keys requires.
    dbapi_conn.isolation_level = None
    dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # first: the others may wait
    dbapi_conn.execute("PRAGMA journal_mode = WAL")  # stored in the file; readers never block
    dbapi_conn.execute("PRAGMA synchronous = FULL")  # a commit is on disk when it returns
    dbapi_conn.execute("PRAGMA foreign_keys = ON")  # SQLite's default is off; PostgreSQL's on


def _sqlite_on_begin(conn: Connection) -> None:
    # A deferred BEGIN: in WAL mode readers never wait for a writer, nor block one. When two
    # programs race to append to the same log, the one whose snapshot went stale is refused at
    # its INSERT (DB_CHANGED_MEANWHILE); on PostgreSQL the loser is refused by
    # unique(meeting_id, seq) instead (EVENT_SEQ_TAKEN). Either way the log is never forked.
    conn.exec_driver_sql("BEGIN")
