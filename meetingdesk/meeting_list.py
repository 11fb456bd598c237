"""The meeting list's rows, and its first page read with the standard library's sqlite3 alone.

The main window shows that first page while the database is still being opened the full way
(SQLAlchemy, the schema check, the witness): importing those costs several times a bare Qt
window's start, and a clerk should see the meetings at once. Nothing here writes, imports
SQLAlchemy or decides anything: the list is shown read-only until the desk is open, and a file
this cannot read simply waits for the desk (services.Desk.open), which explains any problem.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingdesk import paths

# The log entries that say when a meeting was held (MeetingRow.held_from / held_until).
HELD_EVENTS = ("meeting_started", "session_opened", "meeting_closed")


@dataclass(frozen=True)
class Cancellation:
    """Why, when and by whom a prepared meeting was called off (R11)."""

    at: str
    by: str
    reason: str


@dataclass(frozen=True)
class MeetingRow:
    id: int
    uid: str
    unit_id: int
    unit_name: str
    type_code: str
    type_name: str
    decision_mode: str
    year: int
    number: int
    title: str
    scheduled_at: str
    place: str
    chair_id: int | None
    deputy_chair_id: int | None
    recorder: str
    status: str  # preparing, in_progress, closed, filed, or cancelled (then see `cancellation`)
    cancellation: Cancellation | None = None
    # When the meeting was actually held, from its log (the record's start and end times);
    # None before it starts. scheduled_at stays the planned time.
    held_from: str | None = None
    held_until: str | None = None

    @property
    def held(self) -> str | None:
        """'2026-11-24 09:03–11:20' (the end's date too if another day; '…' while it runs),
        or None for a meeting not held."""
        if self.held_from is None:
            return None
        start = self.held_from[:16].replace("T", " ")
        if self.held_until is None:
            return f"{start}–…"
        same_day = self.held_until[:10] == self.held_from[:10]
        return f"{start}–{self.held_until[11:16] if same_day else self.held_until[:16].replace('T', ' ')}"


def held_times(events: Iterable[tuple[int, str, str]]
               ) -> dict[int, tuple[str | None, str | None]]:
    """From and until when each meeting was held, as its record prints them, from its
    HELD_EVENTS entries (meeting id, type, at): from the opening (宣布开会), or the start of
    the record if not yet opened, to the closing."""
    times: dict[int, dict[str, str]] = {}
    for meeting_id, type_, at in events:
        times.setdefault(meeting_id, {})[type_] = at
    return {i: (t.get("session_opened") or t.get("meeting_started"), t.get("meeting_closed"))
            for i, t in times.items()}


def meeting_row(fields: Sequence[Any], held: tuple[str | None, str | None] | None = None
                ) -> MeetingRow:
    """A row from the meeting's columns in ROW_COLUMNS' order."""
    *header, status, cancelled_at, cancelled_by, cancel_reason = fields
    cancellation = None
    if cancelled_at is not None:
        cancellation = Cancellation(cancelled_at, cancelled_by or "", cancel_reason or "")
    return MeetingRow(*header, "cancelled" if cancellation else status, cancellation,
                      *(held or (None, None)))


ROW_COLUMNS = ("m.id, m.uid, m.unit_id, u.name, t.code, t.name, t.decision_mode, m.year, "
               "m.number, m.title, m.scheduled_at, m.place, m.chair_member_id, "
               "m.deputy_chair_member_id, m.recorder_name, m.status, m.cancelled_at, "
               "m.cancelled_by, m.cancel_reason")


@dataclass(frozen=True)
class FirstPage:
    """What the main window shows first: the units, the one chosen, its newest meetings and
    how many it has of each status (None: all; "cancelled")."""

    units: list[tuple[int, str]]
    unit_id: int
    rows: list[MeetingRow]
    counts: dict[str | None, int]


def first_page(target: str | None, unit_id: int | None, limit: int) -> FirstPage | None:
    """The first page of the list of `unit_id` (or of the first unit if it is not there) in
    the SQLite file `target` (None: the user's default), or None when the file cannot simply
    be read that way (a server URL, missing, not ours, locked, another schema, no unit)."""
    if target is not None and "://" in target:
        return None
    path = Path(target).expanduser() if target is not None else paths.default_db_path()
    try:
        with path.open("rb") as f:  # never let sqlite3 create or touch what is not a database
            if f.read(16) != b"SQLite format 3\x00":
                return None
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                                     timeout=0.2)
    except (OSError, sqlite3.Error):
        return None
    try:
        return _read(connection, unit_id, limit)
    except sqlite3.Error:  # an older or newer schema, a lock: the desk will tell
        return None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, unit_id: int | None, limit: int) -> FirstPage | None:
    units = [(int(i), str(name)) for i, name in
             connection.execute("SELECT id, name FROM units ORDER BY id")]
    if not units:
        return None
    unit = unit_id if unit_id in {i for i, _ in units} else units[0][0]
    page = connection.execute(
        f"SELECT {ROW_COLUMNS} FROM meetings m JOIN units u ON u.id = m.unit_id "
        "JOIN meeting_types t ON t.id = m.type_id WHERE m.unit_id = ? "
        "ORDER BY m.scheduled_at DESC, m.id DESC LIMIT ?", (unit, limit)).fetchall()
    ids = [r[0] for r in page]
    held = held_times(connection.execute(
        f"SELECT meeting_id, type, at FROM events WHERE meeting_id IN "
        f"({','.join('?' * len(ids))}) AND type IN ({','.join('?' * len(HELD_EVENTS))})",
        (*ids, *HELD_EVENTS))) if ids else {}
    counts: dict[str | None, int] = {None: 0}
    for status, cancelled, count in connection.execute(
            "SELECT status, cancelled_at IS NOT NULL, count(*) FROM meetings WHERE unit_id = ? "
            "GROUP BY 1, 2", (unit,)):
        key = "cancelled" if cancelled else status
        counts[key] = counts.get(key, 0) + count
        counts[None] += count
    return FirstPage(units, unit, [meeting_row(r, held.get(r[0])) for r in page], counts)
