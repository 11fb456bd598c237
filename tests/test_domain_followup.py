"""R14 in the rules core: tasks carrying out a decision, progress, completion, overdue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from meetingdesk.domain import GENESIS_HASH, DomainError, ItemSpec, seal
from meetingdesk.domain.followup import FollowUp
from meetingdesk.domain.hearings import ReportLink
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


def test_a_progress_report_links_only_tasks_of_the_decision_never_a_cancelled_one() -> None:
    desk = Desk()
    other = {**DECISION, "item_no": 2, "item_title": "修缮村委会办公用房"}
    desk.do("task_assigned", decision=DECISION, what="三日内拨付补助资金", member_id=7,
            deadline="2026-11-20")
    desk.do("task_assigned", decision=DECISION, what="公示补助名单", member_id=6,
            deadline="2026-11-20")
    desk.do("task_assigned", decision=other, what="完成修缮", department="党政办",
            deadline="2026-11-30")
    desk.do("task_completed", task=2, summary="已公示")
    desk.do("task_cancelled", task=3, reason="项目取消")
    link = desk.ledger.report_link("m-12", 1, [2, 1])
    assert (link.meeting_title, link.item_no, link.tasks) == (
        "2026年第12次党委会", 1, ((1, "三日内拨付补助资金"), (2, "公示补助名单")))
    assert ReportLink.from_dict(link.to_dict()) == link
    assert {d.item_no: [t.no for t in ts] for d, ts in desk.ledger.reportable().items()} == {
        1: [1, 2]}
    for code, args in [("REPORT_TASK_CANCELLED", ("m-12", 2, [3])),
                       ("REPORT_TASK_ELSEWHERE", ("m-12", 1, [1, 3])),
                       ("REPORT_NOT_IN_LEDGER", ("m-13", 1, [1])),
                       ("REPORT_NO_TASKS", ("m-12", 1, []))]:
        with pytest.raises(DomainError) as refused:
            desk.ledger.report_link(*args)
        assert refused.value.code == code


def test_a_progress_report_item_is_heard_or_decided_never_studied_and_keeps_its_link() -> None:
    link = {"meeting_uid": "m-12", "meeting_title": "2026年第12次党委会", "item_no": 1,
            "item_title": "拨付补助资金", "tasks": [{"no": 2, "what": "公示"}, {"no": 1, "what": "拨付"}]}
    item = {"no": 1, "title": "督办情况汇报", "kind": "briefing", "reports_on": link}
    spec = ItemSpec.from_dict(item)
    assert spec.reports_on is not None and [no for no, _ in spec.reports_on.tasks] == [1, 2]
    assert ItemSpec.from_dict(spec.to_dict()).reports_on == spec.reports_on
    assert ItemSpec.from_dict({**item, "kind": "decision"}).is_decision
    assert "reports_on" not in ItemSpec.from_dict({**item, "reports_on": None}).to_dict()
    for bad, code in [({**item, "kind": "study"}, "REPORT_KIND"),
                      ({**item, "reports_on": {**link, "tasks": []}}, "REPORT_NO_TASKS"),
                      ({**item, "reports_on": {**link, "tasks": [{"no": 1, "what": "a"}] * 2}},
                       "BAD_VALUE"),
                      ({**item, "reports_on": {**link, "item_no": True}}, "BAD_VALUE"),
                      ({**item, "reports_on": "m-12"}, "BAD_VALUE")]:
        with pytest.raises(DomainError) as refused:
            ItemSpec.from_dict(bad)
        assert refused.value.code == code
