"""Telling a county archive file from a township's database before anything heavy is loaded,
so that ``meetingdesk --db archive.sqlite`` opens the county window (standard library only)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

VERSION_TABLE = "county_schema_version"  # the archive's Alembic version table


def is_archive_file(target: str | None) -> bool:
    """Whether ``target`` is a SQLite file holding a county archive; read without writing (a
    server URL is never sniffed: the county names it with ``meetingdesk county gui --db``)."""
    if not target or "://" in target:
        return False
    path = Path(target).expanduser()
    try:
        with path.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                return False
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                  (VERSION_TABLE,)).fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()
