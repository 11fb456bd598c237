"""Submissions (议题申报, R13) through the services and the real SQLite store: submitted by the
portfolio holder, checked, approved or returned by the chief, materials given ahead, taken onto
a meeting's agenda; every refusal in words, leaving the log as it was."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.domain import DomainError
from meetingdesk.domain.submissions import STATUSES
from meetingdesk.record.build import minutes_from_meeting
from meetingdesk.record.pdf import render_minutes
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
from submitted import MinuteClock

TZ = timezone(timedelta(hours=8))
FUNDS = {"title": "村道硬化工程", "kind": "decision", "category": "project", "amount": "600000",
         "fund_type": "project", "area": "农业农村", "vote_mode": "hands"}
APPOINT = {"title": "推荐村党支部书记人选", "kind": "decision", "category": "appointment",
           "area": "人事", "vote_mode": "hands",
           "candidates": [{"name": "林玥", "current_post": "村委委员",
                           "proposed_post": "村党支部书记"}]}
FOUR_CHECKS = ("可行性论证", "合法性审查", "风险评估", "征求意见")


@pytest.fixture
def desk(sqlite_url: str) -> Iterator[Desk]:
    d = Desk.open(sqlite_url, clock=MinuteClock(datetime(2026, 11, 20, 9, 0, tzinfo=TZ)))
    yield d
    d.close()


@pytest.fixture
def team(desk: Desk) -> tuple[int, dict[str, int]]:
    """A unit: the chief, the mayor (财务), the organisation member (人事) and a deputy mayor
    (农业农村)."""
    unit = desk.create_unit("晓塘乡党委")
    ids = {role: desk.add_member(unit, name, position, rank, role == "chief")
           for rank, (role, name, position) in enumerate([
               ("chief", "徐颖峰", "党委书记"), ("mayor", "李犇", "乡长"),
               ("organisation", "刘珺", "组织委员"), ("agri", "孙昇", "副乡长")], 1)}
    desk.assign_portfolio(unit, ids["mayor"], "财务")
    desk.assign_portfolio(unit, ids["organisation"], "人事")
    desk.assign_portfolio(unit, ids["agri"], "农业农村")
    return unit, ids


def refused(desk: Desk, unit: int, code: str, action, *args, **kwargs) -> DomainError:
    """The action is refused with `code`, and the unit's submissions log is as it was."""
    before = desk.unit_log_events(unit, "submissions")
    with pytest.raises(DomainError) as caught:
        action(*args, **kwargs)
    assert caught.value.code == code, caught.value.message_zh
    assert desk.unit_log_events(unit, "submissions") == before
    return caught.value


def meeting_on(desk: Desk, unit: int, chief: int, day: str = "2026-11-26") -> int:
    return desk.create_meeting(unit, "party_committee", f"{day}T09:00:00+08:00", "三楼会议室",
                               chief, "郑小玲")


def test_a_project_goes_from_submitted_to_a_meeting_agenda(desk: Desk, team, tmp_path: Path):
    unit, ids = team
    no = desk.submit(unit, ids["agri"], presenter_id=ids["agri"], **FUNDS)
    sub = desk.submission(unit, no)
    assert (sub.status, STATUSES[sub.status][0]) == ("submitted", "待审定")
    assert sub.required_checks == FOUR_CHECKS
    error = refused(desk, unit, "CHECKS_PENDING", desk.approve_submission, unit, no, ids["chief"])
    assert "合法性审查" in error.message_zh
    evidence = tmp_path / "合法性审查意见书.pdf"
    evidence.write_bytes(b"%PDF-1.4 legal review")
    for check in FOUR_CHECKS:
        desk.mark_check_done(unit, no, check, ids["agri"], f"{check}已完成。",
                             file=evidence if check == "合法性审查" else None)
    [kept] = desk.submission_files(unit)
    assert kept.filename == evidence.name and Path(kept.stored_path).read_bytes() == \
        evidence.read_bytes()
    assert desk.submission(unit, no).checks["合法性审查"].file == evidence.name
    desk.approve_submission(unit, no, ids["chief"])
    assert [s.no for s in desk.approved_submissions(unit)] == [no]
    desk.record_materials_given(unit, no, ids["agri"], "2026-11-19T16:30:00+08:00")

    meeting = meeting_on(desk, unit, ids["chief"])
    item_id = desk.schedule_submission(meeting, no)
    [row] = desk.agenda(meeting)
    assert row.id == item_id and row.spec.title == FUNDS["title"]
    assert (row.spec.amount, row.spec.area, row.spec.presenter_id) == (600000, "农业农村",
                                                                       ids["agri"])
    sub = desk.submission(unit, no)
    assert sub.status == "scheduled" and sub.meeting_uid == desk.meeting_info(meeting).uid
    assert desk.approved_submissions(unit) == []
    refused(desk, unit, "SUBMISSION_STATE", desk.schedule_submission, meeting, no)
    assert len(desk.agenda(meeting)) == 1  # the item was not added a second time

    desk.start_meeting(meeting)
    [started] = [e for e in desk.events(meeting) if e.type == "meeting_started"]
    assert started.payload["agenda"][0]["materials_given"] == "2026-11-19T16:30:00+08:00"
    assert desk.meeting(meeting).items[1].spec.materials_given == "2026-11-19T16:30:00+08:00"
    assert check_database(desk.db) == []


