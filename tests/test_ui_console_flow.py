"""The console as a new clerk meets it (issue 13): each item's page starts from that item's own
facts, the keyboard goes all the way (the cursor where the next entry is typed, a refusal said
next to its field), irreversible steps ask first, a late-comer can be marked at the roll call,
a chosen stance survives a crash like the texts, and a closed meeting leads to its record."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QRadioButton, QTableView, QWidget)

from meetingdesk.services import Desk
from meetingdesk.ui.cancel_meeting import CancelMeetingDialog
from meetingdesk.ui.console import ConsoleWindow
from test_ui_console import (APPOINT, FUNDS, PURCHASE, STUDY, candidate_rows, close_meeting,
                             desk, dialog, dialog_ok, everyone_speaks, find, open_console,
                             press, prepare, report, roll_call, state_on_candidates, text, tool,
                             type_into, type_text)

pytestmark = pytest.mark.gui
__all__ = ["desk", "open_console"]  # fixtures

BRIEFING = {"title": "通报村级组织换届准备情况", "kind": "briefing", "presenter": "刘珺"}


def ctrl_enter(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def checked_stances(w: ConsoleWindow) -> list[str]:
    return [r.objectName() for r in find(w, QWidget, "opinionsPage").findChildren(QRadioButton)
            if r.isChecked()]


def to_item(w: ConsoleWindow, absent: dict[str, str] | None = None) -> None:
    roll_call(w, absent)
    press(w, "openSessionButton")
    press(w, "openItemButton")


def test_each_items_report_starts_from_its_own_presenter(desk: Desk, open_console: Any) -> None:
    """Item 2's page showed item 1's presenter, and the report was stored as given by him."""
    meeting = prepare(desk, [STUDY, BRIEFING])
    w = open_console(meeting)
    to_item(w)
    presenter = find(w, QComboBox, "presenterCombo")
    assert presenter.currentText().startswith("张喆")
    report(w, "领学文件。")
    press(w, "concludeButton")
    press(w, "openItemButton")
    assert w.step.code == "report" and w.step.item_no == 2
    assert presenter.currentText().startswith("刘珺")  # the agenda's presenter of item 2
    report(w, "换届准备工作已启动。")
    reports = [s for s in desk.meeting(meeting).items[2].speeches if s.kind == "report"]
    assert [r.speaker for r in reports] == ["刘珺"]


def test_a_stance_chosen_on_one_item_never_shows_on_the_next(desk: Desk,
                                                             open_console: Any) -> None:
    """A stance picked for a member, then the item deferred: the same member opens the next
    item's round with no stance chosen, and no reason or words of the other item."""
    meeting = prepare(desk, [FUNDS, PURCHASE])
    w = open_console(meeting)
    to_item(w)
    report(w)
    first = w.step.pending[0]
    press(w, "disagreeRadio")
    type_into(w, "reasonEdit", "依据不足。")
    tool(w, "deferAction")
    d = dialog(w)
    type_text(d.findChild(QPlainTextEdit, "textEdit"), "需进一步调研。")
    dialog_ok(d)
    assert w.step.code == "open_item" and w.step.item_no == 2
    press(w, "openItemButton")
    report(w)
    assert w.step.code == "opinions" and w.step.pending[0] == first
    assert checked_stances(w) == []
    assert find(w, QLineEdit, "reasonEdit").text() == ""
    assert text(w, "reasonLabel") == "依据和理由："


