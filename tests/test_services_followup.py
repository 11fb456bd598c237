"""Follow-up of decisions (督办, R14) through the services and the real SQLite store: tasks on
the decided items of closed meetings only, progress, completion, cancelling, overdue, and the
督办 report of a period as PDF and XLSX. The closed record is never touched."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from meetingdesk.domain import DomainError
from meetingdesk.record.followup_report import render_pdf, render_xlsx
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
from submitted import MinuteClock

TZ = timezone(timedelta(hours=8))


@pytest.fixture
def clock() -> MinuteClock:
    return MinuteClock(datetime(2026, 11, 10, 9, 0, tzinfo=TZ))


@pytest.fixture
def desk(sqlite_url: str, clock: MinuteClock) -> Iterator[Desk]:
    d = Desk.open(sqlite_url, clock=clock)
    yield d
    d.close()


def hold(desk: Desk, unit: int, mode: str, items: list[dict]) -> int:
    """A meeting of the unit's three members with `items`, started and in session."""
    chief, mayor, deputy = (m.id for m in desk.members(unit))
    meeting = desk.create_meeting(unit, mode, "2026-11-10T09:00:00+08:00", "会议室", chief,
                                  "郑小玲")
    for item in items:
        desk.add_item(meeting, **item)
    desk.start_meeting(meeting)
    for member in (chief, mayor, deputy):
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    return meeting


def speak(desk: Desk, meeting: int, no: int, stance: str, chief: bool = True) -> None:
    """The item opened and reported, everyone's opinion (the chief's last, or none in head
    mode, where the head decides instead)."""
    desk.open_item(meeting, no)
    desk.report(meeting, no, desk.members(desk.meeting_info(meeting).unit_id)[2].id, "汇报。")
    reason = "理由。" if stance != "agree" else ""
    for member in desk.meeting(meeting).speaking_queue(no):
        desk.record_opinion(meeting, no, member, stance, "意见。", reason)
    if chief:
        desk.record_opinion(meeting, no, desk.meeting(meeting).chief_id, stance, "意见。", reason)


@pytest.fixture
def unit(desk: Desk) -> int:
    unit = desk.create_unit("晓塘乡党委")
    for rank, (name, chief) in enumerate([("徐颖峰", True), ("李犇", False), ("孙昇", False)], 1):
        desk.add_member(unit, name, "委员", rank, chief)
    return unit


@pytest.fixture
def closed(desk: Desk, unit: int) -> int:
    """A closed meeting: item 1 passed, item 2 voted down, item 3 deferred."""
    meeting = hold(desk, unit, "party_committee", [
        {"title": "修缮村委会办公用房", "kind": "decision", "amount": "20000",
         "fund_type": "regular"},
        {"title": "新建乡政府停车场", "kind": "decision", "amount": "30000", "fund_type": "regular"},
        {"title": "调整集市摊位", "kind": "decision"}])
    for no, choice in ((1, "agree"), (2, "disagree")):
        speak(desk, meeting, no, "agree")
        for member in desk.meeting(meeting).eligible(no):
            desk.cast_vote(meeting, no, member, choice)
        desk.decide(meeting, no, "决定。")
    speak(desk, meeting, 3, "defer")
    desk.defer(meeting, 3, "暂缓。")
    desk.close_meeting(meeting)
    return meeting


def test_tasks_only_on_what_a_closed_meeting_decided_for(desk: Desk, unit: int, closed: int):
    [decision] = desk.decisions(unit)
    assert (decision.item_no, decision.item_title, decision.decided_on) == (
        1, "修缮村委会办公用房", date(2026, 11, 10))
    for no in (2, 3):  # voted down, deferred
        with pytest.raises(DomainError) as caught:
            desk.assign_task(closed, no, "落实", "2026-12-01", department="党政办")
        assert caught.value.code == "NOT_DECIDED" and f"第 {no} 项" in caught.value.message_zh
    open_meeting = hold(desk, unit, "party_committee", [{"title": "学习文件", "kind": "study"}])
    with pytest.raises(DomainError) as caught:
        desk.assign_task(open_meeting, 1, "落实", "2026-12-01", department="党政办")
    assert caught.value.code == "NOT_DECIDED"
    assert desk.tasks(unit) == []


def test_a_head_s_decision_for_can_be_followed_up(desk: Desk, unit: int):
    chief = desk.members(unit)[0].id
    meeting = hold(desk, unit, "head_office", [
        {"title": "安排冬季清洁取暖补贴发放", "kind": "decision"},
        {"title": "调整食堂开放时间", "kind": "decision"}])
    for no, decision in ((1, "agree"), (2, "disagree")):
        speak(desk, meeting, no, "agree", chief=False)
        desk.head_decide(meeting, no, chief, decision, "决定。",
                         "" if decision == "agree" else "与多数意见不同的理由。")
    desk.close_meeting(meeting)
    assert [d.item_no for d in desk.decisions(unit)] == [1]
    assert desk.assign_task(meeting, 1, "发放补贴", "2026-12-15", department="民政办") == 1


