"""R13 in the rules core: submissions, their preparatory checks, the chief's approval, R2 and
the notice rule for appointments. Every entry goes through a sealed log that is then replayed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from meetingdesk.domain import GENESIS_HASH, DomainError, ItemSpec, seal
from meetingdesk.domain.roster import Member
from meetingdesk.domain.rules import RuleSet
from meetingdesk.domain.submissions import (Submission, Submissions, check_direct_entry,
                                             check_notice, check_withdrawal)

from meeting_factory import APPOINT_ITEM, CHIEF, FUND_ITEM, MEMBERS, TZ, rules

TEAM = {m["id"]: Member.from_dict(m) for m in MEMBERS}
DIVISION = {"农业农村": 7, "党建": 5, "财务": 8}
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=TZ)


class Desk:
    """Records entries as the services will: propose, seal, apply; then replays the log."""

    def __init__(self, **rule_changes: Any) -> None:
        self.rules = RuleSet.from_dict(rules(**rule_changes))
        self.ledger = Submissions(TEAM, DIVISION, self.rules)
        self.events: list = []
        self.at = T0

    def do(self, type_: str, member: int | None, **payload: Any) -> None:
        self.at += timedelta(minutes=5)
        cmd = self.ledger.propose(type_, member, payload, self.at)
        prev = self.events[-1].hash if self.events else GENESIS_HASH
        self.events.append(seal("subs-1", len(self.events) + 1, cmd.type,
                                self.at.isoformat(), cmd.member_id, cmd.payload, prev))
        self.ledger.apply(cmd, self.at)

    def replayed(self) -> Submissions:
        return Submissions.replay(self.events, TEAM, DIVISION, self.rules)


def item(base: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != "no"}


def test_a_large_fund_item_needs_its_four_checks_before_the_chief_approves() -> None:
    desk = Desk()
    desk.do("submission_filed", 7, item=item(FUND_ITEM))
    sub = desk.ledger.submissions[1]
    assert sub.required_checks == ("可行性论证", "合法性审查", "风险评估", "征求意见")
    with pytest.raises(DomainError) as refused:
        desk.do("submission_approved", CHIEF, submission=1)
    assert refused.value.code == "CHECKS_PENDING"
    assert "可行性论证、合法性审查、风险评估、征求意见" in refused.value.message_zh
    for check in sub.required_checks:
        desk.do("check_done", 7, submission=1, check=check, note=f"{check}已完成")
    desk.do("submission_approved", CHIEF, submission=1)
    again = desk.replayed().submissions[1]
    assert again.status == "approved" and set(again.checks) == set(sub.required_checks)
    assert [s.no for s in desk.replayed().approved()] == [1]


def test_an_item_major_by_its_amount_alone_is_checked_as_large_funds() -> None:
    # R1 settles a 一般事项 of 300,000 yuan project funds as 大额资金使用; R13 follows it.
    desk = Desk()
    desk.do("submission_filed", 7, item={**item(FUND_ITEM), "category": "general"})
    assert "风险评估" in desk.ledger.submissions[1].required_checks


def test_only_the_chief_approves_or_returns_and_a_return_needs_a_reason() -> None:
    desk = Desk()
    desk.do("submission_filed", 5, item=item(APPOINT_ITEM))
    with pytest.raises(DomainError) as refused:
        desk.do("submission_returned", 2, submission=1, reason="材料不全")
    assert refused.value.code == "NOT_CHIEF_APPROVAL" and "王建堃" in refused.value.message_zh
    with pytest.raises(DomainError) as refused:
        desk.do("submission_returned", CHIEF, submission=1, reason="  ")
    assert refused.value.code == "REASON_REQUIRED"
    desk.do("submission_returned", CHIEF, submission=1, reason="缺少纪委廉政意见")
    assert desk.ledger.submissions[1].status == "returned"
    with pytest.raises(DomainError) as refused:
        desk.do("submission_approved", CHIEF, submission=1)
    assert refused.value.code == "SUBMISSION_STATE" and "已退回" in refused.value.message_zh
    # Resubmitted by its submitter, it is back before the chief with the checks done so far.
    desk.do("check_done", 5, submission=1, check="考察材料", note="考察组报告已附")
    with pytest.raises(DomainError) as refused:
        desk.do("submission_resubmitted", 7, submission=1, item=item(APPOINT_ITEM))
    assert refused.value.code == "NOT_SUBMITTER"
    desk.do("submission_resubmitted", 5, submission=1, item=item(APPOINT_ITEM))
    sub = desk.replayed().submissions[1]
    assert sub.status == "submitted" and sub.pending_checks == ["纪委廉政意见"]


def test_r2_the_chief_submits_nothing_in_a_forbidden_area_and_others_not_outside_their_own() -> None:
    desk = Desk()
    with pytest.raises(DomainError) as refused:
        desk.do("submission_filed", CHIEF, item={**item(FUND_ITEM), "area": "财务",
                                                 "presenter_id": CHIEF})
    assert refused.value.code == "PORTFOLIO_FORBIDDEN"
    with pytest.raises(DomainError) as refused:
        desk.do("submission_filed", 2, item=item(FUND_ITEM))
    assert refused.value.code == "NOT_PORTFOLIO_HOLDER" and "孙昇" in refused.value.message_zh
    assert desk.ledger.submissions == {} and desk.events == []


def test_a_check_the_category_does_not_require_is_refused() -> None:
    desk = Desk()
    desk.do("submission_filed", 5, item=item(APPOINT_ITEM))
    with pytest.raises(DomainError) as refused:
        desk.do("check_done", 5, submission=1, check="风险评估", note="x")
    assert refused.value.code == "CHECK_NOT_REQUIRED"


def approved_appointment(desk: Desk) -> None:
    desk.do("submission_filed", 5, item=item(APPOINT_ITEM))
    for check in ("考察材料", "纪委廉政意见"):
        desk.do("check_done", 5, submission=1, check=check, note="已附")
    desk.do("submission_approved", CHIEF, submission=1)


def test_an_appointment_goes_on_an_agenda_only_with_materials_given_a_day_ahead() -> None:
    desk = Desk()
    approved_appointment(desk)
    with pytest.raises(DomainError) as refused:
        desk.do("submission_scheduled", 2, submission=1, meeting_uid="m-1",
                meeting_date="2026-11-03")
    assert refused.value.code == "MATERIALS_NOT_GIVEN" and "不准临时动议" in refused.value.message_zh
    desk.do("materials_given", 2, submission=1, on=desk.at.isoformat())
    with pytest.raises(DomainError) as refused:
        desk.do("submission_scheduled", 2, submission=1, meeting_uid="m-1",
                meeting_date=desk.at.date().isoformat())
    assert refused.value.code == "MATERIALS_LATE"
    desk.do("submission_scheduled", 2, submission=1, meeting_uid="m-1",
            meeting_date=(desk.at.date() + timedelta(days=1)).isoformat())
    sub = desk.replayed().submissions[1]
    assert sub.status == "scheduled" and sub.meeting_uid == "m-1"
    assert desk.replayed().approved() == []


def test_the_unit_sets_how_many_days_ahead() -> None:
    strict = RuleSet.from_dict(rules(materials_days_ahead=3,
                                     notice_categories=["appointment", "funds"]))
    given = datetime(2026, 11, 1, 9, 0, tzinfo=TZ)
    with pytest.raises(DomainError) as refused:
        check_notice("资金项目", "funds", given, date(2026, 11, 3), strict)
    assert "3 天" in refused.value.message_zh
    check_notice("资金项目", "funds", given, date(2026, 11, 4), strict)
    check_notice("一般事项", "general", None, date(2026, 11, 1), strict)


def test_a_forged_log_with_an_early_approval_does_not_replay() -> None:
    desk = Desk()
    desk.do("submission_filed", 7, item=item(FUND_ITEM))
    forged = seal("subs-1", 2, "submission_approved", (desk.at + timedelta(minutes=1)).isoformat(),
                  CHIEF, {"submission": 1}, desk.events[-1].hash)
    with pytest.raises(DomainError) as refused:
        Submissions.replay([*desk.events, forged], TEAM, DIVISION, desk.rules)
    assert refused.value.code == "CHECKS_PENDING"


def test_a_saved_rule_set_without_the_new_settings_takes_the_regulations_defaults() -> None:
    old = {k: v for k, v in rules().items()
           if k not in ("preparatory_checks", "notice_categories", "materials_days_ahead")}
    loaded = RuleSet.from_dict(old)
    assert loaded.checks_for("appointment") == ("考察材料", "纪委廉政意见")
    assert loaded.notice_categories == ("appointment",) and loaded.materials_days_ahead == 1
    assert RuleSet.from_dict(loaded.to_dict()) == loaded


def test_an_item_of_a_notice_category_is_never_typed_straight_into_an_agenda() -> None:
    appointment = ItemSpec.from_dict(APPOINT_ITEM)
    with pytest.raises(DomainError) as refused:
        check_direct_entry(appointment, RuleSet.from_dict(rules()))
    assert refused.value.code == "AD_HOC_FORBIDDEN" and "不准临时动议" in refused.value.message_zh
    check_direct_entry(ItemSpec.from_dict(FUND_ITEM), RuleSet.from_dict(rules()))
    check_direct_entry(appointment, RuleSet.from_dict(rules(notice_categories=[])))


def test_an_agenda_item_keeps_when_its_materials_were_given() -> None:
    given = {**APPOINT_ITEM, "materials_given": "2026-11-20T10:00:00+08:00"}
    spec = ItemSpec.from_dict(given)
    assert spec.materials_given == "2026-11-20T10:00:00+08:00"
    assert ItemSpec.from_dict(spec.to_dict()).materials_given == spec.materials_given
    assert "materials_given" not in ItemSpec.from_dict(APPOINT_ITEM).to_dict()  # old logs' form
    for bad in ("2026-11-20T10:00:00", "昨天"):  # without its offset, or not a time
        with pytest.raises(DomainError) as refused:
            ItemSpec.from_dict({**APPOINT_ITEM, "materials_given": bad})
        assert refused.value.code == "BAD_VALUE"


def test_withdrawn_only_by_its_submitter_with_a_reason_and_final() -> None:
    desk = Desk()
    desk.do("submission_filed", 7, item=item(FUND_ITEM))
    for member, reason, code in ((CHIEF, "不再上会", "NOT_SUBMITTER_WITHDRAW"),
                                 (7, "  ", "REASON_REQUIRED")):
        with pytest.raises(DomainError) as refused:
            desk.do("submission_withdrawn", member, submission=1, reason=reason)
        assert refused.value.code == code
    desk.do("submission_withdrawn", 7, submission=1, reason="项目由县里统一实施")
    sub = desk.replayed().submissions[1]
    assert (sub.status, sub.reason, sub.withdrawn_reason) == (
        "withdrawn", "项目由县里统一实施", "项目由县里统一实施")
    for type_, member, payload in (("submission_approved", CHIEF, {}),
                                   ("submission_resubmitted", 7, {"item": item(FUND_ITEM)}),
                                   ("submission_withdrawn", 7, {"reason": "再撤"})):
        with pytest.raises(DomainError) as refused:
            desk.do(type_, member, submission=1, **payload)
        assert refused.value.code == "SUBMISSION_STATE" and "已撤回" in refused.value.message_zh


def test_a_scheduled_submission_is_withdrawn_only_before_its_meeting_starts() -> None:
    sub = Submission(3, ItemSpec.from_dict(FUND_ITEM), 7, T0, status="scheduled",
                     meeting_uid="m-1")
    check_withdrawal(sub, "2026年第3次党委会", "preparing")
    check_withdrawal(sub, "2026年第3次党委会", "cancelled")
    for status in ("in_progress", "closed", "filed"):
        with pytest.raises(DomainError) as refused:
            check_withdrawal(sub, "2026年第3次党委会", status)
        assert refused.value.code == "WITHDRAW_STARTED"
        assert "2026年第3次党委会" in refused.value.message_zh
