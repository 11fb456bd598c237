"""The county window (县级备案台) driven like a clerk: receive a USB stick of real packages (a
forgery and an unregistered unit among them), read the 回执, open a gap in the completeness
view and a record from it, search; at 1366x768 and with the keyboard."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from county_packages import CANCEL_REASON, new_archive, stick  # noqa: F401 (fixture)
from meetingdesk.ui.county.window import CountyWindow

pytestmark = pytest.mark.gui



@pytest.fixture
def window(qtbot, sqlite_url, stick):
    archive = new_archive(sqlite_url, stick.certificate)
    window = CountyWindow(archive)
    opened: list[str] = []
    window.opener.open_url = lambda url: opened.append(QUrl(url).toLocalFile())
    window.opened = opened
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    archive.close()


def cells(table, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def row_texts(view, row: int) -> list[str]:
    model = view.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def pdf_text(path: str) -> str:
    return "".join(subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


def test_a_stick_is_received_its_receipt_read_and_a_gap_opened(window, qtbot, stick):
    assert window.windowTitle() == "县级备案台 — 青山县"
    frame = window.frameGeometry()
    assert frame.width() <= 1366 and frame.height() <= 768
    tab = window.receipt
    tab.folderEdit.setText(str(stick.folder))
    tab.folderEdit.setFocus()
    QTest.keyClick(tab.folderEdit, Qt.Key.Key_Return)  # Enter receives
    qtbot.waitUntil(lambda: tab.openReceiptButton.isEnabled(), timeout=60_000)
    rows = {cells(tab.outcomes, r)[3]: cells(tab.outcomes, r)
            for r in range(tab.outcomes.rowCount())}
    assert rows["m1.mdpkg"][:3] == ["受理", "东湖镇党委", "2026年第1次党委会"]
    assert rows["m1-resigned.mdpkg"][0] == "拒收"
    assert "签名证书不是县里签发或登记的证书" in rows["m1-resigned.mdpkg"][4]
    assert "未在县里登记签名证书" in rows["other.mdpkg"][4]
    assert "受理 3 个，拒收 3 个" in tab.summary.text()
    assert tab.openReceiptButton.hasFocus()
    QTest.keyClick(tab.openReceiptButton, Qt.Key.Key_Space)
    receipt = pdf_text(window.opened[-1])
    assert "青山县备案回执" in receipt and "西岭乡党委" in receipt and "拒收" in receipt

    window.tabs.setCurrentWidget(window.completeness)
    tab = window.completeness
    groups = tab.groupsTable
    qtbot.waitUntil(lambda: groups.model().rowCount() > 0)
    assert row_texts(groups, 0)[:6] == ["东湖镇党委", "党委会", "2026", "1、3", "2", "4"]
    assert groups.model().index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() \
        == "#fde2e1"  # a gap: highlighted
    rect = groups.visualRect(groups.model().index(0, 0))
    QTest.mouseClick(groups.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(groups.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    numbers = tab.numbersTable
    assert [cells(numbers, r)[0] for r in range(numbers.rowCount())] == ["1", "2", "3", "4"]
    assert cells(numbers, 1)[3].startswith("缺号")
    assert cells(numbers, 3)[3] == f"已取消：{CANCEL_REASON}"
    assert tab.groupLabel.text() == "东湖镇党委 · 党委会 · 2026"
    assert numbers.hasFocus()
    QTest.keyClick(numbers.viewport(), Qt.Key.Key_Down)  # to the gap: nothing to open
    QTest.keyClick(numbers.viewport(), Qt.Key.Key_Return)
    assert len(window.opened) == 1
    QTest.keyClick(numbers.viewport(), Qt.Key.Key_Down)
    QTest.keyClick(numbers.viewport(), Qt.Key.Key_Return)  # meeting 3: its record
    assert "2026年第3次党委会" in pdf_text(window.opened[-1])

    window.tabs.setCurrentWidget(window.search)
    window.search.queryEdit.setText("购置农机")
    QTest.keyClick(window.search.queryEdit, Qt.Key.Key_Return)
    assert cells(window.search.results, 0)[4] == "同意购置农机。"
    assert window.search.status.text() == "找到 1 处"
    results = window.search.results  # the first hit current: Enter opens it at once
    assert results.hasFocus() and results.currentRow() == 0
    QTest.keyClick(results, Qt.Key.Key_Return)
    assert len(window.opened) == 3 and "同意购置农机" in pdf_text(window.opened[-1])


def test_a_folder_without_packages_is_explained(window, tmp_path):
    tab = window.receipt
    tab.folderEdit.setText(str(tmp_path))
    tab.start()
    assert "没有备案包" in tab.summary.text() and tab.folderEdit.hasFocus()

