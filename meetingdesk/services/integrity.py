"""`meetingdesk check`: the store's own checks, then every intact log replayed through the rules."""

from __future__ import annotations

from sqlalchemy import select

from meetingdesk.domain import DomainError, Meeting
from meetingdesk.store import Database, eventlog
from meetingdesk.store import models as m
from meetingdesk.store.integrity import Problem, check_store


def check_database(db: Database) -> list[Problem]:
    """Everything wrong with the database; an empty list means every check passed."""
    problems = check_store(db)
    broken = {p.meeting_id for p in problems if p.meeting_id is not None}
    with db.session() as session:
        meetings = session.execute(select(m.Meeting.id, m.Meeting.uid, m.Meeting.title)
                                   .order_by(m.Meeting.id)).all()
        for meeting_id, uid, title in meetings:
            if meeting_id in broken:
                continue  # a broken chain says it already; its rules cannot be trusted either
            state = Meeting()
            for ev in eventlog.load(session, meeting_id):
                try:
                    state.handle(ev)
                except DomainError as error:
                    problems.append(Problem(
                        f"记录违反会议规则：{error.message_zh}",
                        f"entry breaks a meeting rule: {error.message_en}",
                        meeting_id, uid, title, ev.seq))
                    break
    return problems
