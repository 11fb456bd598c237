"""A later meeting hears how a decision is being carried out (督办情况汇报, R14).

The agenda item names the decision (the earlier meeting by uid, and its item number) and the
follow-up tasks reported on, each with what it is, so that the record reads on its own. Whether
those tasks exist, belong to that decision and may be reported on is the follow-up log's to
say (FollowUp.report_link); this module only holds the link's shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import DomainError
from .text import clean_text

# A progress report is heard (通报), or decided on when the unit wants a decision (审议).
REPORT_KINDS = ("briefing", "decision")


@dataclass(frozen=True)
class ReportLink:
    """The decision and the tasks a progress-report item reports on."""

    meeting_uid: str
    meeting_title: str
    item_no: int
    item_title: str
    tasks: tuple[tuple[int, str], ...]  # (task number, what the task is), by number

    def to_dict(self) -> dict[str, Any]:
        return {"meeting_uid": self.meeting_uid, "meeting_title": self.meeting_title,
                "item_no": self.item_no, "item_title": self.item_title,
                "tasks": [{"no": no, "what": what} for no, what in self.tasks]}

    @classmethod
    def from_dict(cls, d: Any) -> "ReportLink":
        decided = decided_item(d, "督办汇报", "progress report")
        raw = d.get("tasks")
        if not isinstance(raw, list) or not raw:
            raise DomainError("REPORT_NO_TASKS")
        tasks: dict[int, str] = {}
        for t in raw:
            no = t.get("no") if isinstance(t, dict) else None
            if not _number(no) or no in tasks:
                raise DomainError("BAD_VALUE", field="督办事项序号", field_en="task number",
                                  value=str(no)[:20])
            tasks[no] = clean_text(t.get("what"), "督办事项", "the task", 2000)
        return cls(*decided, tuple(sorted(tasks.items())))

    @property
    def sentence(self) -> str:
        """What the record prints under the item."""
        tasks = "；".join(f"第{no}号“{what}”" for no, what in self.tasks)
        return (f"听取{self.meeting_title}第{self.item_no}项议题（{self.item_title}）"
                f"决定事项的督办情况汇报：督办事项{tasks}")

    @property
    def title(self) -> str:
        """The agenda item's title unless the recorder gives another."""
        return report_title(self.item_title)


def report_title(item_title: str) -> str:
    """The title a progress report on the decision `item_title` gets unless another is given."""
    return f"关于“{item_title}”决定事项督办情况的汇报"


def decided_item(d: Any, what: str, what_en: str) -> tuple[str, str, int, str]:
    """The earlier meeting's item a reference names (a task's decision, a report's link),
    checked: the meeting's uid and title, the item's number and title."""
    if not isinstance(d, dict):
        raise DomainError("BAD_VALUE", field=what, field_en=what_en, value=type(d).__name__)
    item_no = d.get("item_no")
    if not _number(item_no):
        raise DomainError("BAD_VALUE", field="议题序号", field_en="item number",
                          value=str(item_no)[:20])
    return (clean_text(d.get("meeting_uid"), "会议", "the meeting", 80),
            clean_text(d.get("meeting_title"), "会议名称", "the meeting title", 200),
            item_no, clean_text(d.get("item_title"), "议题名称", "the item title", 200))


def check_report_kind(kind: str, title: str) -> None:
    """A progress report is a briefing, or a decision item if the unit wants one; never study."""
    if kind not in REPORT_KINDS:
        raise DomainError("REPORT_KIND", title=title)


def _number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= 1


@dataclass(frozen=True)
class Hearing:
    """A meeting that heard a progress report on a task: its title, the item, the day."""

    meeting_title: str
    item_no: int
    on: date
