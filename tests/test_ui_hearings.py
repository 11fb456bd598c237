"""督办情况汇报 through the real widgets (R14): preparing a meeting, 添加督办汇报 lists the
decisions with tasks and their tasks (never a cancelled one), an empty choice is refused in the
dialog, the item goes on the agenda marked as a progress report; once the meeting is held the
督办 window shows, for the task, the meeting that heard it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from meetingdesk.domain import DomainError
from meetingdesk.services import Desk
from meetingdesk.ui.console_words import Words
from meetingdesk.ui.followup_window import FollowUpWindow
from meetingdesk.ui.prepare import PrepareDialog
from meetingdesk.ui.progress_report_dialog import ProgressReportDialog
from test_services_followup import clock, unit  # noqa: F401 (fixtures)
from test_ui_followup import decided, desk  # noqa: F401 (fixtures)
from test_ui_helpers import chinese, click, click_row, show  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


def report_dialog(qtbot, desk: Desk, unit: int) -> tuple[PrepareDialog, ProgressReportDialog]:
    chief = desk.members(unit)[0].id
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00",
                                  "会议室", chief, "郑小玲")
    prepare = show(qtbot, PrepareDialog(desk, unit, meeting))
    click(qtbot, prepare.ui.reportButton)
    [dialog] = [d for d in prepare.findChildren(ProgressReportDialog) if d.isVisible()]
    return prepare, dialog


def ok(qtbot, dialog: ProgressReportDialog) -> None:
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))


def test_a_progress_report_put_on_the_agenda_and_shown_for_its_task(
        qtbot, desk: Desk, unit: int, decided: int):
    works = desk.members(unit)[2].id
    first = desk.assign_task(decided, 1, "完成修缮并验收", "2026-11-30", member_id=works)
    gone = desk.assign_task(decided, 1, "另建档案室", "2026-12-20", department="党政办")
    desk.cancel_task(unit, gone, "并入第 1 项办理。")
    prepare, dialog = report_dialog(qtbot, desk, unit)
    ui = dialog.ui
    assert ui.decisionCombo.currentText() == "2026年第1次党委会 第 1 项：修缮村委会办公用房"
    model = dialog.tasks_model
    assert [model.item(r).text() for r in range(model.rowCount())] == [
        "第 1 号　完成修缮并验收（孙昇，2026-11-30 前，办理中）"]  # not the cancelled task
    assert ui.titleEdit.placeholderText() == "关于“修缮村委会办公用房”决定事项督办情况的汇报"
    assert ui.kindCombo.currentText() == "通报"

    model.item(0).setCheckState(Qt.CheckState.Unchecked)
    ok(qtbot, dialog)
    assert dialog.isVisible() and ui.messageLabel.isVisible()
    assert ui.messageLabel.text() == DomainError("REPORT_NO_TASKS").message_zh
    assert dialog.focusWidget() is ui.tasksView and desk.agenda(prepare.meeting_id) == []

    model.item(0).setCheckState(Qt.CheckState.Checked)
    ui.kindCombo.setCurrentText("审议")  # the unit wants a decision on it
    ui.presenterCombo.setCurrentIndex(ui.presenterCombo.findData(works))
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    agenda = prepare.agenda_model
    assert agenda.index(0, 1).data() == "关于“修缮村委会办公用房”决定事项督办情况的汇报（督办汇报）"
    assert agenda.index(0, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "听取2026年第1次党委会第1项议题（修缮村委会办公用房）决定事项的督办情况汇报")
    assert agenda.index(0, 2).data() == "审议"
    prepare.ui.agendaView.selectRow(0)  # what the record will say, under the agenda
    assert prepare.ui.itemDetail.text() == agenda.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)

    desk.start_meeting(prepare.meeting_id)
    window = show(qtbot, FollowUpWindow(desk, unit))
    assert window.selected().no == first
    assert "听取汇报：2026-11-10 2026年第2次党委会第 1 项议题" in window.ui.progressLabel.text()


def test_nothing_to_report_on_is_said_and_cannot_be_confirmed(qtbot, desk: Desk, unit: int,
                                                             decided: int):
    _, dialog = report_dialog(qtbot, desk, unit)
    assert dialog.ui.messageLabel.isVisible() and "没有可汇报的督办事项" in dialog.ui.messageLabel.text()
    assert not dialog.ok_button.isEnabled()


def test_the_console_says_which_decision_and_tasks_the_item_reports_on(
        desk: Desk, unit: int, decided: int):
    works = desk.members(unit)[2].id
    first = desk.assign_task(decided, 1, "完成修缮并验收", "2026-11-30", member_id=works)
    chief = desk.members(unit)[0].id
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00",
                                  "会议室", chief, "郑小玲")
    desk.add_progress_report(meeting, desk.meeting_info(decided).uid, 1, [first],
                             presenter_id=works)
    desk.start_meeting(meeting)
    state = desk.meeting(meeting)
    assert Words("zh").item_meta(state, state.items[1]) == (
        "通报议题 · 汇报人：孙昇 · 督办汇报（2026年第1次党委会第 1 项，督办事项 1）")
