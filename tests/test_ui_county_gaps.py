"""The 完整性 tab as a clerk uses it on an archive of many units: the rows arrive from a worker
while the window answers, a unit is found by its name and opened with the keyboard, the gaps
alone are listed, a column sorts, and long texts are cut short with the whole text as tooltip."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import update

from county_records import Rows, new_archive
from meetingdesk.county.models import FiledMeeting
from meetingdesk.ui.county.gaps_model import MISSING
from meetingdesk.ui.county.window import CountyWindow

pytestmark = pytest.mark.gui

LONG_UNIT = "青山县东湖镇人民政府党政领导班子暨村级事务联席会议备案单位"
FILLERS = 40  # units with all their meetings on file: more rows than the view shows


@pytest.fixture
def archive(sqlite_url):
    db = new_archive(sqlite_url)
    with db.transaction(write=True) as conn:
        rows = Rows(conn)
        east = rows.unit("东湖镇党委")
        rows.meeting(east, date(2026, 1, 5), days_to_receipt=3)
        rows.meeting(east, date(2026, 2, 5), current=False)  # superseded: 2 is a gap
        rows.meeting(east, date(2026, 3, 5), days_to_receipt=40)  # late
        cancelled = rows.meeting(east, date(2026, 4, 5))
        conn.execute(update(FiledMeeting).where(FiledMeeting.id == cancelled)
                     .values(cancelled=True, cancel_reason="书记出差"))
        west = rows.unit("西岭乡党委")
        for month in (1, 2):
            rows.meeting(west, date(2026, month, 9), days_to_receipt=5)
        rows.meeting(rows.unit(LONG_UNIT), date(2026, 5, 1), days_to_receipt=2)
        for n in range(FILLERS):
            rows.meeting(rows.unit(f"填充单位{n:02d}"), date(2026, 6, 1), days_to_receipt=1)
    yield db
    db.close()


@pytest.fixture
def window(qtbot, archive):
    window = CountyWindow(archive)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def texts(view, row: int) -> list[str]:
    model = view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def units(view) -> list[str]:
    return [view.model().index(r, 0).data() for r in range(view.model().rowCount())]


def opened_tab(window, qtbot):
    window.tabs.setCurrentWidget(window.completeness)
    tab = window.completeness
    qtbot.waitUntil(lambda: tab.groupsTable.model().rowCount() > 0)
    return tab


def test_the_groups_are_counted_in_a_worker_and_shown_when_done(window, qtbot, archive):
    window.tabs.setCurrentWidget(window.completeness)
    tab = window.completeness
    assert tab.groupsTable.model().rowCount() == 0  # the window is back before the grouping
    assert tab.status.text() == "正在统计各单位的备案情况…"
    qtbot.waitUntil(lambda: tab.groupsTable.model().rowCount() == FILLERS + 3)
    assert tab.status.text() == f"显示 {FILLERS + 3} 组，共 {FILLERS + 3} 组（1 组有缺号）"
    assert texts(tab.groupsTable, 0) == ["东湖镇党委", "党委会", "2026", "1、3", "2", "4",
                                         "3–40", "3"]
    assert tab.groupsTable.currentIndex().row() == 0  # Enter opens it at once

    with archive.transaction(write=True) as conn:  # a receipt meanwhile: the tab counts again
        rows = Rows(conn)
        rows.meeting(rows.unit("南山乡党委"), date(2026, 7, 1))
    tab.refresh()
    assert tab.status.text() == "正在统计各单位的备案情况…"
    qtbot.waitUntil(lambda: tab.groupsTable.model().rowCount() == FILLERS + 4)
    assert "南山乡党委" in units(tab.groupsTable)


def test_a_unit_is_found_by_name_and_opened_with_the_keyboard(window, qtbot):
    tab = opened_tab(window, qtbot)
    tab.filterEdit.setFocus()
    tab.filterEdit.setText("西岭")  # typed
    assert units(tab.groupsTable) == ["西岭乡党委"]
    assert tab.status.text().startswith("显示 1 组，共 43 组")
    QTest.keyClick(tab.filterEdit, Qt.Key.Key_Return)  # Enter: to the rows found
    assert tab.groupsTable.hasFocus() and tab.groupsTable.currentIndex().row() == 0
    QTest.keyClick(tab.groupsTable.viewport(), Qt.Key.Key_Return)  # Enter: its meetings
    numbers = tab.numbersTable
    assert numbers.hasFocus() and tab.groupLabel.text() == "西岭乡党委 · 党委会 · 2026"
    assert [numbers.item(r, 3).text() for r in range(numbers.rowCount())] == ["已备案"] * 2
    QTest.keyClick(numbers, Qt.Key.Key_Escape)  # Esc: back to the groups (Enter on a meeting
    assert tab.groupsTable.hasFocus()  # opens its record: test_ui_county_window.py)

    tab.filterEdit.setFocus()
    tab.filterEdit.setText("没有这个单位")
    assert tab.groupsTable.model().rowCount() == 0
    QTest.keyClick(tab.filterEdit, Qt.Key.Key_Return)  # nothing to go to: the field keeps it
    assert tab.filterEdit.hasFocus()


def test_the_gaps_alone_and_a_sort_that_keeps_the_selected_group(window, qtbot):
    tab = opened_tab(window, qtbot)
    view = tab.groupsTable
    tab.gapsOnly.setChecked(True)
    assert units(view) == ["东湖镇党委"]
    assert view.model().index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    tab.gapsOnly.setChecked(False)
    assert len(units(view)) == FILLERS + 3

    view.setCurrentIndex(view.model().index(units(view).index("西岭乡党委"), 0))
    view.sortByColumn(MISSING, Qt.SortOrder.DescendingOrder)  # a click on 缺号
    assert units(view)[0] == "东湖镇党委"
    assert view.model().index(view.currentIndex().row(), 0).data() == "西岭乡党委"
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert units(view) == sorted(units(view))  # the archive's order again


def test_long_texts_are_cut_short_in_rows_of_one_height_with_the_whole_as_tooltip(window, qtbot):
    tab = opened_tab(window, qtbot)
    view = tab.groupsTable
    row = units(view).index(LONG_UNIT)
    index = view.model().index(row, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == LONG_UNIT
    assert view.columnWidth(0) < view.fontMetrics().horizontalAdvance(LONG_UNIT)  # elided
    assert not view.wordWrap() and view.textElideMode() == Qt.TextElideMode.ElideRight
    heights = {view.rowHeight(r) for r in range(view.model().rowCount())}
    assert len(heights) == 1 and heights.pop() >= view.fontMetrics().height()
    frame = window.frameGeometry()
    assert frame.width() <= 1366 and frame.height() <= 768


def test_tab_leaves_the_tables_and_the_focused_one_shows_its_selection(window, qtbot):
    tab = opened_tab(window, qtbot)
    groups, numbers = tab.groupsTable, tab.numbersTable
    groups.setFocus()
    QTest.keyClick(groups.viewport(), Qt.Key.Key_Return)
    assert numbers.hasFocus()
    strong = numbers.palette().color(numbers.palette().ColorRole.Highlight)
    assert groups.palette().color(groups.palette().ColorRole.Highlight) != strong  # grey
    QTest.keyClick(numbers, Qt.Key.Key_Tab)  # out of the table, not to its next cell
    assert not numbers.hasFocus()
    assert numbers.palette().color(numbers.palette().ColorRole.Highlight) != strong
    groups.setFocus()
    QTest.keyClick(groups, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # the next tab
    assert window.tabs.currentWidget() is window.search
