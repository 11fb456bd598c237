"""The county window walked with the keyboard at 1366x768, as a clerk found it: a tab chosen
with Alt+N or Ctrl+Tab takes the keyboard into its first field, the 监督信号 tab is computed
while the window answers, its tables let Tab and Ctrl+Tab go on and show which one has the
focus, its exports and the certificates' buttons have mnemonics, and its rows get the width."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from county_records import Rows, crafted, new_archive
from meetingdesk.ui.county.window import COMPLETENESS, RECEIPT, SEARCH, SIGNALS, CountyWindow

pytestmark = pytest.mark.gui

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, sqlite_url):
    """The window at 1366x768, active (Alt+N needs that), on two units' crafted 2026."""
    archive = new_archive(sqlite_url)
    with archive.transaction(write=True) as conn:
        crafted(Rows(conn))
    shown = CountyWindow(archive)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    yield shown
    shown.close()
    archive.close()


def signals_of(window, qtbot):
    tab = window.signals
    qtbot.waitUntil(lambda: tab.signalList.count() > 0)
    return tab


def test_a_tab_chosen_with_the_keyboard_takes_it_into_its_first_field(window, qtbot):
    QTest.keyClick(window, Qt.Key.Key_2, ALT)
    qtbot.waitUntil(lambda: window.completeness.filterEdit.hasFocus())
    QTest.keyClicks(QApplication.focusWidget(), "West")  # typed at once: not lost
    assert window.completeness.filterEdit.text() == "West"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, CTRL)  # on to 检索
    assert window.tabs.currentIndex() == SEARCH
    qtbot.waitUntil(lambda: window.search.queryEdit.hasFocus())
    window.tabs.tabBar().setFocus()  # Alt+1 from the tab bar, then Alt+1 on 受理 itself
    QTest.keyClick(window, Qt.Key.Key_1, ALT)
    assert window.tabs.currentIndex() == RECEIPT
    qtbot.waitUntil(lambda: window.receipt.folderEdit.hasFocus())
    window.tabs.tabBar().setFocus()
    QTest.keyClick(window, Qt.Key.Key_1, ALT)
    qtbot.waitUntil(lambda: window.receipt.folderEdit.hasFocus())
    QTest.keyClicks(window.receipt.folderEdit, "usb")
    assert window.receipt.folderEdit.text() == "usb"
    QTest.keyClick(window, Qt.Key.Key_4, ALT)
    qtbot.waitUntil(lambda: window.signals.yearSpin.hasFocus())
    assert window.tabs.currentIndex() == SIGNALS != COMPLETENESS


def test_the_signals_are_computed_while_the_window_answers(window, qtbot):
    window.tabs.setCurrentIndex(SIGNALS)
    tab = window.signals
    assert tab.signalList.count() == 0  # the tab is back before the rows
    assert tab.aboutLabel.text() == "正在计算…"
    assert not tab.xlsxButton.isEnabled()
    qtbot.waitUntil(lambda: tab.signalList.count() > 0)
    assert tab.signalList.item(1).text() == "金额接近限额（2）"
    # the year chosen with the arrow keys: computed once it stays chosen
    tab.yearSpin.setFocus()
    QTest.keyClick(tab.yearSpin, Qt.Key.Key_Down)
    QTest.keyClick(tab.yearSpin, Qt.Key.Key_Down)
    assert tab.yearSpin.value() == 2024 and tab.yearSpin.hasFocus()
    assert tab.aboutLabel.text() == "正在计算…" and tab.signalList.count() == 0
    qtbot.waitUntil(lambda: tab.signalList.count() > 0)
    assert tab.signalList.item(1).text() == "金额接近限额（0）"
    # a choice made while another is computed: the latest one's signals are shown
    tab.yearSpin.setValue(2025)
    tab.refresh()
    tab.yearSpin.setValue(2026)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.signalList.count() > 0)
    qtbot.wait(500)  # the superseded result, had it been kept, would be shown by now
    assert tab.signalList.item(1).text() == "金额接近限额（2）"
    assert tab.xlsxButton.isEnabled()


def highlight(view) -> str:
    return view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight).name()


def test_the_signals_tables_let_tab_go_on_and_show_the_focus(window, qtbot):
    window.tabs.setCurrentIndex(SIGNALS)
    tab = signals_of(window, qtbot)
    tab.signalList.setCurrentRow(4)  # deferrals: two rows
    rows, records = tab.rowsTable, tab.recordsTable
    rows.setFocus()
    rows.setCurrentIndex(rows.model().index(0, 0))
    assert highlight(rows) != highlight(records)  # the focused one in the highlight colour
    QTest.keyClick(rows, Qt.Key.Key_Return)
    assert records.hasFocus() and records.rowCount() == 2
    rows.setFocus()
    QTest.keyClick(rows, Qt.Key.Key_Tab)  # out of the table, not to its next cell
    assert records.hasFocus()
    QTest.keyClick(records, Qt.Key.Key_Tab)
    assert tab.openButton.hasFocus()
    records.setFocus()
    QTest.keyClick(records, Qt.Key.Key_Tab, CTRL)  # on to the next tab
    assert window.tabs.currentIndex() == SIGNALS + 1


def test_the_exports_have_mnemonics_and_the_rows_the_width(window, qtbot):
    window.tabs.setCurrentIndex(SIGNALS)
    tab = signals_of(window, qtbot)
    assert tab.xlsxButton.shortcut() == QKeySequence("Alt+E")
    assert tab.pdfButton.shortcut() == QKeySequence("Alt+P")
    for row in range(tab.signalList.count()):
        tab.signalList.setCurrentRow(row)
        for view in (tab.rowsTable, tab.recordsTable):
            header = view.horizontalHeader()
            assert header.length() >= view.viewport().width()  # to the table's right edge
    assert tab.rowsTable.width() > window.width() * 0.7


def test_the_certificates_buttons_have_mnemonics_and_tab_leaves_the_table(window, qtbot):
    window.tabs.setCurrentIndex(SIGNALS + 1)
    tab = window.trust
    assert [b.shortcut() for b in (tab.issue_button, tab.register_button, tab.revoke_button)] \
        == [QKeySequence("Alt+I"), QKeySequence("Alt+R"), QKeySequence("Alt+V")]
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Tab)
    assert not tab.table.hasFocus() and tab.isAncestorOf(QApplication.focusWidget())
