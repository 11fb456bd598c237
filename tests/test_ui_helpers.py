"""Shared fixtures and input helpers of the GUI tests (test_ui_*.py import them); no tests here.

Chinese text reaches a widget through the input method, as a committed string: QTest.keyClicks
can only type ASCII, so `type_text` commits Chinese the way an IME does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QTableView, QWidget

from meetingdesk.services import Desk
from meetingdesk.ui import i18n, prefs


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[QApplication]:
    """The interface in Chinese at the default size (and back to Chinese after a test)."""
    i18n.install(qapp, "zh")
    prefs.apply_font(qapp, prefs.DEFAULT_POINT_SIZE)
    yield qapp
    i18n.install(qapp, "zh")


@pytest.fixture
def desk(sqlite_url: str, chinese: QApplication) -> Iterator[Desk]:
    d = Desk.open(sqlite_url)
    yield d
    d.close()


@pytest.fixture
def unit(desk: Desk) -> int:
    """A small township party committee: a chief and two deputies."""
    unit = desk.create_unit("晓塘乡党委")
    for rank, (name, position, chief) in enumerate([
            ("徐颖峰", "党委书记", True), ("李犇", "党委副书记、乡长", False),
            ("张喆", "党委副书记", False)], 1):
        desk.add_member(unit, name, position, rank, chief)
    return unit


def click(qtbot, widget: QWidget) -> None:
    """Click a button; a check box on its box (its middle may lie past the label's end)."""
    assert widget.isEnabled(), f"{widget.objectName()} is disabled"
    if isinstance(widget, QCheckBox):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type into a widget: ASCII as key presses, Chinese as an input-method commit."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_row(qtbot, view: QTableView, text: str, column: int = 0) -> None:
    """Click the first row whose cell in `column` reads `text`."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if index.data() == text:
            view.scrollTo(index)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                             pos=view.visualRect(index).center())
            return
    raise AssertionError(f"no row reads {text!r}")


def show(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer_message_boxes(seen: list[str]) -> None:
    """Read and close the next message box once a modal one appears (QMessageBox.critical
    blocks until then): its text is appended to ``seen``."""
    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(50, answer)
            return
        seen.append(boxes[0].text())
        boxes[0].accept()

    QTimer.singleShot(50, answer)


@contextmanager
def exit_after(ms: int = 20_000) -> Iterator[None]:
    """Leave a GUI run (app.exec) after ``ms`` should it hang, and no later: a stray timer
    calling QApplication.exit in a later test ends that test's event loops too."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: QApplication.exit(99))
    timer.start(ms)
    try:
        yield
    finally:
        timer.stop()