def test_the_cursor_follows_the_round_and_a_refusal_is_said_at_its_field(
        desk: Desk, open_console: Any, qtbot: Any) -> None:
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    w.resize(1366, 740)  # the laptop's screen (offscreen's own is 800x600)
    to_item(w)
    words = find(w, QPlainTextEdit, "wordsEdit")
    reason = find(w, QLineEdit, "reasonEdit")
    report(w)
    assert focused() is words  # the round begins where the first speaker's words go
    first = w.state.name(w.step.pending[0])
    type_text(words, "我不同意。")
    QTest.keyClick(words, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # 不同意(&2)
    qtbot.waitUntil(lambda: checked_stances(w) == ["disagreeRadio"])  # an animated click
    ctrl_enter(focused())
    note = w.findChild(QLabel, "fieldNoteLabel")
    assert note.isVisible() and note.text() == "请填写“不同意”的依据和理由。"
    assert focused() is reason
    # next to the reason box: just under it (or above it), as wide as the box
    box = reason.mapTo(w, reason.rect().bottomLeft())
    assert abs(note.x() - box.x()) < 40
    assert 0 <= note.y() - box.y() <= 10 or 0 <= reason.mapTo(w, reason.rect().topLeft()).y() \
        - (note.y() + note.height()) <= 10
    type_text(reason, "补助标准不明确。")
    assert not note.isVisible()  # typing answers it
    QTest.keyClick(reason, Qt.Key.Key_Return)  # Enter in the reason box confirms
    item = desk.meeting(meeting).items[1]
    assert [(s.speaker, s.stance, s.reason) for s in item.speeches if s.kind == "opinion"] == [
        (first, "disagree", "补助标准不明确。")]
    assert focused() is words and words.isEnabled()  # the next speaker's words
    assert w.state.name(w.step.pending[0]) in text(w, "speakerLabel")
    assert checked_stances(w) == [] and words.toPlainText() == ""

    # a stance recorded by mistake: the console says how to amend it (R6a), and it works
    assert f"已记录{first}的表态" in text(w, "messageLabel") and "Ctrl+E" in text(w, "messageLabel")
    queue = find(w, QTableView, "queueView")
    queue.setFocus()
    QTest.keyClick(queue, Qt.Key.Key_Up)
    QTest.keyClick(queue, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    d = dialog(w)
    assert d.windowTitle() == "修改记录"
    assert d.findChild(QComboBox, "stanceCombo").currentText() == "不同意"
    assert d.findChild(QLineEdit, "reasonEdit").text() == "补助标准不明确。"


def test_starting_asks_first_and_an_empty_agenda_is_refused_in_words(
        desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [STUDY], start=False)
    w = open_console(meeting)
    ctrl_enter(focused())  # Ctrl+Enter: asked first, nothing fixed yet
    box = w.findChild(QMessageBox, "startMeetingBox")
    assert box is not None and box.isVisible() and "议程即固定" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)
    QTest.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible() and w.step.code == "start"
    assert desk.events(meeting) == []

    empty = desk.create_meeting(desk.meeting_info(meeting).unit_id, "party_committee",
                                "2026-11-27T09:00:00+08:00", "三楼会议室", None, "郑小玲")
    w2 = open_console(empty)
    assert "尚无议题" in text(w2, "startInfoLabel")
    ctrl_enter(focused())
    box = w2.findChild(QMessageBox, "startMeetingBox")
    QTest.keyClick(box, Qt.Key.Key_Return)  # Enter says yes: the domain refuses, in words
    assert w2.step.code == "start"
    assert "议程" in text(w2, "messageLabel") and find(w2, QLabel, "messageLabel").isVisible()

    # not stuck: the meeting that will not take place is cancelled from the same page (R11)
    cancel = find(w2, QAbstractButton, "cancelMeetingButton")
    assert cancel.isVisible() and cancel.isEnabled()
    press(w2, "cancelMeetingButton")
    d = w2.findChild(CancelMeetingDialog)
    assert d is not None and d.isVisible()
    type_text(d.findChild(QPlainTextEdit, "reasonEdit"), "议题未准备好，改期召开")
    d.accept()
    assert desk.meeting_info(empty).cancellation.reason == "议题未准备好，改期召开"
    assert not find(w2, QAbstractButton, "startButton").isEnabled()
    assert "会议已取消：议题未准备好，改期召开" in text(w2, "startInfoLabel")
    assert text(w2, "stepLabel") == "会议已取消，不再召开（编号保留）"
    assert not find(w2, QLabel, "messageLabel").isVisible()


def test_a_late_comer_is_marked_at_the_roll_call(desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [STUDY])
    w = open_console(meeting)
    hint = find(w, QLabel, "rollCallHintLabel")
    assert hint.isVisible() and "还有 9 位成员未点名" in hint.text()
    opening = find(w, QAbstractButton, "openSessionButton")
    assert opening.isEnabled()  # offered from the start; the domain says what is missing
    press(w, "openSessionButton")
    assert text(w, "messageLabel").startswith("还有 9 位成员未点名：王建堃")
    assert focused() is find(w, QTableView, "rollCallView")
    while len(w.step.pending) > 1:
        press(w, "presentButton")
    assert "还有 1 位成员未点名：吴敏" in hint.text()
    press(w, "lateButton")  # 吴敏 is not in the room yet
    assert w.step.code == "open_session"
    press(w, "openSessionButton")
    assert w.step.code == "open_item"
    tool(w, "arrivalAction")
    d = dialog(w)
    assert d.findChild(QComboBox, "personCombo").currentText().startswith("吴敏")
    dialog_ok(d)
    state = desk.meeting(meeting)
    assert state.attendance[state.expected[8]] == "present"
    assert [p.kind for p in state.presence_log][-2:] == ["absent", "arrived"]


def test_a_closed_meeting_leads_to_its_record_for_signature(desk: Desk, open_console: Any,
                                                            qtbot: Any) -> None:
    meeting = prepare(desk, [STUDY])
    w = open_console(meeting)
    to_item(w)
    report(w)
    press(w, "concludeButton")
    close_meeting(w)
    assert w.step.code == "sign"
    button = find(w, QAbstractButton, "openRecordButton")
    assert button.isVisible() and focused() is button
    QTest.keyClick(button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = w.record_window
    assert record is not None
    qtbot.addWidget(record)
    assert QTest.qWaitForWindowExposed(record)
    assert record.meeting_id == meeting and record.findChild(QAbstractButton, "signButton")


def after_a_crash(w: ConsoleWindow, qtbot: Any, field: str, typed: str) -> ConsoleWindow:
    """Once the first speaker's `field` is saved as typed (a second after typing stops), a
    second console on the same database, as after kill -9 and a restart."""
    key = f"item:1/member:{w.step.pending[0]}/{field}"
    qtbot.waitUntil(lambda: w.desk.drafts(w.meeting_id).get(key) == typed, timeout=3000)
    again = ConsoleWindow(w.desk, w.meeting_id)
    qtbot.addWidget(again)
    again.show()
    return again


def test_a_chosen_stance_comes_back_after_a_crash(desk: Desk, open_console: Any,
                                                 qtbot: Any) -> None:
    """Nothing closes the console (as after kill -9): the words and reason saved as drafts
    after a pause, the stance the moment it was chosen; all come back."""
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    to_item(w)
    report(w)
    type_into(w, "wordsEdit", "不同意。")
    press(w, "deferRadio")
    type_into(w, "reasonEdit", "需会商。")
    again = after_a_crash(w, qtbot, "reason", "需会商。")
    assert checked_stances(again) == ["deferRadio"]
    assert find(again, QLineEdit, "reasonEdit").text() == "需会商。"
    assert find(again, QPlainTextEdit, "wordsEdit").toPlainText() == "不同意。"
    assert "的表态" in text(again, "draftLabel")


def test_stances_on_each_candidate_come_back_after_a_crash(desk: Desk, open_console: Any,
                                                           qtbot: Any) -> None:
    meeting = prepare(desk, [dict(APPOINT, vote_mode="hands")])
    w = open_console(meeting)
    to_item(w)
    report(w)
    state_on_candidates(candidate_rows(w), ["agree", "disagree"], "另有人选。")
    again = after_a_crash(w, qtbot, "reason_2", "另有人选。")
    rows = candidate_rows(again)
    assert [[r.objectName() for r in row.findChildren(QRadioButton) if r.isChecked()]
            for row in rows] == [["agreeRadio"], ["disagreeRadio"]]
    assert rows[1].findChild(QLineEdit, "reasonEdit").text() == "另有人选。"


def test_a_written_opinion_is_confirmed_where_the_member_is_listed(desk: Desk,
                                                                   open_console: Any) -> None:
    """Ctrl+Enter records it from the dialog's text box; the member's row then says so."""
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    to_item(w, absent={"吴敏": "出差"})
    tool(w, "writtenAction")
    d = dialog(w)
    d.findChild(QComboBox, "stanceCombo").setCurrentIndex(0)
    type_text(d.findChild(QPlainTextEdit, "textEdit"), "同意。")
    d.activateWindow()  # as the window manager does with a dialog opened
    assert QTest.qWaitForWindowActive(d)
    ctrl_enter(d.findChild(QPlainTextEdit, "textEdit"))
    assert not d.isVisible()
    assert text(w, "messageLabel") == "已记录吴敏对第 1 项的书面意见。"
    presence = find(w, QTableView, "presenceView")
    row = next(r for r in range(presence.model().rowCount())
               if presence.model().index(r, 0).data() == "吴敏")
    assert presence.model().index(row, 2).data() == "缺席（已交书面意见）：出差"


def test_each_vote_is_said_back_as_it_cannot_be_amended(desk: Desk, open_console: Any) -> None:
    """A vote is final on one keypress (R6a allows no amendment once the vote has begun): the
    console says at once what it recorded, and how a mistake is put right."""
    meeting = prepare(desk, [FUNDS])
    w = open_console(meeting)
    to_item(w)
    report(w)
    everyone_speaks(w)
    assert w.step.code == "vote" and focused() is find(w, QTableView, "voteView")
    voter = w.state.name(w.page.member())
    press(w, "voteDisagreeButton")
    assert text(w, "messageLabel") == (
        f"已登记{voter}：不同意。表决意见登记后不能修改，如有录错，闭会后添加更正。")


def test_the_head_decides_with_the_keyboard(desk: Desk, open_console: Any, qtbot: Any) -> None:
    """Head mode (R10): the cursor on the decisions, Alt+4 暂缓, the words, Ctrl+Enter; refused
    for want of a reason, said at the reason box, which Enter then confirms."""
    meeting = prepare(desk, [PURCHASE], type_code="head_office")
    w = open_console(meeting)
    to_item(w)
    report(w)
    everyone_speaks(w)
    assert w.step.code == "head_decision"
    assert focused() is find(w, QRadioButton, "headAgreeRadio")
    QTest.keyClick(focused(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # 暂缓(&4)
    qtbot.waitUntil(find(w, QRadioButton, "headDeferRadio").isChecked)
    text_edit = find(w, QPlainTextEdit, "headTextEdit")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    while focused() is not text_edit:
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(text_edit, "暂缓采购，待明年预算安排。")
    ctrl_enter(text_edit)
    reason = find(w, QLineEdit, "headReasonEdit")
    assert focused() is reason
    assert w.findChild(QLabel, "fieldNoteLabel").text() == "请填写与多数意见不一致的决定理由。"
    type_text(reason, "年底财力紧张。")
    QTest.keyClick(reason, Qt.Key.Key_Return)
    assert w.step.code == "close"
    assert focused() is find(w, QAbstractButton, "closeButton")
