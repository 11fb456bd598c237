"""A witness of what was acknowledged, independent of SQLite: `<database>-acked` beside the file.

SQLite replays a damaged -wal only up to the damage, and says nothing: committed entries
vanish. So each entry, once committed and before the action returns, is also appended to the
witness as one line "log-uid seq hash" (a meeting's uid, or a unit log's), flushed to disk (fdatasync). At opening and in
`check`, every meeting's stored log is compared with the last entry witnessed for it; a log that
is shorter or different is reported, and the meeting takes no further entries (which would
overwrite the evidence). A -wal found at opening is copied aside first, and the copy is kept
only if a log turns out to be behind, for whoever recovers it.

The witness can only fall behind the database (a kill between the commit and its line, a
failed write), never get ahead of it unless entries were lost: it cannot raise a false alarm.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, bindparam, select

from meetingdesk.store import eventlog
from meetingdesk.store.errors import StoreError, StoreNotice
from meetingdesk.store.models import EventRecord, Meeting, Unit, UnitLog, UnitLogEvent

SUFFIX = "-acked"
WAL_HEADER_SIZE = 32  # a -wal of no more than its header holds no entries
_LINE = re.compile(rb"([0-9a-f-]{36}) ([0-9]+) ([0-9a-f]{64})")
_sync = getattr(os, "fdatasync", os.fsync)  # the data, not the times; Windows has only fsync

_events = EventRecord.__table__
_meetings = Meeting.__table__
_HASH_AT = (select(_events.c.hash)
            .join_from(_events, _meetings, _events.c.meeting_id == _meetings.c.id)
            .where(_meetings.c.uid == bindparam("uid"), _events.c.seq == bindparam("seq")))
_MEETING = select(_meetings.c.id, _meetings.c.title).where(_meetings.c.uid == bindparam("uid"))
_unit_events = UnitLogEvent.__table__
_logs = UnitLog.__table__
_UNIT_HASH_AT = (select(_unit_events.c.hash)
                 .join_from(_unit_events, _logs, _unit_events.c.log_id == _logs.c.id)
                 .where(_logs.c.uid == bindparam("uid"), _unit_events.c.seq == bindparam("seq")))
_UNIT_LOG = (select(_logs.c.id, _logs.c.kind, Unit.__table__.c.name)
             .join_from(_logs, Unit.__table__).where(_logs.c.uid == bindparam("uid")))
UNIT_LOG_NAMES = {"submissions": ("议题申报记录", "submissions"), "followup": ("督办记录", "follow-up")}


@dataclass(frozen=True)
class Lag:
    """A log whose stored entries are behind, or other than, what was acknowledged: a
    meeting's, or a unit's own (then `unit_log_id` is set and `meeting_id` is None)."""

    meeting_id: int | None  # None if the meeting itself is gone, or for a unit log
    meeting: str  # its title (a unit log's: unit and kind), or its uid if it is gone
    acknowledged: int
    stored: int
    unit_log_id: int | None = None

    def notice(self) -> StoreNotice:
        code = ("LOG_BEHIND_ACKNOWLEDGED" if self.stored < self.acknowledged
                else "LOG_DIFFERS_FROM_ACKNOWLEDGED")
        return StoreNotice(code, meeting=self.meeting, acknowledged=self.acknowledged,
                           stored=self.stored)


class Witness:
    """The `-acked` file of one SQLite database."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + SUFFIX)
        self._fd: int | None = None

    def acknowledge(self, meeting_uid: str, seq: int, digest: str) -> None:
        """Witness an entry that has been committed. A failure here (a full disk) is not the
        action's: the entry is saved; only this entry's witness is missing."""
        try:
            if self._fd is None:
                self._fd = self._open()
            os.write(self._fd, f"{meeting_uid} {seq} {digest}\n".encode())
            _sync(self._fd)
        except OSError:
            pass

    def heads(self) -> dict[str, tuple[int, str]]:
        """The last entry witnessed for each meeting uid: (seq, hash)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise StoreError("DB_UNREADABLE", path=self.path, detail=error.strerror) from error
        heads: dict[str, tuple[int, str]] = {}
        for line in data.splitlines():
            found = _LINE.fullmatch(line)  # a line cut short by a kill is not a witness
            if found:
                uid, seq = found.group(1).decode(), int(found.group(2))
                if seq >= heads.get(uid, (0, ""))[0]:
                    heads[uid] = (seq, found.group(3).decode())
        return heads

    def lags(self, conn: Connection) -> list[Lag]:
        """Every log (a meeting's or a unit's) that does not hold its last witnessed entry."""
        found = []
        for uid, (seq, digest) in self.heads().items():
            where = {"uid": uid, "seq": seq}
            if digest in (conn.execute(_HASH_AT, where).scalar(),
                          conn.execute(_UNIT_HASH_AT, where).scalar()):
                continue
            row = conn.execute(_MEETING, {"uid": uid}).first()
            unit_log = None if row else conn.execute(_UNIT_LOG, {"uid": uid}).first()
            if unit_log is not None:
                stored = eventlog.UNIT_LOGS.head(conn, unit_log.id)[0]
                label = f"{unit_log.name}{UNIT_LOG_NAMES[unit_log.kind][0]}"
                found.append(Lag(None, label, seq, stored, unit_log.id))
                continue
            stored = eventlog.head(conn, row.id)[0] if row else 0
            found.append(Lag(row.id if row else None, row.title if row else uid, seq, stored))
        return found

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open(self) -> int:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0),
                     0o644)
        with self.path.open("rb") as f:  # a kill may have cut the last line: end it first
            if f.seek(0, os.SEEK_END) and (f.seek(-1, os.SEEK_END), f.read(1))[1] != b"\n":
                os.write(fd, b"\n")
        return fd


def keep_wal(db_path: Path) -> Path | None:
    """Copy a -wal found beside the database before SQLite replays it; None if there is none."""
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if wal.stat().st_size <= WAL_HEADER_SIZE:
            return None
        kept = wal.with_name(f"{wal.name}.{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.kept")
        shutil.copyfile(wal, kept)
        return kept
    except OSError:
        return None  # none there (the usual case), or it cannot be copied: nothing to keep
