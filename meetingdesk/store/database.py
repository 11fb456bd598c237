"""An open MeetingDesk database: its engine, its transactions, and its errors in words.

Opening one (checking the file, migrating, backing up) is db.py's job; this module imports none
of that, so the store's modules import one another one way: db -> migrate -> backup -> database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, exc
from sqlalchemy.orm import Session, sessionmaker

from meetingdesk.store.errors import StoreError, StoreNotice
from meetingdesk.store.witness import Lag, Witness

BUSY_TIMEOUT_MS = 5000  # how long SQLite waits for another program's write lock
BEGIN_OPTION = "meetingdesk_begin"  # execution option read by db._sqlite_on_begin

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


def sqlite_failure(error: BaseException, path: str, read_only: bool = False) -> StoreError | None:
    """What a sqlite3 error means to the user, or None if it is not one of ours to explain."""
    message = str(error).lower()
    if read_only and "readonly" in message:
        return StoreError("DB_READ_ONLY", path=path)
    for fragment, code in _SQLITE_FAILURES:
        if fragment in message:
            return StoreError(code, path=path, detail=error, seconds=BUSY_TIMEOUT_MS // 1000)
    return None


class Database:
    """An open database at the newest schema. Use `session()` for each unit of work."""

    def __init__(self, engine: Engine, path: Path | None, read_only: bool = False) -> None:
        self.engine = engine
        self.path = path  # the SQLite file; None for PostgreSQL (or SQLite in memory)
        self.read_only = read_only  # on read-only media or without write access
        self.notices: list[StoreNotice] = []  # what the user is to be told about the opening
        self.witness: Witness | None = None  # what was acknowledged (a SQLite file only)
        self.lagging: dict[int, Lag] = {}  # meeting id -> its log is behind the witness
        self.lagging_unit_logs: dict[int, Lag] = {}  # the same for a unit log, by its id
        # Writes begin with the write lock (SQLite: BEGIN IMMEDIATE), so a busy database is
        # waited for (busy_timeout) instead of refused at the first INSERT of a transaction
        # that began as a reader, which SQLite does at once to avoid a deadlock.
        self._writer = engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)

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
    def session(self, write: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.
        `write`: the block writes; it then waits for another program's write to finish."""
        sessions = self._write_sessions if write else self._sessions
        with self.translated_errors(), sessions.begin() as session:
            yield session

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Connection]:
        """One transaction on a plain connection, for hot paths that need no ORM session."""
        with self.translated_errors(), (self._writer if write else self.engine).begin() as conn:
            yield conn

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

    def acknowledge(self, meeting_uid: str, seq: int, digest: str) -> None:
        """Witness an entry once its transaction is committed, before the action returns."""
        if self.witness is not None:
            self.witness.acknowledge(meeting_uid, seq, digest)

    def refuse_if_lagging(self, meeting_id: int) -> None:
        """Refuse an entry for a meeting whose log is behind what was acknowledged."""
        lag = self.lagging.get(meeting_id)
        if lag is not None:
            raise StoreError("LOG_PAUSED", meeting=lag.meeting)

    def refuse_if_unit_log_lagging(self, log_id: int) -> None:
        """Refuse an entry for a unit log that is behind what was acknowledged."""
        lag = self.lagging_unit_logs.get(log_id)
        if lag is not None:
            raise StoreError("UNIT_LOG_PAUSED", log=lag.meeting)

    def close(self) -> None:
        if self.witness is not None:
            self.witness.close()
        self.engine.dispose()

    def _translate(self, error: exc.DBAPIError) -> StoreError | None:
        if self.is_sqlite:
            # WAL: this transaction read a snapshot that another program's commit has since
            # replaced, so it may not write (and waiting would not help).
            if getattr(error.orig, "sqlite_errorname", None) == "SQLITE_BUSY_SNAPSHOT":
                return StoreError("DB_CHANGED_MEANWHILE", path=self.label)
            return sqlite_failure(error.orig, self.label, self.read_only)
        # PostgreSQL: no SQLSTATE (the client never got through), class 08 (connection
        # exception) or 57P (the server is shutting down) mean the server cannot be reached.
        sqlstate = getattr(error.orig, "sqlstate", None)
        if isinstance(error, exc.OperationalError) and (
                sqlstate is None or sqlstate.startswith(("08", "57P"))):
            return StoreError("DB_UNREACHABLE", path=self.label, detail=error.orig)
        return None