def test_the_record_says_when_the_materials_were_given(desk: Desk, team, tmp_path: Path):
    unit, ids = team
    no = desk.submit(unit, ids["organisation"], presenter_id=ids["organisation"], **APPOINT)
    for check in ("考察材料", "纪委廉政意见"):
        desk.mark_check_done(unit, no, check, ids["organisation"], "已完成。")
    desk.approve_submission(unit, no, ids["chief"])
    desk.record_materials_given(unit, no, ids["organisation"], "2026-11-19T10:00:00+08:00")
    meeting = meeting_on(desk, unit, ids["chief"])
    desk.schedule_submission(meeting, no)
    desk.start_meeting(meeting)
    minutes = minutes_from_meeting(desk.meeting(meeting), "0" * 64)
    assert minutes.items[0].materials_given == "2026年11月19日"
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(render_minutes(minutes))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"材料送达：\s*2026年11月19日\n", text)


def test_returned_with_a_reason_and_resubmitted_by_the_submitter(desk: Desk, team):
    unit, ids = team
    no = desk.submit(unit, ids["agri"], presenter_id=ids["agri"], **FUNDS)
    refused(desk, unit, "REASON_REQUIRED", desk.return_submission, unit, no, ids["chief"], " ")
    refused(desk, unit, "NOT_CHIEF_APPROVAL", desk.return_submission, unit, no, ids["mayor"],
            "预算不实")
    desk.return_submission(unit, no, ids["chief"], "预算测算依据不足。")
    sub = desk.submission(unit, no)
    assert (sub.status, sub.returned_reason) == ("returned", "预算测算依据不足。")
    refused(desk, unit, "SUBMISSION_STATE", desk.approve_submission, unit, no, ids["chief"])
    refused(desk, unit, "NOT_SUBMITTER", desk.resubmit, unit, no, ids["mayor"],
            presenter_id=ids["agri"], **FUNDS)
    desk.resubmit(unit, no, ids["agri"], presenter_id=ids["agri"],
                  **{**FUNDS, "amount": "450000"})
    sub = desk.submission(unit, no)
    assert (sub.status, sub.returned_reason, str(sub.item.amount)) == ("submitted", "", "450000")


def test_only_the_chief_approves(desk: Desk, team):
    unit, ids = team
    no = desk.submit(unit, ids["mayor"], title="更换办公电脑", kind="decision", amount="20000",
                     fund_type="regular", area="财务", presenter_id=ids["mayor"])
    error = refused(desk, unit, "NOT_CHIEF_APPROVAL", desk.approve_submission, unit, no,
                    ids["mayor"])
    assert "徐颖峰" in error.message_zh
    desk.approve_submission(unit, no, ids["chief"])
    assert desk.submission(unit, no).status == "approved"


def test_r2_the_chief_submits_nothing_in_finance_and_only_the_holder_submits(desk: Desk, team):
    unit, ids = team
    item = {"title": "调整乡财政预算", "kind": "decision", "area": "财务"}
    refused(desk, unit, "PORTFOLIO_FORBIDDEN", desk.submit, unit, ids["chief"], **item)
    error = refused(desk, unit, "NOT_PORTFOLIO_HOLDER", desk.submit, unit, ids["agri"], **item)
    assert "李犇" in error.message_zh
    refused(desk, unit, "BAD_VALUE", desk.submit, unit, ids["mayor"], colour="红", **item)
    refused(desk, unit, "UNKNOWN_SUBMISSION", desk.approve_submission, unit, 9, ids["chief"])
    assert desk.submissions(unit) == []


