"""Items submitted for the agenda and approved by the chief (议题申报, R13).

A portfolio holder submits an item with its materials; the preparatory checks its category
requires by the unit's rule set (可行性论证, 合法性审查 … for a major project or large funds; 考察材料,
纪委廉政意见 for an appointment) are each marked done with a note; the chief approves it for a
meeting or returns it with a reason; materials are given to members ahead of the meeting, and an
item whose category needs notice (appointments: 不准临时动议) goes on a meeting's agenda only when
they were given the rule set's number of days before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .agenda import ItemSpec, classify
from .errors import DomainError
from .ledger import Ledger, entry_no
from .roster import Member
from .rules import RuleSet
from .state import parse_time
from .text import clean_text
from .words import CATEGORIES, en, zh

STATUSES = {
    "submitted": ("待审定", "awaiting approval"),
    "returned": ("已退回", "returned"),
    "approved": ("已同意上会", "approved for a meeting"),
    "scheduled": ("已列入议程", "on a meeting's agenda"),
    "withdrawn": ("已撤回", "withdrawn"),
}


@dataclass(frozen=True)
class CheckDone:
    at: datetime
    member_id: int
    note: str
    file: str = ""


@dataclass
class Submission:
    no: int
    item: ItemSpec
    submitter_id: int
    submitted_at: datetime
    status: str = "submitted"
    required_checks: tuple[str, ...] = ()
    checks: dict[str, CheckDone] = field(default_factory=dict)
    returned_reason: str = ""
    decided_at: datetime | None = None
    materials_given: datetime | None = None
    meeting_uid: str = ""
    withdrawn_reason: str = ""

    @property
    def pending_checks(self) -> list[str]:
        return [c for c in self.required_checks if c not in self.checks]

    @property
    def reason(self) -> str:
        """Why it stands where it does: the chief's reason for returning it, or the
        submitter's for withdrawing it; otherwise empty."""
        return {"returned": self.returned_reason,
                "withdrawn": self.withdrawn_reason}.get(self.status, "")


def required_checks(item: ItemSpec, rules: RuleSet) -> tuple[str, ...]:
    """The preparatory checks the item's settled category requires by the unit's rules."""
    return rules.checks_for(classify(item, rules).category)


def check_notice(title: str, category: str, given: datetime | None, meeting_day: date,
                 rules: RuleSet) -> None:
    """R13: an item whose category needs notice was given to members N days before the meeting."""
    if category not in rules.notice_categories:
        return
    days = rules.materials_days_ahead
    if given is None:
        raise DomainError("MATERIALS_NOT_GIVEN", title=title, days=days)
    if (meeting_day - given.date()).days < days:
        raise DomainError("MATERIALS_LATE", title=title, days=days,
                          given=given.date().isoformat(), date=meeting_day.isoformat())


def check_withdrawal(sub: Submission, meeting_title: str, meeting_status: str) -> None:
    """R13: a submission on a meeting's agenda is withdrawn only while that meeting is being
    prepared (it then comes off the agenda) or after it was cancelled; never once it started."""
    if meeting_status not in ("preparing", "cancelled"):
        raise DomainError("WITHDRAW_STARTED", no=sub.no, title=sub.item.title,
                          meeting=meeting_title)


def check_direct_entry(item: ItemSpec, rules: RuleSet) -> None:
    """R13: an item whose settled category needs notice (appointments) is never typed into an
    agenda directly: it comes from an approved submission (不准临时动议)."""
    category = classify(item, rules).category
    if category in rules.notice_categories:
        raise DomainError("AD_HOC_FORBIDDEN", title=item.title, category=zh(CATEGORIES, category),
                          category_en=en(CATEGORIES, category))


