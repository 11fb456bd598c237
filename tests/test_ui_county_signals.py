"""The 监督信号 tab driven as a user would: a signal's count, its rows, the records behind a row
(Enter or a double-click), the record asked for, the trend chart and the exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterator

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from county_records import Rows, crafted, new_archive
from meetingdesk.ui.county.signals_tab import SignalsTab


@pytest.fixture
def tab(qtbot: QtBot, sqlite_url: str) -> Iterator[tuple[SignalsTab, dict[str, int]]]:
    db = new_archive(sqlite_url)
    with db.transaction(write=True) as conn:
        ids = crafted(Rows(conn))
    widget = SignalsTab(db, year=2026, today=date(2026, 11, 29))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    computed(qtbot, widget)
    yield widget, ids
    db.close()


def computed(qtbot: QtBot, widget: SignalsTab) -> None:
    """Wait for the signals of the year and unit chosen (computed in a worker)."""
    qtbot.waitUntil(lambda: widget.signalList.count() > 0)


def texts(view: Any, row: int) -> list[str]:
    model = view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def package_of(tab: SignalsTab, meeting_id: int) -> int:
    from sqlalchemy import select

    from meetingdesk.county.models import FiledMeeting

    with tab.archive.transaction() as conn:
        return conn.execute(select(FiledMeeting.package_id).where(
            FiledMeeting.id == meeting_id)).scalar_one()


def test_drill_from_a_deferral_into_the_record_that_brought_it_back(
        qtbot: QtBot, tab: tuple[SignalsTab, dict[str, int]]) -> None:
    widget, ids = tab
    names = [widget.signalList.item(n).text() for n in range(widget.signalList.count())]
    assert names[4] == "缓议事项（2）" and names[1] == "金额接近限额（2）"
    widget.signalList.setCurrentRow(4)
    assert texts(widget.rowsTable, 0)[4:7] == ["调整村级办公用房", "需进一步调研", "已复议"]
    assert texts(widget.rowsTable, 1)[6] == "未复议"
    assert widget.chart.counts == {3: 2}  # the two deferrals, not the return
    widget.rowsTable.setCurrentIndex(widget.rowsModel.index(0, 0))
    widget.rowsTable.setFocus()
    qtbot.keyClick(widget.rowsTable, Qt.Key.Key_Return)
    assert [texts(widget.recordsTable, r) for r in range(widget.recordsTable.rowCount())] == [
        ["东陈乡", "2026年第1次党委会", "2026-03-02", "第3项：调整村级办公用房"],
        ["东陈乡", "2026年第2次党委会", "2026-03-20", "第1项：调整村级办公用房"]]
    assert widget.recordsTable.hasFocus()
    widget.recordsTable.setCurrentCell(1, 0)
    with qtbot.waitSignal(widget.recordRequested) as asked:
        qtbot.keyClick(widget.recordsTable, Qt.Key.Key_Return)
    assert asked.args == [package_of(widget, ids["m2"])]
    with qtbot.waitSignal(widget.recordRequested) as asked:
        qtbot.mouseClick(widget.openButton, Qt.MouseButton.LeftButton)
    assert asked.args == [package_of(widget, ids["m2"])]


def test_double_click_on_the_chiefs_attendance_lists_the_meeting_missed(
        qtbot: QtBot, tab: tuple[SignalsTab, dict[str, int]]) -> None:
    widget, ids = tab
    widget.signalList.setCurrentRow(7)
    assert texts(widget.rowsTable, 0)[:5] == ["东陈乡", "王书记", "是", "4", "1"]
    assert widget.chart.isVisible() and widget.chart.counts == {3: 1, 4: 1}  # 张委员 late, the chief absent
    cell = widget.rowsTable.visualRect(widget.rowsModel.index(0, 1)).center()
    qtbot.mouseClick(widget.rowsTable.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(widget.rowsTable.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert texts(widget.recordsTable, 0) == ["东陈乡", "2026年第3次党委会", "2026-04-10", ""]
    asked: list[int] = []
    widget.recordRequested.connect(asked.append)
    cell = widget.recordsTable.visualItemRect(widget.recordsTable.item(0, 1)).center()
    qtbot.mouseClick(widget.recordsTable.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(widget.recordsTable.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert asked == [package_of(widget, ids["m3"])]  # once


def test_one_unit_another_year_and_the_exports(
        qtbot: QtBot, tab: tuple[SignalsTab, dict[str, int]], tmp_path: Path) -> None:
    widget, _ = tab
    widget.unitCombo.setCurrentIndex(widget.unitCombo.findText("西周镇"))
    computed(qtbot, widget)
    assert widget.signalList.item(1).text() == "金额接近限额（1）"
    assert widget.signalList.item(0).text() == "三重一大事项（0）"
    widget.signalList.setCurrentRow(5)  # unanimity: no trend, so no chart
    assert not widget.chart.isVisible()
    widget.save("xlsx", tmp_path / "signals.xlsx")
    book = load_workbook(tmp_path / "signals.xlsx")
    assert book["金额接近限额"].cell(row=4, column=6).value == 28000
    assert "已导出" in widget.message.text()
    widget.save("pdf", tmp_path / "signals.pdf")
    assert (tmp_path / "signals.pdf").read_bytes().startswith(b"%PDF")
    widget.yearSpin.setValue(2025)
    computed(qtbot, widget)
    assert widget.signalList.item(1).text() == "金额接近限额（0）"
    widget.save("xlsx", tmp_path / "no-such-folder" / "x.xlsx")
    assert "未能" in widget.message.text() or "无法" in widget.message.text()


def test_no_empty_band_above_the_lists_and_an_export_message_moves_nothing(
        qtbot: QtBot, tab: tuple[SignalsTab, dict[str, int]], tmp_path: Path) -> None:
    widget, _ = tab

    def top_left(w: Any) -> QPoint:
        return w.mapTo(widget, QPoint(0, 0))

    row_bottom = max(top_left(w).y() + w.height() for w in (widget.yearSpin, widget.xlsxButton))
    gap = top_left(widget.signalList).y() - row_bottom
    assert gap < QFontMetrics(widget.font()).lineSpacing()  # no room kept for a message
    placed = {w: top_left(w) for w in (widget.signalList, widget.rowsTable, widget.xlsxButton,
                                       widget.pdfButton, widget.yearSpin)}
    widget.save("xlsx", tmp_path / "signals.xlsx")
    assert widget.message.isVisible() and widget.message.text().startswith("已导出")
    assert {w: top_left(w) for w in placed} == placed
    shown = widget.message.geometry()  # on the buttons' row, beside them, in the window
    assert shown.top() < widget.xlsxButton.geometry().center().y() < shown.bottom()
    assert shown.right() < widget.xlsxButton.geometry().left()
    assert widget.rect().contains(shown)
