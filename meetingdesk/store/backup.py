"""Copies of the SQLite database, taken while it is in use (before a migration, after a meeting)."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk import paths
from meetingdesk.store.errors import StoreError

if TYPE_CHECKING:
    from meetingdesk.store.database import Database


def backup_database(db: Database, label: str) -> Path | None:
    """Copy the database into paths.backups_dir() and return the copy's path.

    The copy is taken with SQLite's online backup API, so it is consistent even while the program
    writes; it is a single self-contained file (rollback-journal mode, no -wal beside it), named
    `<database>-<YYYYmmdd-HHMMSS>-<label>.sqlite3`, and is on disk (fsynced) before this returns.

    PostgreSQL: returns None. The county archive is backed up by its administrators with the
    server's own tools (pg_dump, base backups), not by the desktop program.
    """
    if db.path is None:
        return None
    target = _free_name(db.path.stem, label)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)  # left over by a crash during an earlier backup
        raw = db.engine.raw_connection()
        try:
            dest = sqlite3.connect(partial)
            try:
                raw.driver_connection.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            raw.close()
        _fsync(partial, os.O_RDWR)  # Windows flushes only handles opened for writing
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError("BACKUP_FAILED", path=db.label, detail=exc) from exc
    return target


def _free_name(stem: str, label: str) -> Path:
    folder = paths.backups_dir()  # created on demand
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safe_label = re.sub(r"[^\w.-]+", "-", label)  # \w keeps Chinese
    base = f"{stem}-{stamp}-{safe_label}"
    candidate = folder / f"{base}.sqlite3"
    n = 1
    while candidate.exists():  # two backups with the same label within one second
        n += 1
        candidate = folder / f"{base}-{n}.sqlite3"
    return candidate


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make the rename durable. POSIX only: Windows cannot open a folder for fsync."""
    if os.name == "posix":
        _fsync(path, os.O_RDONLY)
