"""Decisions followed to completion (督办, R14).

Each decided item can carry tasks: what, who (a member or a department), by when. Progress is
noted with dates until the task is completed with a summary or cancelled with a reason. The
follow-up is its own append-only log: it never changes the closed record it refers to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .errors import DomainError
from .hearings import ReportLink, decided_item
from .ledger import Ledger, entry_no
from .roster import Member
from .text import clean_text
from .words import HEAD_DECISIONS_FOR

if TYPE_CHECKING:
    from .meeting import Meeting

STATUSES = {"open": ("办理中", "in progress"), "done": ("已办结", "completed"),
            "cancelled": ("已撤销", "cancelled")}


@dataclass(frozen=True)
class DecisionRef:
    """The decided item a task carries out, as the closed record names it."""

    meeting_uid: str
    meeting_title: str
    item_no: int
    item_title: str
    decided_on: date

    def to_dict(self) -> dict[str, Any]:
        return {"meeting_uid": self.meeting_uid, "meeting_title": self.meeting_title,
                "item_no": self.item_no, "item_title": self.item_title,
                "decided_on": self.decided_on.isoformat()}

    @classmethod
    def from_dict(cls, d: Any) -> "DecisionRef":
        return cls(*decided_item(d, "决定事项", "decision"),
                   _day(d.get("decided_on"), "决定日期", "decision date"))


def decisions(meeting: "Meeting") -> list[DecisionRef]:
    """The items of a closed meeting that were decided for, which tasks can carry out: a vote
    passed (for an appointment, on at least one candidate), or the head agreed (R10)."""
    if meeting.closed_at is None:
        return []
    return [DecisionRef(meeting.uid, meeting.header["title"], no, item.spec.title,
                        (item.finished_at or meeting.closed_at).date())
            for no, item in sorted(meeting.items.items())
            if item.status == "decided" and (any(r.passed for r in item.results.values())
                                             or item.head_decision in HEAD_DECISIONS_FOR)]


def decision(meeting: "Meeting", item_no: int) -> DecisionRef:
    """The decided item `item_no` of a closed meeting, or refuse (NOT_DECIDED)."""
    found = next((d for d in decisions(meeting) if d.item_no == item_no), None)
    if found is None:
        raise DomainError("NOT_DECIDED", title=meeting.header.get("title", ""), item_no=item_no)
    return found


@dataclass(frozen=True)
class Progress:
    at: datetime
    on: date
    note: str


@dataclass
class Task:
    no: int
    decision: DecisionRef
    what: str
    member_id: int | None
    department: str
    deadline: date
    assigned_at: datetime
    status: str = "open"
    progress: list[Progress] = field(default_factory=list)
    outcome: str = ""  # the completion summary or the reason for cancelling
    closed_at: datetime | None = None

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.deadline < today


class FollowUp(Ledger):
    """A unit's follow-up tasks, rebuilt from their log."""

    TYPES = ("task_assigned", "progress_noted", "task_completed", "task_cancelled")

    def __init__(self, members: dict[int, Member]) -> None:
        super().__init__()
        self.members = members
        self.tasks: dict[int, Task] = {}

    def _open(self, p: dict[str, Any]) -> Task:
        task = self.tasks[entry_no(p, "task", self.tasks, "UNKNOWN_TASK")]
        if task.status != "open":
            raise DomainError("TASK_CLOSED", no=task.no, status=STATUSES[task.status][0],
                              status_en=STATUSES[task.status][1])
        return task

    def _check_task_assigned(self, member_id, p, at):
        decision = DecisionRef.from_dict(p.get("decision"))
        if decision.decided_on > at.date():
            raise DomainError("BAD_VALUE", field="决定日期", field_en="decision date",
                              value=decision.decided_on.isoformat())
        what = clean_text(p.get("what"), "督办事项", "the task", 2000)
        owner = p.get("member_id")
        department = clean_text(p.get("department", ""), "责任部门", "the department", 100,
                                required=False)
        if (owner is None) == (not department):
            raise DomainError("TASK_OWNER")
        if owner is not None and owner not in self.members:
            raise DomainError("UNKNOWN_MEMBER", member_id=str(owner)[:20])
        deadline = _day(p.get("deadline"), "办结时限", "deadline")
        if deadline < at.date():
            raise DomainError("DEADLINE_PAST", deadline=deadline.isoformat())
        return member_id, {"decision": decision.to_dict(), "what": what, "member_id": owner,
                           "department": department, "deadline": deadline.isoformat()}

    def _apply_task_assigned(self, member_id, p, at):
        no = len(self.tasks) + 1
        self.tasks[no] = Task(no, DecisionRef.from_dict(p["decision"]), p["what"],
                              p["member_id"], p["department"], date.fromisoformat(p["deadline"]),
                              at)

    def _check_progress_noted(self, member_id, p, at):
        task = self._open(p)
        on = _day(p.get("on"), "进展日期", "progress date")
        if on > at.date() or on < task.assigned_at.date():
            raise DomainError("PROGRESS_DATE", on=on.isoformat(),
                              since=task.assigned_at.date().isoformat())
        note = clean_text(p.get("note"), "进展情况", "the progress", 2000)
        return member_id, {"task": task.no, "on": on.isoformat(), "note": note}

    def _apply_progress_noted(self, member_id, p, at):
        self.tasks[p["task"]].progress.append(Progress(at, date.fromisoformat(p["on"]), p["note"]))

    def _check_task_completed(self, member_id, p, at):
        task = self._open(p)
        summary = clean_text(p.get("summary"), "办结情况", "the completion summary", 2000)
        return member_id, {"task": task.no, "summary": summary}

    def _apply_task_completed(self, member_id, p, at):
        task = self.tasks[p["task"]]
        task.status, task.outcome, task.closed_at = "done", p["summary"], at

    def _check_task_cancelled(self, member_id, p, at):
        task = self._open(p)
        reason = clean_text(p.get("reason"), "撤销理由", "the reason for cancelling", 2000,
                            empty_code="REASON_REQUIRED")
        return member_id, {"task": task.no, "reason": reason}

    def _apply_task_cancelled(self, member_id, p, at):
        task = self.tasks[p["task"]]
        task.status, task.outcome, task.closed_at = "cancelled", p["reason"], at

    def overdue(self, today: date) -> list[Task]:
        return [t for t in self.tasks.values() if t.overdue(today)]

    def reportable(self) -> dict[DecisionRef, list[Task]]:
        """The decisions a later meeting can hear a progress report on, with the tasks it can
        report on: open or completed, never cancelled."""
        out: dict[DecisionRef, list[Task]] = {}
        for task in self.tasks.values():
            if task.status != "cancelled":
                out.setdefault(task.decision, []).append(task)
        return out

    def report_link(self, meeting_uid: str, item_no: int, task_nos: list[int]) -> ReportLink:
        """The link a progress-report item carries (R14): the decision must be in this
        follow-up log, every task one of its tasks and none cancelled."""
        mine = {t.no: t for t in self.tasks.values()
                if t.decision.meeting_uid == meeting_uid and t.decision.item_no == item_no}
        if not mine:
            raise DomainError("REPORT_NOT_IN_LEDGER", item_no=item_no)
        if not task_nos:
            raise DomainError("REPORT_NO_TASKS")
        for no in task_nos:
            if no not in mine:
                raise DomainError("REPORT_TASK_ELSEWHERE", no=str(no)[:20], item_no=item_no,
                                  title=next(iter(mine.values())).decision.meeting_title)
            if mine[no].status == "cancelled":
                raise DomainError("REPORT_TASK_CANCELLED", no=no, reason=mine[no].outcome)
        ref = next(iter(mine.values())).decision
        return ReportLink.from_dict({
            "meeting_uid": ref.meeting_uid, "meeting_title": ref.meeting_title,
            "item_no": ref.item_no, "item_title": ref.item_title,
            "tasks": [{"no": no, "what": mine[no].what} for no in task_nos]})


def _day(value: Any, what: str, what_en: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DomainError("BAD_VALUE", field=what, field_en=what_en, value=str(value)[:20]) from None
