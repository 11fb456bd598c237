"""R14 in the rules core: tasks carrying out a decision, progress, completion, overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from meetingdesk.domain import GENESIS_HASH, DomainError, seal
from meetingdesk.domain.followup import FollowUp
from meetingdesk.domain.roster import Member

from meeting_factory import MEMBERS, TZ

TEAM = {m["id"]: Member.from_dict(m) for m in MEMBERS}
DECISION = {"meeting_uid": "m-12", "meeting_title": "2026年第12次党委会", "item_no": 1,
            "item_title": "拨付台风灾后农业合作社补助资金", "decided_on": "2026-11-02"}


class Desk:
    def __init__(self) -> None:
        self.ledger = FollowUp(TEAM)
        self.events: list = []
        self.at = datetime(2026, 11, 2, 16, 0, tzinfo=TZ)

    def do(self, type_: str, member: int | None = 2, **payload: Any) -> None:
        self.at += timedelta(days=1)
        cmd = self.ledger.propose(type_, member, payload, self.at)
        prev = self.events[-1].hash if self.events else GENESIS_HASH
        self.events.append(seal("tasks-1", len(self.events) + 1, cmd.type,
                                self.at.isoformat(), cmd.member_id, cmd.payload, prev))
        self.ledger.apply(cmd, self.at)


def test_a_task_runs_from_assignment_through_progress_to_completion() -> None:
    desk = Desk()
    desk.do("task_assigned", decision=DECISION, what="三日内拨付补助资金", member_id=7,
            deadline="2026-11-20")
    desk.do("progress_noted", task=1, on="2026-11-04", note="已拨付首批 12 万元")
    desk.do("task_completed", task=1, summary="补助资金 30 万元全部拨付到位")
    task = FollowUp.replay(desk.events, TEAM).tasks[1]
    assert task.status == "done" and task.outcome.startswith("补助资金")
    assert [p.note for p in task.progress] == ["已拨付首批 12 万元"]
    with pytest.raises(DomainError) as refused:
        desk.do("progress_noted", task=1, on="2026-11-05", note="补充")
    assert refused.value.code == "TASK_CLOSED" and "已办结" in refused.value.message_zh


def test_an_open_task_past_its_deadline_is_overdue_a_closed_one_never() -> None:
    desk = Desk()
    desk.do("task_assigned", decision=DECISION, what="完成合作社验收", department="农业农村办",
            deadline="2026-11-10")
    desk.do("task_assigned", decision=DECISION, what="公示补助名单", member_id=6,
            deadline="2026-11-10")
    desk.do("task_cancelled", task=2, reason="并入第 1 项办理")
    assert [t.no for t in desk.ledger.overdue(date(2026, 11, 11))] == [1]
    assert desk.ledger.overdue(date(2026, 11, 10)) == []


@pytest.mark.parametrize("changes, code", [
    ({"member_id": None}, "TASK_OWNER"),
    ({"department": "农业农村办"}, "TASK_OWNER"),
    ({"member_id": 42}, "UNKNOWN_MEMBER"),
    ({"deadline": "2026-11-01"}, "DEADLINE_PAST"),
    ({"deadline": "下周"}, "BAD_VALUE"),
    ({"what": " "}, "TEXT_REQUIRED"),
    ({"decision": {**DECISION, "item_no": "1"}}, "BAD_VALUE"),
])
def test_a_task_without_owner_deadline_or_decision_is_refused(changes: dict, code: str) -> None:
    desk = Desk()
    payload = {"decision": DECISION, "what": "拨付资金", "member_id": 7, "deadline": "2026-11-20",
               **changes}
    with pytest.raises(DomainError) as refused:
        desk.do("task_assigned", **payload)
    assert refused.value.code == code and desk.events == []


def test_progress_is_dated_between_assignment_and_today_and_cancelling_needs_a_reason() -> None:
    desk = Desk()
    desk.do("task_assigned", decision=DECISION, what="拨付资金", member_id=7,
            deadline="2026-11-20")
    with pytest.raises(DomainError) as refused:
        desk.do("progress_noted", task=1, on="2026-12-30", note="x")
    assert refused.value.code == "PROGRESS_DATE"
    with pytest.raises(DomainError) as refused:
        desk.do("task_cancelled", task=1, reason="")
    assert refused.value.code == "REASON_REQUIRED"
    with pytest.raises(DomainError) as refused:
        desk.do("task_completed", task=9, summary="x")
    assert refused.value.code == "UNKNOWN_TASK"
