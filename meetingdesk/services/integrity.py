"""`meetingdesk check`: the store's own checks, then every intact log (a meeting's, a unit's
submissions and follow-up) replayed through the rules."""

from __future__ import annotations

from sqlalchemy import select

from meetingdesk.domain import DomainError, Event, Meeting
from meetingdesk.domain.events import EVENT_TYPES
from meetingdesk.store import Database, eventlog
from meetingdesk.store import models as m
from meetingdesk.store.integrity import Problem, check_store, unit_logs

from .unitlogs import empty_ledger


def check_database(db: Database) -> list[Problem]:
    """Everything wrong with the database; an empty list means every check passed."""
    problems = check_store(db)
    broken = {p.meeting_id for p in problems if p.meeting_id is not None}
    with db.session() as session:
        meetings = session.execute(select(m.Meeting.id, m.Meeting.uid, m.Meeting.title,
                                          m.Meeting.status).order_by(m.Meeting.id)).all()
        for meeting_id, uid, title, status in meetings:
            if meeting_id in broken:
                continue  # a broken chain says it already; its rules cannot be trusted either
            events = eventlog.load(session, meeting_id)
            problem = _replay(events, status)
            if problem is not None:
                zh, en, seq = problem
                kind = next((EVENT_TYPES.get(e.type) for e in events if e.seq == seq), None)
                problems.append(Problem(zh, en, meeting_id, uid, title, seq, kind))
        broken_logs = {p.unit_log_id for p in problems if p.unit_log_id is not None}
        for log in unit_logs(session):
            if log.id in broken_logs:
                continue  # as for meetings: a broken chain says it already
            ledger = empty_ledger(session, log.unit_id, log.kind)
            for ev in eventlog.UNIT_LOGS.load(session, log.id):
                try:
                    ledger.handle(ev)
                except DomainError as error:
                    problems.append(Problem(f"记录违反规则：{error.message_zh}",
                                            f"entry breaks a rule: {error.message_en}", None,
                                            log.uid, log.label, ev.seq, unit_log_id=log.id))
                    break
    return problems


def _replay(events: list[Event], status: str) -> tuple[str, str, int | None] | None:
    """Replay a log through the rules; a refused entry, or a log that stops short of the
    state the meeting was last seen in (its last entries deleted), is a problem."""
    state = Meeting()
    for ev in events:
        try:
            state.handle(ev)
        except DomainError as error:
            return (f"记录违反会议规则：{error.message_zh}",
                    f"entry breaks a meeting rule: {error.message_en}", ev.seq)
    if state.status != status:
        return (f"记录只到第 {state.seq} 条，状态为“{STATUS_ZH[state.status]}”，"
                f"而会议已处于“{STATUS_ZH.get(status, status)}”：记录末尾的事件可能被删除",
                f"the log ends at entry {state.seq} in state '{state.status}' but the meeting "
                f"was '{status}': its last entries may have been deleted", None)
    return None


STATUS_ZH = {"preparing": "筹备中", "in_progress": "进行中", "closed": "已闭会", "filed": "已备案"}
