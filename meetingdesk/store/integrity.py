"""Storage-level checks: is the database sound, is the log's guard in place, do the chains hold?

Rule-level checks (replaying each log through the domain) are added by the services layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from meetingdesk.domain.chain import verify_chain
from meetingdesk.store import appendonly, eventlog
from meetingdesk.store.database import Database
from meetingdesk.store.models import EventRecord, Meeting, MeetingType, Unit, UnitLog
from meetingdesk.store.witness import UNIT_LOG_NAMES


@dataclass(frozen=True)
class Problem:
    """One thing found wrong, and where: a meeting (or a unit log) and event seq when it
    concerns one."""

    reason_zh: str
    reason_en: str
    meeting_id: int | None = None
    meeting_uid: str | None = None
    meeting_label: str | None = None  # e.g. "2026年第3次党委会"
    seq: int | None = None
    entry: tuple[str, str] | None = None  # the kind of entry at seq, (Chinese, English)
    unit_log_id: int | None = None  # a unit's submissions or follow-up log (meeting_label names it)

    def text(self, lang: str = "zh") -> str:
        """The problem in one language, led by where it is: 会议 3（2026年第3次党委会） 第 12 条记录：…"""
        english = lang.startswith("en")
        where = ""
        label = self.meeting_label or ""
        if self.meeting_id is not None or self.unit_log_id is not None:
            if self.unit_log_id is not None:
                where = label
            else:
                where = (f"meeting {self.meeting_id} ({label})" if english
                         else f"会议 {self.meeting_id}（{label}）")
            if self.seq is not None:
                where += f", event {self.seq}" if english else f" 第 {self.seq} 条记录"
                if self.entry is not None:
                    where += f" ({self.entry[1]})" if english else f"（{self.entry[0]}）"
            where += ": " if english else "："
        return where + (self.reason_en if english else self.reason_zh)

    def __str__(self) -> str:
        return f"{self.text('zh')} / {self.text('en')}"


def check_store(db: Database) -> list[Problem]:
    """Everything wrong with the store; an empty list means it passed every check."""
    with db.translated_errors(), db.engine.connect() as conn:
        problems = _sqlite_checks(conn) if db.is_sqlite else []
        problems += [Problem(zh, en) for zh, en in appendonly.faults(conn)]
        problems += _orphan_events(conn)
        if db.witness is not None:  # the log behind what was acknowledged (a damaged -wal)
            problems += [Problem(n.message_zh, n.message_en)
                         for n in (lag.notice() for lag in db.witness.lags(conn))]
    with db.session() as session:
        meetings = session.execute(
            select(Meeting.id, Meeting.uid, Meeting.year, Meeting.number, MeetingType.name)
            .outerjoin(MeetingType, Meeting.type_id == MeetingType.id)
            .order_by(Meeting.id)).all()
        for m in meetings:
            label = f"{m.year}年第{m.number}次{m.name or '会议'}"
            for brk in verify_chain(eventlog.load(session, m.id)):
                problems.append(Problem(brk.reason_zh, brk.reason_en, m.id, m.uid, label, brk.seq))
        for log in unit_logs(session):
            for brk in verify_chain(eventlog.UNIT_LOGS.load(session, log.id)):
                problems.append(Problem(brk.reason_zh, brk.reason_en, None, log.uid, log.label,
                                        brk.seq, unit_log_id=log.id))
    return problems


def unit_logs(session: Any) -> list[Any]:
    """Every unit log, with a label that names it: (id, uid, unit_id, kind, label)."""
    rows = session.execute(select(UnitLog.id, UnitLog.uid, UnitLog.unit_id, UnitLog.kind,
                                  Unit.name).join(Unit).order_by(UnitLog.id)).all()
    return [UnitLogRow(r.id, r.uid, r.unit_id, r.kind, f"{r.name}{UNIT_LOG_NAMES[r.kind][0]}")
            for r in rows]


@dataclass(frozen=True)
class UnitLogRow:
    id: int
    uid: str
    unit_id: int
    kind: str
    label: str


def _sqlite_checks(conn: Connection) -> list[Problem]:
    problems = [
        Problem(f"SQLite 完整性检查：{message}", f"SQLite integrity check: {message}")
        for (message,) in conn.execute(text("PRAGMA integrity_check"))
        if message != "ok"
    ]
    for table, rowid, parent, _fk in conn.execute(text("PRAGMA foreign_key_check")):
        problems.append(Problem(
            f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在",
            f"row {rowid} of {table} refers to a missing {parent} row"))
    return problems


def _orphan_events(conn: Connection) -> list[Problem]:
    """Events whose meeting is gone (possible only if foreign keys were bypassed)."""
    ev = EventRecord.__table__
    rows = conn.execute(
        select(ev.c.meeting_id, ev.c.seq)
        .where(~ev.c.meeting_id.in_(select(Meeting.__table__.c.id)))
        .order_by(ev.c.meeting_id, ev.c.seq)).all()
    return [Problem("事件所属的会议不存在", "the event's meeting does not exist",
                    meeting_id=row.meeting_id, seq=row.seq) for row in rows]