def test_a_check_the_item_does_not_need_is_refused(desk: Desk, team):
    unit, ids = team
    no = desk.submit(unit, ids["agri"], presenter_id=ids["agri"], **FUNDS)
    refused(desk, unit, "CHECK_NOT_REQUIRED", desk.mark_check_done, unit, no, "考察材料",
            ids["agri"], "已考察")
    refused(desk, unit, "BAD_VALUE", desk.mark_check_done, unit, no, "风险评估", ids["agri"],
            "已评估", file="/nonexistent/评估报告.pdf")


def test_an_appointment_is_never_typed_into_an_agenda(desk: Desk, team):
    unit, ids = team
    meeting = meeting_on(desk, unit, ids["chief"])
    with pytest.raises(DomainError) as caught:
        desk.add_item(meeting, presenter_id=ids["organisation"], **APPOINT)
    assert caught.value.code == "AD_HOC_FORBIDDEN" and "不准临时动议" in caught.value.message_zh
    study = desk.add_item(meeting, title="学习干部任用条例", kind="study")
    with pytest.raises(DomainError) as caught:  # nor made one by an edit
        desk.update_item(study, kind="decision", category="appointment",
                         candidates=APPOINT["candidates"])
    assert caught.value.code == "AD_HOC_FORBIDDEN"
    assert [r.spec.category for r in desk.agenda(meeting)] == ["general"]


def test_an_appointment_needs_its_materials_given_a_day_ahead(desk: Desk, team):
    unit, ids = team
    no = desk.submit(unit, ids["organisation"], presenter_id=ids["organisation"], **APPOINT)
    for check in ("考察材料", "纪委廉政意见"):
        desk.mark_check_done(unit, no, check, ids["organisation"], "已完成。")
    desk.approve_submission(unit, no, ids["chief"])
    meeting = meeting_on(desk, unit, ids["chief"], "2026-11-21")
    error = refused(desk, unit, "MATERIALS_NOT_GIVEN", desk.schedule_submission, meeting, no)
    assert "不准临时动议" in error.message_zh
    refused(desk, unit, "MATERIALS_FUTURE", desk.record_materials_given, unit, no,
            ids["organisation"], "2026-11-25T09:00:00+08:00")
    desk.record_materials_given(unit, no, ids["organisation"], "2026-11-20T09:01:00+08:00")
    today = meeting_on(desk, unit, ids["chief"], "2026-11-20")
    refused(desk, unit, "MATERIALS_LATE", desk.schedule_submission, today, no)
    assert desk.agenda(today) == [] and desk.submission(unit, no).status == "approved"
    desk.schedule_submission(meeting, no)
    info = desk.meeting_info(meeting)
    with pytest.raises(DomainError) as caught:  # moved to the day the materials were given
        desk.update_meeting(meeting, "2026-11-20T15:00:00+08:00", info.place, info.chair_id,
                            info.recorder, desk.expected_members(meeting))
    assert caught.value.code == "MATERIALS_LATE"
    assert desk.meeting_info(meeting).scheduled_at.startswith("2026-11-21")


def test_nothing_goes_onto_a_meeting_that_has_started(desk: Desk, team):
    unit, ids = team
    no = desk.submit(unit, ids["mayor"], title="更换办公电脑", kind="decision", amount="20000",
                     fund_type="regular", area="财务", presenter_id=ids["mayor"])
    desk.approve_submission(unit, no, ids["chief"])
    meeting = meeting_on(desk, unit, ids["chief"])
    desk.add_item(meeting, title="学习文件", kind="study")
    desk.start_meeting(meeting)
    refused(desk, unit, "ALREADY_STARTED", desk.schedule_submission, meeting, no)
    assert desk.submission(unit, no).status == "approved"


def test_the_list_has_every_state(desk: Desk, team):
    unit, ids = team
    small = {"kind": "decision", "amount": "20000", "fund_type": "regular", "area": "财务",
             "presenter_id": ids["mayor"]}
    nos = [desk.submit(unit, ids["mayor"], title=f"事项{n}", **small) for n in range(1, 5)]
    desk.return_submission(unit, nos[1], ids["chief"], "请补充材料。")
    for no in nos[2:]:
        desk.approve_submission(unit, no, ids["chief"])
    desk.schedule_submission(meeting_on(desk, unit, ids["chief"]), nos[3])
    assert [(s.no, s.item.title, s.status) for s in desk.submissions(unit)] == [
        (1, "事项1", "submitted"), (2, "事项2", "returned"), (3, "事项3", "approved"),
        (4, "事项4", "scheduled")]
