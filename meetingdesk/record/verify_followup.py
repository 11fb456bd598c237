"""Checking the follow-up log (督办) a filing package carries beside the record.

It is the unit's own log, not the meeting's: its chain must hold, every entry must replay
through the follow-up rules (domain/followup.py) with the members the meeting's own log names,
a task that says it carries out a decision of THIS meeting must name an item the record
shows decided, and a progress report this meeting heard must name tasks the log held then.
Findings are (aspect, ok, Chinese, English), as verify.Finding takes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from meetingdesk.domain import DomainError, Event, Meeting, parse_time, verify_chain
from meetingdesk.domain.followup import FollowUp, decision

Found = tuple[str, bool, str, str]


@dataclass(frozen=True)
class FollowUpSummary:
    """The 督办 log's tasks as of its last entry."""

    tasks: int
    open: int
    overdue: int
    done: int
    cancelled: int
    as_of: str  # the last entry's date, YYYY-MM-DD

    def line(self, lang: str) -> str:
        if lang == "en":
            return (f"Follow-up (督办): {self.tasks} task(s) as of {self.as_of}: {self.open} in "
                    f"progress ({self.overdue} overdue), {self.done} completed, "
                    f"{self.cancelled} cancelled")
        return (f"督办：截至 {self.as_of} 共 {self.tasks} 项任务，办理中 {self.open} 项（其中逾期 "
                f"{self.overdue} 项），已办结 {self.done} 项，已撤销 {self.cancelled} 项")


def check_followup(events: Sequence[Event], state: Meeting
                   ) -> tuple[list[Found], FollowUpSummary | None]:
    """The findings on a package's follow-up log, and its tasks if it holds."""
    if not events:
        return [("integrity", False, "followup.json 中的督办记录为空",
                 "followup.json holds no follow-up entries")], None
    breaks = verify_chain(events)
    if breaks:
        b = breaks[0]
        return [("integrity", False, f"督办记录链在第 {b.seq} 条断开：{b.reason_zh}",
                 f"the follow-up log's hash chain breaks at entry {b.seq}: {b.reason_en}")], None
    found: list[Found] = [("integrity", True, f"督办记录链完整，序号连续（共 {len(events)} 条）",
                           f"the follow-up log's hash chain holds ({len(events)} entries)")]
    followup = FollowUp(state.members)
    for ev in events:
        try:
            followup.handle(ev)
        except DomainError as error:
            if error.code == "UNKNOWN_MEMBER":
                found.append(("authenticity", False,
                              f"第 {ev.seq} 条督办记录的责任人（编号 {ev.payload.get('member_id')}）"
                              "不是本次会议记录所载的成员，无法核对",
                              f"follow-up entry {ev.seq} names a responsible member (id "
                              f"{ev.payload.get('member_id')}) who is not among this meeting's "
                              "members: it cannot be checked"))
            else:
                found.append(("authenticity", False,
                              f"第 {ev.seq} 条督办记录违反督办规则：{error.message_zh}",
                              f"follow-up entry {ev.seq} breaks a follow-up rule: "
                              f"{error.message_en}"))
            return found, None
        except Exception:  # noqa: BLE001 - a forged entry the rules cannot even read
            found.append(("integrity", False, f"第 {ev.seq} 条督办记录的内容格式错误，无法按督办规则重放",
                          f"follow-up entry {ev.seq} is malformed and cannot be replayed"))
            return found, None
    found.append(("authenticity", True, "按督办规则重放督办记录，每一条都符合规则",
                  "replayed through the follow-up rules, every entry is accepted"))
    own = [t for t in followup.tasks.values() if t.decision.meeting_uid == state.uid]
    for task in own:
        try:
            real = decision(state, task.decision.item_no)
        except DomainError:
            real = None
        if real != task.decision:
            found.append(("authenticity", False,
                          f"督办任务 {task.no} 所指的本次会议第 {task.decision.item_no} 项"
                          "在会议记录中不存在、未作出决定或与记录不符",
                          f"follow-up task {task.no} refers to item {task.decision.item_no} of "
                          "this meeting, which the record does not show decided as named"))
            return found, None
    if own:
        found.append(("authenticity", True, f"本次会议的 {len(own)} 项督办任务均指向记录中已作出的决定",
                      f"this meeting's {len(own)} follow-up task(s) refer to decisions in its "
                      "record"))
    heard = _heard(events, state)
    if heard is not None:
        found.append(heard)
        if not heard[1]:
            return found, None
    assert followup.last_at is not None
    today = followup.last_at.date()
    statuses = [t.status for t in followup.tasks.values()]
    return found, FollowUpSummary(len(statuses), statuses.count("open"),
                                  len(followup.overdue(today)), statuses.count("done"),
                                  statuses.count("cancelled"), today.isoformat())


def _heard(events: Sequence[Event], state: Meeting) -> Found | None:
    """The progress reports this meeting heard (R14) against the follow-up log as it stood
    when the meeting started: every task named was one of that decision's, as named, and not
    cancelled. None if the meeting heard none."""
    items = [item.spec for item in state.items.values() if item.spec.reports_on is not None]
    if not items:
        return None
    assert state.started_at is not None
    then = FollowUp(state.members)
    for ev in events:
        if parse_time(ev.at) > state.started_at:
            break
        then.handle(ev)
    for spec in items:
        link = spec.reports_on
        assert link is not None
        try:
            held = then.report_link(link.meeting_uid, link.item_no, [no for no, _ in link.tasks])
        except DomainError as error:
            return ("authenticity", False,
                    f"第 {spec.no} 项督办情况汇报与会议开始时的督办记录不符：{error.message_zh}",
                    f"item {spec.no}, a progress report, does not match the follow-up log as it "
                    f"stood when the meeting started: {error.message_en}")
        if held != link:
            return ("authenticity", False,
                    f"第 {spec.no} 项督办情况汇报所载的决定事项或督办事项与督办记录不一致",
                    f"item {spec.no}, a progress report, names the decision or its tasks "
                    "otherwise than the follow-up log")
    return ("authenticity", True,
            f"本次会议听取的 {len(items)} 项督办情况汇报均与会议开始时的督办记录相符",
            f"the {len(items)} progress report(s) this meeting heard match the follow-up log as "
            "it stood when the meeting started")