def test_a_task_from_assignment_to_completion(desk: Desk, unit: int, closed: int,
                                              clock: MinuteClock):
    chief, _, works = (m.id for m in desk.members(unit))
    record_before = desk.events(closed)
    no = desk.assign_task(closed, 1, "完成修缮并验收", "2026-11-30", member_id=works, by=chief)
    [task] = desk.tasks(unit)
    assert (task.no, task.what, task.member_id, task.deadline, task.status) == (
        no, "完成修缮并验收", works, date(2026, 11, 30), "open")
    assert task.decision.meeting_uid == desk.meeting_info(closed).uid
    clock.now += timedelta(days=5)
    desk.note_progress(unit, no, "2026-11-14", "已完成招标。", by=works)
    desk.complete_task(unit, no, "已完工并通过验收。", by=works)
    task = desk.task(unit, no)
    assert task.status == "done" and task.outcome == "已完工并通过验收。"
    assert [(p.on, p.note) for p in task.progress] == [(date(2026, 11, 14), "已完成招标。")]
    with pytest.raises(DomainError) as caught:
        desk.note_progress(unit, no, "2026-11-15", "补记。")
    assert caught.value.code == "TASK_CLOSED"
    assert desk.events(closed) == record_before  # the closed record is as it was filed
    assert check_database(desk.db) == []


def test_refusals_leave_the_log_as_it_was(desk: Desk, unit: int, closed: int):
    works = desk.members(unit)[2].id
    no = desk.assign_task(closed, 1, "完成修缮", "2026-11-30", member_id=works)
    before = desk.unit_log_events(unit, "followup")
    for code, action in [
        ("TASK_OWNER", lambda: desk.assign_task(closed, 1, "落实", "2026-12-01")),
        ("TASK_OWNER", lambda: desk.assign_task(closed, 1, "落实", "2026-12-01",
                                                member_id=works, department="党政办")),
        ("DEADLINE_PAST", lambda: desk.assign_task(closed, 1, "落实", "2026-11-01",
                                                   department="党政办")),
        ("PROGRESS_DATE", lambda: desk.note_progress(unit, no, "2026-11-30", "提前写的进展")),
        ("REASON_REQUIRED", lambda: desk.cancel_task(unit, no, "")),
        ("UNKNOWN_TASK", lambda: desk.complete_task(unit, 7, "完成")),
    ]:
        with pytest.raises(DomainError) as caught:
            action()
        assert caught.value.code == code
    assert desk.unit_log_events(unit, "followup") == before
    desk.cancel_task(unit, no, "项目已由县里统一实施。")
    assert desk.task(unit, no).status == "cancelled"


def test_overdue_tasks_and_the_report_of_a_period(desk: Desk, unit: int, closed: int,
                                                  clock: MinuteClock, tmp_path: Path):
    works = desk.members(unit)[2].id
    late = desk.assign_task(closed, 1, "完成修缮并验收", "2026-11-15", member_id=works)
    done = desk.assign_task(closed, 1, "公示修缮费用", "2026-11-20", department="党政办")
    later = desk.assign_task(closed, 1, "建立维护制度", "2026-12-31", department="党政办")
    clock.now = datetime(2026, 11, 18, 9, 0, tzinfo=TZ)
    desk.note_progress(unit, late, "2026-11-16", "主体完工，待验收。")
    desk.complete_task(unit, done, "已在村务公开栏公示。")
    assert [t.no for t in desk.overdue_tasks(unit)] == [late]
    assert [t.no for t in desk.overdue_tasks(unit, date(2027, 1, 1))] == [late, later]

    report = desk.followup_report(unit, "2026-11-01", "2026-11-30")
    assert [r.status for r in report.rows] == ["办理中（已逾期）", "已办结", "办理中"]
    pdf = tmp_path / "督办.pdf"
    pdf.write_bytes(render_pdf(report))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "晓塘乡党委决定事项督办情况报告" in text
    assert "统计期间：2026年11月1日至2026年11月30日" in text
    assert "本期督办事项共 3 项：已办结 1 项，办理中 2 项（其中已逾期 1 项），已撤销 0 项。" in text
    assert "2026年11月16日：主体完工，待验收。" in text and "孙昇" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded

    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "晓塘乡党委决定事项督办情况报告"
    assert rows[3] == ("序号", "决定事项", "督办事项", "责任人", "办结时限", "办理进展", "听取汇报",
                       "状态")
    assert [(r[0], r[3], r[7]) for r in rows[4:]] == [
        (late, "孙昇", "办理中（已逾期）"), (done, "党政办", "已办结"), (later, "党政办", "办理中")]
    assert rows[4][5] == "2026年11月16日：主体完工，待验收。"

    earlier = desk.followup_report(unit, "2026-10-01", "2026-10-31")  # before any was assigned
    assert earlier.rows == ()
