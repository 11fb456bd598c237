"""Builders for domain tests: a 9-member township party committee and a harness that records
entries through the rules core and seals them into a hash chain, as the services do."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from meetingdesk.domain import Event, Meeting, seal, GENESIS_HASH

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = json.loads((ROOT / "resources" / "rules" / "default.json").read_text("utf-8"))
TZ = timezone(timedelta(hours=8))

CHIEF = 1
MEMBERS = [
    {"id": 1, "name": "王建堃", "position": "党委书记", "rank": 1, "is_chief": True},
    {"id": 2, "name": "李犇", "position": "党委副书记、乡长", "rank": 2},
    {"id": 3, "name": "张喆", "position": "党委副书记", "rank": 3},
    {"id": 4, "name": "陈玥", "position": "纪委书记", "rank": 4},
    {"id": 5, "name": "刘珺", "position": "组织委员", "rank": 5},
    {"id": 6, "name": "赵燊", "position": "宣传委员", "rank": 6},
    {"id": 7, "name": "孙昇", "position": "副乡长", "rank": 7},
    {"id": 8, "name": "周海", "position": "副乡长", "rank": 8},
    {"id": 9, "name": "吴敏", "position": "人武部长", "rank": 9},
]
ALL = [m["id"] for m in MEMBERS]

FUND_ITEM = {"no": 1, "title": "拨付台风灾后农业合作社补助资金", "kind": "decision",
             "category": "general", "amount": "300000", "fund_type": "project",
             "area": "农业农村", "presenter_id": 7, "vote_mode": "hands"}
APPOINT_ITEM = {"no": 2, "title": "推荐村党组织书记人选", "kind": "decision",
                "category": "appointment", "area": "党建", "presenter_id": 5,
                "vote_mode": "secret",
                "candidates": [{"name": "林玥", "current_post": "村委委员",
                                "proposed_post": "村党支部书记"},
                               {"name": "何犇", "current_post": "村文书",
                                "proposed_post": "村党支部副书记"}]}
STUDY_ITEM = {"no": 3, "title": "学习县委关于“一把手”监督的规定", "kind": "study",
              "presenter_id": 3}


def rules(**changes: Any) -> dict[str, Any]:
    return {**DEFAULTS["rule_set"], **changes}


def start_payload(agenda: list[dict[str, Any]] | None = None, *, mode: str = "vote",
                  expected: list[int] | None = None, chair: int | None = CHIEF,
                  deputy: int | None = 2, rule_changes: dict[str, Any] | None = None,
                  members: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "uid": str(uuid.uuid4()),
        "unit": {"id": 1, "name": "晓塘乡党委"},
        "meeting_type": ({"code": "party_committee", "name": "党委会", "decision_mode": "vote"}
                         if mode == "vote" else
                         {"code": "head_office", "name": "乡镇长办公会", "decision_mode": "head"}),
        "year": 2026, "number": 12, "title": "2026年第12次党委会",
        "scheduled_at": "2026-11-26T09:00:00+08:00", "place": "乡政府三楼会议室",
        "chair_id": chair, "deputy_chair_id": deputy, "recorder": "郑小玲",
        "members": members or MEMBERS, "expected": expected or ALL,
        "observers": [{"name": "钱立", "position": "派驻纪检组长"}],
        "rule_set": rules(**(rule_changes or {})),
        "agenda": agenda if agenda is not None else [FUND_ITEM],
    }


class Harness:
    """Records entries through Meeting.propose/apply and keeps the sealed log."""

    def __init__(self, payload: dict[str, Any] | None = None) -> None:
        self.meeting = Meeting()
        self.events: list[Event] = []
        self.clock = datetime(2026, 11, 26, 9, 0, tzinfo=TZ)
        self.do("meeting_started", None, **(payload or start_payload()))

    def do(self, type_: str, member: int | None = None, **payload: Any) -> Event:
        self.clock += timedelta(minutes=1)
        cmd = self.meeting.propose(type_, member, payload, self.clock)
        prev = self.events[-1].hash if self.events else GENESIS_HASH
        ev = seal(self.meeting.uid or cmd.payload.get("uid", ""), len(self.events) + 1, cmd.type,
                  self.clock.isoformat(), cmd.member_id, cmd.payload, prev)
        self.meeting.apply(cmd, self.clock)
        self.events.append(ev)
        return ev

    def roll_call(self, absent: dict[int, str] | None = None) -> "Harness":
        absent = absent or {}
        for m in self.meeting.expected:
            if m in absent:
                self.do("attendance", m, status="absent", reason=absent[m])
            else:
                self.do("attendance", m, status="present")
        return self

    def open(self, absent: dict[int, str] | None = None) -> "Harness":
        self.roll_call(absent)
        self.do("session_opened")
        return self

    def discuss(self, item_no: int, stance: str = "agree", *, skip: tuple[int, ...] = ()) -> None:
        """Open the item, have the presenter report and every member speak, chief last."""
        self.do("item_opened", item_no=item_no)
        item = self.meeting.items[item_no]
        presenter = item.spec.presenter_id or self.meeting.present()[0]
        self.do("report", presenter, item_no=item_no, words="汇报：情况如下。")
        for m in self.meeting.speaking_queue(item_no):
            if m not in skip:
                self.say(item_no, m, stance)
        last = self.meeting.last_speaker(item_no)
        if last is not None and self.meeting.decision_mode == "vote" and last not in skip:
            self.say(item_no, last, stance)

    def say(self, item_no: int, member: int, stance: str = "agree") -> Event:
        return self.do("opinion", member, **self.stance_fields(item_no, stance))

    def stance_fields(self, item_no: int, stance: str = "agree") -> dict[str, Any]:
        """An opinion's payload: one stance, or one on each candidate (逐一表态)."""
        reason = "依据不足，需进一步调研" if stance in ("disagree", "defer") else ""
        fields: dict[str, Any] = {"item_no": item_no, "words": f"{stance}：我的意见是……"}
        candidates = self.meeting.items[item_no].spec.candidates
        if candidates:
            fields["stances"] = [{"candidate": k, "stance": stance, "reason": reason}
                                 for k in range(1, len(candidates) + 1)]
        else:
            fields.update(stance=stance, reason=reason)
        return fields

    def paper_ballot(self, item_no: int, marks: list[dict[str, str] | None],
                     scrutineer: int = 4, counter: int = 6) -> None:
        """Issue a ballot to every eligible member, then count the returned ones (None: void)."""
        self.do("ballots_issued", item_no=item_no, issued=len(self.meeting.eligible(item_no)),
                first_serial=1, scrutineers=[scrutineer], counters=[counter])
        self.do("ballots_counted", item_no=item_no, returned=len(marks),
                ballots=[{"void": True} if m is None else {"marks": m} for m in marks])

    def vote_all(self, item_no: int, choice: str = "agree", candidate: int | None = None) -> None:
        for m in self.meeting.eligible(item_no):
            self.do("vote", m, item_no=item_no, candidate=candidate, choice=choice)
