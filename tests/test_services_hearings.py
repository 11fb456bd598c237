"""A later meeting hears how a decision is being carried out (督办情况汇报, R14), through the
services and the real SQLite store: the item is linked by the follow-up log to the decision
and its tasks, a cancelled task or a decision without tasks is refused, the link goes into the
meeting's log, and the tasks show the meetings that heard them."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from meetingdesk.domain import DomainError
from meetingdesk.domain.hearings import Hearing
from meetingdesk.record.followup_report import render_pdf, render_xlsx
from meetingdesk.record.trust import Trust
from meetingdesk.record.verify_followup import check_followup
from meetingdesk.services import Desk
from meetingdesk.services.records import Records
from submitted import MinuteClock
from test_services_followup import clock, closed, desk, hold, unit  # noqa: F401 (fixtures)


@pytest.fixture
def tasks(desk: Desk, unit: int, closed: int, clock: MinuteClock) -> tuple[int, int, int]:
    """Three tasks on item 1 of the closed meeting: one open, one done, one cancelled."""
    works = desk.members(unit)[2].id
    first = desk.assign_task(closed, 1, "完成修缮并验收", "2026-11-30", member_id=works)
    done = desk.assign_task(closed, 1, "公示修缮费用", "2026-11-20", department="党政办")
    gone = desk.assign_task(closed, 1, "另建档案室", "2026-12-20", department="党政办")
    desk.complete_task(unit, done, "已在村务公开栏公示。")
    desk.cancel_task(unit, gone, "并入第 1 项办理。")
    clock.now += timedelta(days=7)
    return first, done, gone


def later(desk: Desk, unit: int) -> int:
    chief = desk.members(unit)[0].id
    return desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00", "会议室",
                               chief, "郑小玲")


def test_a_progress_report_is_linked_to_the_decision_and_its_tasks(
        desk: Desk, unit: int, closed: int, tasks: tuple[int, int, int]):
    first, done, gone = tasks
    uid = desk.meeting_info(closed).uid
    reportable = desk.reportable(unit)
    [(decision, offered)] = reportable.items()
    assert (decision.meeting_uid, decision.item_no) == (uid, 1)
    assert [t.no for t in offered] == [first, done]  # never the cancelled one

    meeting = later(desk, unit)
    item_id = desk.add_progress_report(meeting, uid, 1, [done, first])
    [row] = desk.agenda(meeting)
    assert row.id == item_id and row.problem is None
    assert (row.spec.title, row.spec.kind) == ("关于“修缮村委会办公用房”决定事项督办情况的汇报",
                                               "briefing")
    link = row.spec.reports_on
    assert (link.meeting_uid, link.item_no, link.tasks) == (
        uid, 1, ((first, "完成修缮并验收"), (done, "公示修缮费用")))
    assert link.sentence == ("听取2026年第1次党委会第1项议题（修缮村委会办公用房）决定事项的督办情况汇报："
                             f"督办事项第{first}号“完成修缮并验收”；第{done}号“公示修缮费用”")
    # editing the item keeps its link; the unit may want a decision on it
    desk.update_item(item_id, title="修缮工作督办情况汇报", kind="decision")
    [row] = desk.agenda(meeting)
    assert row.spec.kind == "decision" and row.spec.reports_on == link

    desk.start_meeting(meeting)
    [started] = desk.events(meeting)[:1]
    assert started.payload["agenda"][0]["reports_on"]["tasks"] == [
        {"no": first, "what": "完成修缮并验收"}, {"no": done, "what": "公示修缮费用"}]
    assert desk.meeting(meeting).items[1].spec.reports_on == link
    assert desk.hearings(unit) == {
        first: [Hearing("2026年第2次党委会", 1, date(2026, 11, 17))],
        done: [Hearing("2026年第2次党委会", 1, date(2026, 11, 17))]}


def test_what_cannot_be_reported_on_is_refused(desk: Desk, unit: int, closed: int,
                                               tasks: tuple[int, int, int]):
    first, _, gone = tasks
    uid = desk.meeting_info(closed).uid
    meeting = later(desk, unit)
    for code, action in [
        ("REPORT_TASK_CANCELLED", lambda: desk.add_progress_report(meeting, uid, 1, [gone])),
        ("REPORT_NOT_IN_LEDGER", lambda: desk.add_progress_report(meeting, uid, 2, [first])),
        ("REPORT_NOT_IN_LEDGER", lambda: desk.add_progress_report(meeting, "other", 1, [first])),
        ("REPORT_TASK_ELSEWHERE", lambda: desk.add_progress_report(meeting, uid, 1, [first, 9])),
        ("REPORT_NO_TASKS", lambda: desk.add_progress_report(meeting, uid, 1, [])),
        ("REPORT_KIND", lambda: desk.add_progress_report(meeting, uid, 1, [first], kind="study")),
    ]:
        with pytest.raises(DomainError) as caught:
            action()
        assert caught.value.code == code, code
    assert desk.agenda(meeting) == []
    assert "已撤销（并入第 1 项办理。）" in DomainError(
        "REPORT_TASK_CANCELLED", no=gone, reason="并入第 1 项办理。").message_zh
    # never typed in directly: the link is the follow-up log's to make
    with pytest.raises(DomainError):
        desk.add_item(meeting, title="督办汇报", kind="briefing",
                      reports_on={"meeting_uid": uid, "meeting_title": "x", "item_no": 1,
                                  "item_title": "x", "tasks": [{"no": gone, "what": "x"}]})


def test_a_task_cancelled_after_the_agenda_was_set_stops_the_start(
        desk: Desk, unit: int, closed: int, tasks: tuple[int, int, int]):
    first = tasks[0]
    meeting = later(desk, unit)
    desk.add_progress_report(meeting, desk.meeting_info(closed).uid, 1, [first])
    desk.cancel_task(unit, first, "项目终止。")
    [row] = desk.agenda(meeting)
    assert row.problem is not None and row.problem.code == "REPORT_TASK_CANCELLED"
    with pytest.raises(DomainError) as caught:
        desk.start_meeting(meeting)
    assert caught.value.code == "REPORT_TASK_CANCELLED"
    assert desk.events(meeting) == [] and desk.hearings(unit) == {}


def test_the_record_prints_the_decision_and_tasks_heard(desk: Desk, unit: int, closed: int,
                                                        tasks: tuple[int, int, int],
                                                        tmp_path: Path):
    first, done, _ = tasks
    meeting = later(desk, unit)
    desk.add_progress_report(meeting, desk.meeting_info(closed).uid, 1, [first, done],
                             presenter_id=desk.members(unit)[2].id)
    desk.start_meeting(meeting)
    for member in desk.members(unit):
        desk.mark_present(meeting, member.id)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, desk.members(unit)[2].id, "修缮已完工，费用已公示。")
    desk.conclude_item(meeting, 1, "会议听取了汇报，要求按期验收。")
    desk.close_meeting(meeting)
    records = Records(desk)
    minutes = records.minutes(meeting)
    assert minutes.items[0].reports_on == (
        "听取2026年第1次党委会第1项议题（修缮村委会办公用房）决定事项的督办情况汇报："
        f"督办事项第{first}号“完成修缮并验收”；第{done}号“公示修缮费用”")
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(records.preview_pdf(meeting))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "督办汇报：" + re.sub(r"\s+", "", minutes.items[0].reports_on) in flat
    assert desk.hearings(unit)[first] == [Hearing("2026年第2次党委会", 1, date(2026, 11, 17))]

    # the filed package of that meeting verifies, its progress report held against the log
    records.create_certificate(unit, "口令-hearings")
    package = tmp_path / "filed.mdpkg"
    done = records.export(meeting, package_path=package, passphrase="口令-hearings")
    trust = Trust(fingerprints=frozenset({done.certificate_sha256}))
    verdict = records.verify(io.BytesIO(package.read_bytes()), trust)
    assert verdict.ok, [f.text for f in verdict.findings]
    assert any("1 项督办情况汇报均与会议开始时的督办记录相符" in f.text for f in verdict.findings)


def test_the_followup_report_lists_the_meetings_that_heard_each_task(
        desk: Desk, unit: int, closed: int, tasks: tuple[int, int, int], tmp_path: Path):
    first, done, gone = tasks
    meeting = later(desk, unit)
    desk.add_progress_report(meeting, desk.meeting_info(closed).uid, 1, [first])
    desk.start_meeting(meeting)
    report = desk.followup_report(unit, "2026-11-01", "2026-11-30")
    assert {r.no: r.heard for r in report.rows} == {
        first: ("2026年11月17日 2026年第2次党委会第1项",), done: (), gone: ()}
    assert desk.followup_report(unit, "2026-11-01", "2026-11-16").rows[0].heard == ()
    pdf = tmp_path / "督办.pdf"
    pdf.write_bytes(render_pdf(report))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "听取汇报" in flat and "2026年第2次党委会第1项" in flat
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[3][6] == "听取汇报"
    assert [(r[0], r[6]) for r in rows[4:]] == [
        (first, "2026年11月17日 2026年第2次党委会第1项"), (done, None), (gone, None)]


def test_verify_holds_the_reports_heard_against_the_follow_up_log_of_the_day(
        desk: Desk, unit: int, closed: int, tasks: tuple[int, int, int]):
    first, done, _ = tasks
    meeting = later(desk, unit)
    desk.add_progress_report(meeting, desk.meeting_info(closed).uid, 1, [first, done])
    desk.start_meeting(meeting)
    desk.cancel_task(unit, first, "项目终止。")  # after the meeting heard it: still as it was
    log = desk.unit_log_events(unit, "followup")
    found, summary = check_followup(log, desk.meeting(meeting))
    assert found[-1][:3] == ("authenticity", True,
                             "本次会议听取的 1 项督办情况汇报均与会议开始时的督办记录相符")
    assert summary is not None and summary.cancelled == 2
    # a log without the second task the record says was heard (its first entry only)
    found, summary = check_followup(log[:1], desk.meeting(meeting))
    assert summary is None and found[-1][:2] == ("authenticity", False)
    assert found[-1][2].startswith("第 1 项督办情况汇报与会议开始时的督办记录不符：")
    assert f"第 {done} 号督办事项不属于" in found[-1][2]