class Submissions(Ledger):
    """A unit's submissions, rebuilt from their log; members and division are the unit's now."""

    TYPES = ("submission_filed", "submission_resubmitted", "check_done", "submission_approved",
             "submission_returned", "materials_given", "submission_scheduled",
             "submission_withdrawn")

    def __init__(self, members: dict[int, Member], division: dict[str, int],
                 rules: RuleSet) -> None:
        super().__init__()
        self.members = members
        self.division = division
        self.rules = rules
        self.submissions: dict[int, Submission] = {}

    # ---- helpers --------------------------------------------------------------------------
    def _member(self, member_id: int | None) -> Member:
        if member_id not in self.members:
            raise DomainError("UNKNOWN_MEMBER", member_id=member_id)
        return self.members[member_id]  # type: ignore[index]

    def _in(self, p: dict[str, Any], *statuses: str, action: str, action_en: str) -> Submission:
        sub = self.submissions[entry_no(p, "submission", self.submissions, "UNKNOWN_SUBMISSION")]
        if sub.status not in statuses:
            raise DomainError("SUBMISSION_STATE", no=sub.no, status=STATUSES[sub.status][0],
                              status_en=STATUSES[sub.status][1], action=action,
                              action_en=action_en)
        return sub

    def _item(self, submitter: Member, p: dict[str, Any], no: int) -> ItemSpec:
        raw = p.get("item")
        if not isinstance(raw, dict):
            raise DomainError("BAD_VALUE", field="议题", field_en="item", value=type(raw).__name__)
        item = ItemSpec.from_dict({**raw, "no": no})
        if item.area:
            if submitter.is_chief and item.area in self.rules.forbidden_portfolios:
                raise DomainError("PORTFOLIO_FORBIDDEN", name=submitter.name, area=item.area)
            holder = self.division.get(item.area)
            if holder is not None and holder != submitter.id:
                raise DomainError("NOT_PORTFOLIO_HOLDER", area=item.area,
                                  holder=self._member(holder).name, name=submitter.name)
        if item.presenter_id is not None:
            presenter = self._member(item.presenter_id)
            if presenter.is_chief and item.area in self.rules.forbidden_portfolios:
                raise DomainError("PORTFOLIO_FORBIDDEN", name=presenter.name, area=item.area)
        return item

    def _chief(self, member_id: int | None) -> int:
        member = self._member(member_id)
        if not member.is_chief:
            chief = next(m for m in self.members.values() if m.is_chief)
            raise DomainError("NOT_CHIEF_APPROVAL", name=chief.name)
        return member.id

    # ---- entries --------------------------------------------------------------------------
    def _check_submission_filed(self, member_id, p, at):
        submitter = self._member(member_id)
        item = self._item(submitter, p, len(self.submissions) + 1)
        return submitter.id, {"item": _item_dict(item)}

    def _apply_submission_filed(self, member_id, p, at):
        no = len(self.submissions) + 1
        item = ItemSpec.from_dict({**p["item"], "no": no})
        self.submissions[no] = Submission(no, item, member_id, at,
                                          required_checks=required_checks(item, self.rules))

    def _check_submission_resubmitted(self, member_id, p, at):
        sub = self._in(p, "returned", action="重新申报", action_en="be resubmitted")
        if member_id != sub.submitter_id:
            raise DomainError("NOT_SUBMITTER", no=sub.no, name=self._member(sub.submitter_id).name)
        item = self._item(self._member(member_id), p, sub.no)
        return member_id, {"submission": sub.no, "item": _item_dict(item)}

    def _apply_submission_resubmitted(self, member_id, p, at):
        sub = self.submissions[p["submission"]]
        sub.item = ItemSpec.from_dict({**p["item"], "no": sub.no})
        sub.required_checks = required_checks(sub.item, self.rules)
        sub.checks = {c: done for c, done in sub.checks.items() if c in sub.required_checks}
        sub.status, sub.returned_reason, sub.decided_at = "submitted", "", None

    def _check_check_done(self, member_id, p, at):
        sub = self._in(p, "submitted", "returned", action="登记前置程序",
                       action_en="have checks recorded")
        self._member(member_id)
        check = p.get("check")
        if check not in sub.required_checks:
            raise DomainError("CHECK_NOT_REQUIRED", check=str(check)[:40],
                              required="、".join(sub.required_checks) or "无")
        note = clean_text(p.get("note"), "办理情况", "what was done", 2000)
        file = clean_text(p.get("file", ""), "附件", "the attached file", 260, required=False)
        return member_id, {"submission": sub.no, "check": check, "note": note, "file": file}

    def _apply_check_done(self, member_id, p, at):
        self.submissions[p["submission"]].checks[p["check"]] = CheckDone(at, member_id, p["note"],
                                                                        p["file"])

    def _check_submission_approved(self, member_id, p, at):
        sub = self._in(p, "submitted", action="审定", action_en="be approved")
        if sub.pending_checks:
            raise DomainError("CHECKS_PENDING", title=sub.item.title,
                              checks="、".join(sub.pending_checks))
        return self._chief(member_id), {"submission": sub.no}

    def _apply_submission_approved(self, member_id, p, at):
        sub = self.submissions[p["submission"]]
        sub.status, sub.decided_at = "approved", at

    def _check_submission_returned(self, member_id, p, at):
        sub = self._in(p, "submitted", action="退回", action_en="be returned")
        reason = clean_text(p.get("reason"), "退回理由", "the reason for returning it", 2000,
                            empty_code="REASON_REQUIRED")
        return self._chief(member_id), {"submission": sub.no, "reason": reason}

    def _apply_submission_returned(self, member_id, p, at):
        sub = self.submissions[p["submission"]]
        sub.status, sub.returned_reason, sub.decided_at = "returned", p["reason"], at

    def _check_materials_given(self, member_id, p, at):
        sub = self._in(p, "approved", action="登记送达材料", action_en="have materials given")
        self._member(member_id)
        given = parse_time(p.get("on"))
        if given > at:
            raise DomainError("MATERIALS_FUTURE", on=given.isoformat(timespec="minutes"))
        return member_id, {"submission": sub.no, "on": given.isoformat(timespec="seconds")}

    def _apply_materials_given(self, member_id, p, at):
        self.submissions[p["submission"]].materials_given = parse_time(p["on"])

    def _check_submission_scheduled(self, member_id, p, at):
        sub = self._in(p, "approved", action="列入议程", action_en="be put on an agenda")
        uid = clean_text(p.get("meeting_uid"), "会议", "the meeting", 80)
        try:
            day = date.fromisoformat(str(p.get("meeting_date")))
        except ValueError:
            raise DomainError("BAD_VALUE", field="会议日期", field_en="meeting date",
                              value=str(p.get("meeting_date"))[:20]) from None
        category = classify(sub.item, self.rules).category
        check_notice(sub.item.title, category, sub.materials_given, day, self.rules)
        return member_id, {"submission": sub.no, "meeting_uid": uid,
                           "meeting_date": day.isoformat()}

    def _apply_submission_scheduled(self, member_id, p, at):
        sub = self.submissions[p["submission"]]
        sub.status, sub.meeting_uid = "scheduled", p["meeting_uid"]

    def _check_submission_withdrawn(self, member_id, p, at):
        sub = self._in(p, "submitted", "returned", "approved", "scheduled", action="撤回",
                       action_en="be withdrawn")
        if member_id != sub.submitter_id:
            raise DomainError("NOT_SUBMITTER_WITHDRAW", no=sub.no,
                              name=self._member(sub.submitter_id).name)
        reason = clean_text(p.get("reason"), "撤回理由", "the reason for withdrawing it", 2000,
                            empty_code="REASON_REQUIRED")
        # a scheduled one names the meeting whose agenda it comes off (the services check
        # that the meeting has not started: check_withdrawal)
        return member_id, {"submission": sub.no, "reason": reason,
                           **({"meeting_uid": sub.meeting_uid} if sub.meeting_uid else {})}

    def _apply_submission_withdrawn(self, member_id, p, at):
        sub = self.submissions[p["submission"]]
        sub.status, sub.withdrawn_reason, sub.decided_at = "withdrawn", p["reason"], at

    def approved(self) -> list[Submission]:
        """What preparing a meeting may take onto its agenda."""
        return [s for s in self.submissions.values() if s.status == "approved"]


def _item_dict(item: ItemSpec) -> dict[str, Any]:
    d = item.to_dict()
    del d["no"]
    return d
