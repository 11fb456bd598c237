"""R11 in the main window: 取消会议… asks the reason, refuses without one, and the cancelled
meeting stays listed as 已取消 with its reason, its number accounted for, no longer editable or
startable. A meeting with no agenda item cannot be started from the main window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit

from meetingdesk.services import Desk
from meetingdesk.ui.cancel_meeting import CancelMeetingDialog
from meetingdesk.ui.main_window import MainWindow
from test_ui_helpers import chinese, click, click_row, desk, show, type_text, unit  # noqa: F401

pytestmark = pytest.mark.gui

REASON = "书记赴县参加紧急会议，改期召开"


def two_meetings(desk: Desk, unit: int) -> tuple[int, int]:
    chief = desk.members(unit)[0].id
    ids = tuple(desk.create_meeting(unit, "party_committee", f"2026-11-2{n}T09:00:00+08:00",
                                    "会议室", chief, "郑小玲") for n in (1, 2))
    desk.add_item(ids[0], title="学习县委文件", kind="study")
    return ids  # type: ignore[return-value]


def open_cancel_dialog(qtbot, window: MainWindow) -> CancelMeetingDialog:
    click(qtbot, window.ui.cancelMeetingButton)
    dialog = window.findChild(CancelMeetingDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def confirm(qtbot, dialog: CancelMeetingDialog) -> None:
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    ok = next(b for b in box.buttons() if b.text() == "取消会议")
    click(qtbot, ok)


def test_cancelling_asks_a_reason_and_keeps_the_meeting_listed(qtbot, desk: Desk, unit: int):
    first, _ = two_meetings(desk, unit)
    window = show(qtbot, MainWindow(desk))
    click_row(qtbot, window.ui.meetingsView, "2026年第1次党委会")
    assert window.act_cancel.isEnabled() and window.ui.cancelMeetingButton.text() == "取消会议"

    dialog = open_cancel_dialog(qtbot, window)
    assert "编号（第 1 次）保留不补" in dialog.findChild(QLabel, "introLabel").text()
    assert dialog.findChild(QLineEdit, "byEdit").text() == "郑小玲"
    confirm(qtbot, dialog)  # no reason typed
    assert dialog.isVisible()
    assert dialog.findChild(QLabel, "messageLabel").text() == "请填写取消会议的原因。"
    assert dialog.focusWidget() is dialog.findChild(QPlainTextEdit, "reasonEdit")
    assert desk.meeting_info(first).status == "preparing"

    type_text(qtbot, dialog.findChild(QPlainTextEdit, "reasonEdit"), REASON)
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = desk.meeting_info(first)
    assert row.status == "cancelled" and row.cancellation.reason == REASON

    # Still listed and selected, shown as cancelled with its reason; nothing more to do with it.
    model = window.ui.meetingsView.model()
    selected = window.ui.meetingsView.selectionModel().selectedRows()[0].row()
    assert model.index(selected, 0).data() == "2026年第1次党委会"
    assert "已取消" in [model.index(selected, c).data() for c in range(model.columnCount())]
    info = window.ui.infoLabel.text()
    assert "状态：已取消" in info and f"取消原因：{REASON}" in info and "经办人：郑小玲" in info
    for action in (window.act_prepare, window.act_run, window.act_record, window.act_cancel):
        assert not action.isEnabled(), action.text()
    assert not window.ui.nextButton.isVisible()
    assert not window.ui.cancelMeetingButton.isVisible()
    assert not window.ui.gapLabel.isVisible()  # number 1 is accounted for, not a gap
    assert window.ui.statusCancelled.text() == "已取消  1"
    assert window.ui.statusPreparing.text() == "筹备中  1"
    click(qtbot, window.ui.statusCancelled)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["2026年第1次党委会"]


def test_going_back_changes_nothing(qtbot, desk: Desk, unit: int):
    first, _ = two_meetings(desk, unit)
    window = show(qtbot, MainWindow(desk))
    click_row(qtbot, window.ui.meetingsView, "2026年第1次党委会")
    dialog = open_cancel_dialog(qtbot, window)
    type_text(qtbot, dialog.findChild(QPlainTextEdit, "reasonEdit"), REASON)
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    click(qtbot, next(b for b in box.buttons() if b.text() == "返回"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert desk.meeting_info(first).status == "preparing"


def test_an_empty_agenda_cannot_be_started(qtbot, desk: Desk, unit: int):
    _, empty = two_meetings(desk, unit)
    window = show(qtbot, MainWindow(desk))
    click_row(qtbot, window.ui.meetingsView, "2026年第2次党委会")
    assert not window.act_run.isEnabled()
    hint = "议程中还没有议题，不能开始会议：请先在“筹备会议”中添加议题。"
    assert window.ui.hintLabel.isVisible() and window.ui.hintLabel.text() == hint
    assert window.act_run.toolTip() == hint
    assert window.ui.nextButton.text() == "筹备会议"
    desk.add_item(empty, title="学习县委文件", kind="study")
    window.refresh()
    assert window.act_run.isEnabled() and not window.ui.hintLabel.isVisible()
    assert window.ui.nextButton.text() == "开始会议"
