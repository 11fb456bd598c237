"""Checking the follow-up log (督办) a filing package carries beside the record.

It is the unit's own log, not the meeting's: its chain must hold, every entry must replay
through the follow-up rules (domain/followup.py) with the members the meeting's own log names,
and a task that says it carries out a decision of THIS meeting must name an item the record
shows decided. Findings are (aspect, ok, Chinese, English), as verify.Finding takes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from meetingdesk.domain import DomainError, Event, Meeting, verify_chain
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
    assert followup.last_at is not None
    today = followup.last_at.date()
    statuses = [t.status for t in followup.tasks.values()]
    return found, FollowUpSummary(len(statuses), statuses.count("open"),
                                  len(followup.overdue(today)), statuses.count("done"),
                                  statuses.count("cancelled"), today.isoformat())
