"""Withdrawing a submission (撤回, R13) through the services and the real SQLite store: only
by its submitter and with a reason; a scheduled one comes off the agenda of the meeting still
being prepared (the items after it move up); never once that meeting has started. A withdrawn
submission stays in the unit's log with its reason."""

from __future__ import annotations

import pytest

from meetingdesk import cli
from meetingdesk.domain import DomainError
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
from test_services_submissions import FUNDS, desk, meeting_on, refused, team  # noqa: F401


def approved(desk: Desk, unit: int, ids: dict[str, int]) -> int:
    no = desk.submit(unit, ids["agri"], presenter_id=ids["agri"], **FUNDS)
    for check in desk.submission(unit, no).required_checks:
        desk.mark_check_done(unit, no, check, ids["agri"], "已完成。")
    desk.approve_submission(unit, no, ids["chief"])
    return no


def test_withdrawn_by_its_submitter_with_a_reason_and_kept(desk: Desk, team):
    unit, ids = team
    no = desk.submit(unit, ids["agri"], presenter_id=ids["agri"], **FUNDS)
    refused(desk, unit, "NOT_SUBMITTER_WITHDRAW", desk.withdraw_submission, unit, no,
            ids["chief"], "不再上会。")
    refused(desk, unit, "REASON_REQUIRED", desk.withdraw_submission, unit, no, ids["agri"], " ")
    desk.withdraw_submission(unit, no, ids["agri"], "项目已由县交通局统一实施。")
    sub = desk.submission(unit, no)
    assert (sub.status, sub.reason) == ("withdrawn", "项目已由县交通局统一实施。")
    [entry] = [e for e in desk.unit_log_events(unit, "submissions")
               if e.type == "submission_withdrawn"]
    assert entry.payload == {"submission": no, "reason": "项目已由县交通局统一实施。"}
    for action in (lambda: desk.approve_submission(unit, no, ids["chief"]),
                   lambda: desk.withdraw_submission(unit, no, ids["agri"], "再次撤回。")):
        with pytest.raises(DomainError) as caught:
            action()
        assert caught.value.code == "SUBMISSION_STATE" and "已撤回" in caught.value.message_zh
    approved_one = approved(desk, unit, ids)
    desk.withdraw_submission(unit, approved_one, ids["agri"], "预算调整。")
    assert desk.approved_submissions(unit) == []
    assert check_database(desk.db) == []


def test_a_scheduled_one_comes_off_the_agenda_still_being_prepared(desk: Desk, team):
    unit, ids = team
    meeting = meeting_on(desk, unit, ids["chief"])
    desk.add_item(meeting, title="学习传达全会精神", kind="study")
    no = approved(desk, unit, ids)
    desk.schedule_submission(meeting, no)
    desk.add_item(meeting, title="通报安全生产检查情况", kind="briefing")
    assert [r.spec.title for r in desk.agenda(meeting)] == [
        "学习传达全会精神", "村道硬化工程", "通报安全生产检查情况"]
    desk.withdraw_submission(unit, no, ids["agri"], "设计方案需重新论证。")
    assert [(r.spec.no, r.spec.title) for r in desk.agenda(meeting)] == [
        (1, "学习传达全会精神"), (2, "通报安全生产检查情况")]
    sub = desk.submission(unit, no)
    assert sub.status == "withdrawn"
    [entry] = [e for e in desk.unit_log_events(unit, "submissions")
               if e.type == "submission_withdrawn"]
    assert entry.payload["meeting_uid"] == desk.meeting_info(meeting).uid


def test_never_once_its_meeting_has_started(desk: Desk, team):
    unit, ids = team
    meeting = meeting_on(desk, unit, ids["chief"])
    no = approved(desk, unit, ids)
    desk.schedule_submission(meeting, no)
    desk.start_meeting(meeting)
    error = refused(desk, unit, "WITHDRAW_STARTED", desk.withdraw_submission, unit, no,
                    ids["agri"], "来不及了。")
    assert "2026年第1次党委会" in error.message_zh
    assert desk.submission(unit, no).status == "scheduled"
    assert len(desk.meeting(meeting).items) == 1


def test_a_cancelled_meeting_s_submission_can_still_be_withdrawn(desk: Desk, team):
    unit, ids = team
    meeting = meeting_on(desk, unit, ids["chief"])
    no = approved(desk, unit, ids)
    desk.schedule_submission(meeting, no)
    desk.cancel_meeting(meeting, "书记赴县参加紧急会议。", "郑小玲")
    desk.withdraw_submission(unit, no, ids["agri"], "会议取消，另行申报。")
    assert desk.submission(unit, no).status == "withdrawn"


def test_the_submissions_command_shows_a_withdrawn_one_with_its_reason(
        desk: Desk, team, capsys: pytest.CaptureFixture[str]):
    unit, ids = team
    no = approved(desk, unit, ids)
    desk.withdraw_submission(unit, no, ids["agri"], "预算调整。")
    assert cli.main(["submissions", "--db", str(desk.db.path)]) == 0
    assert capsys.readouterr().out == f"{no}\t晓塘乡党委\t村道硬化工程\t已撤回：预算调整。\n"
    assert cli.main(["--lang", "en", "submissions", "--db", str(desk.db.path)]) == 0
    assert capsys.readouterr().out.endswith("\twithdrawn: 预算调整。\n")
