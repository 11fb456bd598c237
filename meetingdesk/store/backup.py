"""Copies of the SQLite database, taken while it is in use (before a migration, after a meeting).

A copy is written as `<name>.partial` and renamed when it is complete. A backup owed after a
meeting closed is finished the next time the database is opened (resume_backups) if it was
cut short: by a kill (its `.partial` is left) or by a failure such as a full disk (its
`.partial` is then emptied, to free the space, and kept as the reminder).
"""

from __future__ import annotations

import glob
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from meetingdesk import paths
from meetingdesk.store.database import Database
from meetingdesk.store.errors import StoreError, StoreNotice

_CLOSED = re.compile(r"meeting-(\d+)-closed")  # the label of the backup after closing a meeting


def backup_after_closing(db: Database, meeting_id: int, seq: int) -> Path | None:
    """The backup after meeting `meeting_id` was closed by its entry `seq` (already saved)."""
    try:
        return backup_database(db, f"meeting-{meeting_id}-closed")
    except StoreError as error:
        code = "CLOSED_BACKUP_OWED" if error.params["owed"] else "CLOSED_BACKUP_NOT_MADE"
        raise StoreError(code, seq=seq, path=db.label, detail=error.params["detail"]) from error


def resume_backups(db: Database) -> list[StoreNotice]:
    """Finish the closing backups cut short earlier and remove other unfinished copies."""
    folder = paths.backups_dir(create=False)
    if db.path is None or db.read_only or not folder.is_dir():
        return []
    notices = []
    name = re.compile(rf"{re.escape(db.path.stem)}-\d{{8}}-\d{{6}}-(.+?)(?:-\d+)?"
                      r"\.sqlite3\.partial")
    for partial in sorted(folder.glob(f"{glob.escape(db.path.stem)}-*.partial")):
        found = name.fullmatch(partial.name)
        if found is None:
            continue  # another database's
        _remove(partial)
        closed = _CLOSED.fullmatch(found.group(1))
        if closed is None:
            notices.append(StoreNotice("BACKUP_PARTIAL_REMOVED", path=partial))
            continue
        try:
            made = backup_database(db, found.group(1))
        except StoreError as error:
            notices.append(StoreNotice("BACKUP_STILL_OWED", meeting_id=closed.group(1),
                                       detail=error.params["detail"]))
        else:
            notices.append(StoreNotice("BACKUP_FINISHED", meeting_id=closed.group(1), path=made))
    return notices


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
        owed = bool(_CLOSED.fullmatch(label)) and _leave_reminder(partial)
        if not owed:
            _remove(partial)
        raise StoreError("BACKUP_FAILED", path=db.label, detail=exc, owed=owed) from exc
    return target


def _leave_reminder(partial: Path) -> bool:
    """Empty the unfinished copy (freeing its space) but keep its name, for resume_backups."""
    try:
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
        partial.touch()
        os.truncate(partial, 0)
        return True
    except OSError:
        return False


def _remove(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass  # the copy is incomplete whatever remains; resume_backups removes it later


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
