"""The 督办 window driven as a user would (R14): a task assigned to a decided item, a refusal
explained next to the fields, progress noted, the task completed, the report exported and read
back with pdftotext; the main window shows the overdue tasks and opens the window from there."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QFileDialog

from meetingdesk.domain import DomainError
from meetingdesk.services import Desk
from meetingdesk.ui.followup_window import FollowUpWindow
from meetingdesk.ui.main_window import MainWindow
from submitted import MinuteClock
from test_services_followup import clock, hold, speak, unit  # noqa: F401 (fixtures)
from test_ui_helpers import chinese, click, show, type_text  # noqa: F401 (fixture)

@pytest.fixture
def desk(sqlite_url: str, clock: MinuteClock, chinese: QApplication) -> Iterator[Desk]:
    d = Desk.open(sqlite_url, clock=clock)
    yield d
    d.close()


@pytest.fixture
def decided(desk: Desk, unit: int) -> int:
    """A closed meeting of the unit whose one item passed."""
    meeting = hold(desk, unit, "party_committee", [
        {"title": "修缮村委会办公用房", "kind": "decision", "amount": "20000",
         "fund_type": "regular"}])
    speak(desk, meeting, 1, "agree")
    for member in desk.meeting(meeting).eligible(1):
        desk.cast_vote(meeting, 1, member, "agree")
    desk.decide(meeting, 1, "决定。")
    desk.close_meeting(meeting)
    return meeting


def cells(window: FollowUpWindow) -> list[list[str]]:
    table = window.ui.tasksTable
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_assign_note_progress_complete_and_export(qtbot, desk: Desk, unit: int, decided: int,
                                                  clock: MinuteClock, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    window = show(qtbot, FollowUpWindow(desk, unit))
    ui = window.ui
    assert ui.decisionCombo.currentText() == "2026年第1次党委会 第 1 项：修缮村委会办公用房"
    assert "还没有督办事项" in ui.overdueLabel.text()

    # a member and a department both named: the domain's refusal, beside the fields
    type_text(qtbot, ui.whatEdit, "完成修缮并组织验收")
    ui.ownerCombo.setCurrentText("孙昇")
    type_text(qtbot, ui.departmentEdit, "党政办")
    ui.deadlineEdit.setDate(QDate(2026, 11, 30))
    click(qtbot, ui.assignButton)
    assert ui.assignMessage.isVisible()
    assert ui.assignMessage.text() == DomainError("TASK_OWNER").message_zh
    assert desk.tasks(unit) == [] and ui.tasksTable.rowCount() == 0

    ui.departmentEdit.clear()
    ui.byCombo.setCurrentText("徐颖峰")
    click(qtbot, ui.assignButton)
    assert not ui.assignMessage.isVisible()
    assert cells(window) == [["1", "2026年第1次党委会 · 修缮村委会办公用房", "完成修缮并组织验收",
                              "孙昇", "2026-11-30", "办理中"]]

    clock.now += timedelta(days=5)
    ui.onEdit.setDate(QDate(2026, 11, 14))
    ui.byCombo.setCurrentText("孙昇")
    type_text(qtbot, ui.noteEdit, "已完成招标。")
    click(qtbot, ui.progressButton)
    assert "2026-11-14  已完成招标。" in ui.progressLabel.text()
    type_text(qtbot, ui.noteEdit, "已完工并通过验收。")
    click(qtbot, ui.completeButton)
    assert cells(window)[0][-1] == "已办结"
    assert "已办结：已完工并通过验收。" in ui.progressLabel.text()
    assert not ui.handleBox.isEnabled()  # a closed task takes no more progress
    task = desk.task(unit, 1)
    assert (task.status, [p.note for p in task.progress]) == ("done", ["已完成招标。"])

    target = tmp_path / "督办.pdf"
    offered: list[str] = []

    def answer(_parent, _title, default, filters):
        offered.append(default)
        return str(target), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    ui.startEdit.setDate(QDate(2026, 11, 1))
    ui.endEdit.setDate(QDate(2026, 11, 30))
    click(qtbot, ui.exportPdfButton)
    assert Path(offered[0]).name.endswith(".pdf") and "已导出" in ui.reportMessage.text()
    text = subprocess.run(["pdftotext", "-layout", target, "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "2026年11月1日至2026年11月30日" in text and "已办结 1 项" in text
    assert "完成修缮" in text and "孙昇" in text and "已完成招标" in text
    target = tmp_path / "督办.xlsx"
    click(qtbot, ui.exportXlsxButton)
    assert target.read_bytes()[:2] == b"PK"


def test_overdue_tasks_shown_in_the_main_window_open_the_follow_up(qtbot, desk: Desk,
                                                                    unit: int, decided: int,
                                                                    clock: MinuteClock):
    desk.assign_task(decided, 1, "完成修缮并组织验收", "2026-11-20", department="党政办")
    window = show(qtbot, MainWindow(desk))
    assert not window.ui.overdueButton.isVisible()
    clock.now += timedelta(days=15)
    window.refresh()
    assert window.ui.overdueButton.isVisible()
    assert window.ui.overdueButton.text() == "1 项督办事项已逾期"
    click(qtbot, window.ui.overdueButton)
    follow = window._windows[("followup", unit)]
    qtbot.waitExposed(follow)
    assert cells(follow)[0][-1] == "办理中（已逾期）"
    assert "1 项督办事项已逾期" in follow.ui.overdueLabel.text()
    assert date(2026, 11, 20) < desk.clock().date()
