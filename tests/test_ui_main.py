"""The main window through the real widgets (offscreen): search, status filter and next action,
switching units, keyboard zoom, 10,000 meetings, a database that is not one, and English."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from meetingdesk.demo_bulk import make_many_meetings
from meetingdesk.services import Desk
from meetingdesk.ui import i18n, prefs
from meetingdesk.ui.app import run_gui
from meetingdesk.ui.main_window import MainWindow
from meetingdesk.ui.unit_settings import UnitSettingsDialog
from test_ui_helpers import (answer_message_boxes, chinese, click, click_row, desk,  # noqa: F401
                             exit_after, show, type_text, unit)

pytestmark = pytest.mark.gui


def listed(window: MainWindow) -> list[str]:
    model = window.ui.meetingsView.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def search(qtbot, window: MainWindow, text: str) -> None:
    window.ui.searchEdit.clear()
    type_text(qtbot, window.ui.searchEdit, text)
    qtbot.waitUntil(lambda: not window._search_timer.isActive())  # the typing pause


def test_search_by_title_number_and_date(qtbot, desk: Desk, unit: int):
    make_many_meetings(desk, unit, 40)  # 2026-09-21 .. 2026-10-30, three types in turn
    window = show(qtbot, MainWindow(desk))
    assert len(listed(window)) == 40
    assert window.ui.countLabel.text() == "共 40 次会议"

    search(qtbot, window, "联席")
    assert len(listed(window)) == 13
    assert all("党政联席会议" in title for title in listed(window))
    search(qtbot, window, "2026-10-3")
    assert sorted(listed(window)) == sorted(
        r.title for r in desk.list_meetings(unit) if r.scheduled_at.startswith("2026-10-3"))
    assert len(listed(window)) == 1
    search(qtbot, window, "12")  # a number: the 12th meeting of each type
    assert sorted(listed(window)) == ["2026年第12次乡镇长办公会", "2026年第12次党委会",
                                      "2026年第12次党政联席会议"]
    search(qtbot, window, "没有这样的会议")
    assert listed(window) == [] and window.ui.countLabel.text() == "共 0 次会议"
    assert window.ui.nextButton.text() == "新建会议"


def test_status_filter_and_the_next_action(qtbot, desk: Desk, unit: int):
    chief = desk.members(unit)[0].id
    prepared = desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00",
                                   "会议室", chief, "郑小玲")
    running = desk.create_meeting(unit, "party_committee", "2026-11-21T09:00:00+08:00",
                                  "会议室", chief, "郑小玲")
    desk.add_item(running, title="学习县委文件", kind="study")
    desk.start_meeting(running)
    window = show(qtbot, MainWindow(desk))
    assert window.ui.statusInProgress.text() == "进行中  1"
    assert window.ui.statusAll.text() == "全部  2"

    click(qtbot, window.ui.statusInProgress)
    assert listed(window) == ["2026年第2次党委会"]
    assert window.ui.nextButton.text() == "继续会议"
    assert not window.ui.prepareButton.isVisible()

    click(qtbot, window.ui.statusPreparing)
    assert listed(window) == ["2026年第1次党委会"]
    assert window.ui.nextButton.text() == "筹备会议"  # nothing on the agenda yet
    desk.add_item(prepared, title="学习县委文件", kind="study")
    window.refresh()
    assert window.ui.nextButton.text() == "开始会议"
    assert window.ui.prepareButton.isVisible()
    assert "本年度" not in window.ui.gapLabel.text()


def test_switching_units(qtbot, desk: Desk, unit: int):
    government = desk.create_unit("晓塘乡人民政府")
    head = desk.add_member(government, "李犇", "乡长", 1, True)
    desk.add_member(government, "孙昇", "副乡长", 2)
    desk.create_meeting(government, "head_office", "2026-11-18T09:00:00+08:00", "会议室",
                        head, "何晓燕")
    window = show(qtbot, MainWindow(desk))
    combo = window.ui.unitCombo
    assert [combo.itemText(i) for i in range(combo.count())] == ["晓塘乡党委", "晓塘乡人民政府"]
    assert listed(window) == []
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "晓塘乡人民政府"
    assert listed(window) == ["2026年第1次乡镇长办公会"]
    assert window.windowTitle() == "会议纪实台 — 晓塘乡人民政府"
    assert "主持人：李犇" in window.ui.infoLabel.text()
    # The choice is remembered for the next start.
    again = show(qtbot, MainWindow(desk))
    assert again.ui.unitCombo.currentText() == "晓塘乡人民政府"


def test_unit_settings_and_zoom_from_the_keyboard(qtbot, desk: Desk, unit: int,
                                                  qapp: QApplication):
    window = show(qtbot, MainWindow(desk))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    size = qapp.font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert qapp.font().pointSize() == size + 1
    assert prefs.point_size() == size + 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert qapp.font().pointSize() == prefs.DEFAULT_POINT_SIZE
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(UnitSettingsDialog)
    assert dialog is not None and dialog.isVisible()


def test_ten_thousand_meetings_open_and_filter(qtbot, desk: Desk, unit: int):
    started = time.perf_counter()
    make_many_meetings(desk, unit, 10_000)
    made = time.perf_counter()
    window = show(qtbot, MainWindow(desk))
    shown = time.perf_counter()
    assert window.ui.statusAll.text() == "全部  10,000"
    assert len(listed(window)) == 200  # one page; the rest comes as the list scrolls
    search(qtbot, window, "2019")
    filtered = time.perf_counter()
    assert window.ui.countLabel.text() == "共 365 次会议，已显示 200 次（向下滚动显示更多）"
    window.ui.meetingsView.scrollToBottom()
    qtbot.waitUntil(lambda: len(listed(window)) == 365)
    print(f"\n10,000 meetings: generated in {made - started:.2f} s, window shown in "
          f"{shown - made:.2f} s, filtered in {filtered - shown:.2f} s (incl. the 0.3 s pause)")
    assert shown - made < 5 and filtered - shown < 5  # generous: responsive, not a benchmark


def test_a_file_that_is_not_a_database_is_refused_with_exit_code_2(
        qtbot, chinese: QApplication, tmp_path: Path):
    path = tmp_path / "记录.sqlite3"
    path.write_bytes(b"this is a word document, not a database" * 10)
    seen: list[str] = []
    answer_message_boxes(seen)
    with exit_after(20_000):  # never hang the suite
        assert run_gui(str(path), "zh") == 2
    assert "不是 SQLite 数据库，未作任何改动" in seen[0]
    assert path.read_bytes().startswith(b"this is a word document")


def test_english_interface(qtbot, desk: Desk, unit: int, qapp: QApplication):
    i18n.install(qapp, "en")
    window = show(qtbot, MainWindow(desk))
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Meeting", "&Unit", "&View", "&Help"]
    assert window.ui.statusAll.text() == "All  0"
    assert window.ui.nextButton.text() == "New meeting"
    dialog = show(qtbot, UnitSettingsDialog(desk, unit))
    panel = dialog.division
    click_row(qtbot, panel.ui.areasView, "财务")
    panel.ui.memberCombo.setCurrentIndex(0)  # the chief
    click(qtbot, panel.ui.assignButton)
    assert "The chief 徐颖峰 may not directly hold the portfolio '财务'" in (
        panel.ui.messageLabel.text())
    assert dialog.tabs.tabText(0) == "Team &members"


def test_the_next_action_opens_the_run_console(qtbot, desk: Desk, unit: int):
    from meetingdesk.ui.console import ConsoleWindow

    chief = desk.members(unit)[0].id
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00",
                                  "会议室", chief, "郑小玲")
    desk.add_item(meeting, title="学习县委文件", kind="study")
    window = show(qtbot, MainWindow(desk))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.ui.nextButton.text() == "开始会议"
    qtbot.keyClick(window.ui.meetingsView, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    consoles = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, ConsoleWindow) and w.isVisible()]
    assert len(consoles) == 1 and consoles[0].meeting_id == meeting
    click(qtbot, window.ui.nextButton)  # a second press brings the same console forward
    assert [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ConsoleWindow) and w.isVisible()] == consoles
    consoles[0].close()
    qtbot.waitUntil(lambda: not window._windows)


def test_a_closed_meeting_opens_its_record_page(qtbot, desk: Desk, unit: int):
    from meetingdesk.ui.record_window import RecordWindow

    members = [m.id for m in desk.members(unit)]
    meeting = desk.create_meeting(unit, "party_committee", "2026-11-20T09:00:00+08:00",
                                  "会议室", members[0], "郑小玲")
    desk.add_item(meeting, title="学习县委文件", kind="study", presenter_id=members[1])
    desk.start_meeting(meeting)
    for member in members:
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    desk.report(meeting, 1, members[1], "传达文件精神。")
    desk.conclude_item(meeting, 1, "会议学习了文件。")
    desk.close_meeting(meeting)
    window = show(qtbot, MainWindow(desk))
    assert window.ui.nextButton.text() == "查看记录"
    click(qtbot, window.ui.nextButton)
    pages = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, RecordWindow) and w.isVisible()]
    assert len(pages) == 1 and pages[0].meeting_id == meeting
    pages[0].close()
    qtbot.waitUntil(lambda: not window._windows)
