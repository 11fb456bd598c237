"""The run console on a township laptop: 1366x768 less a 40 px task bar and a 31 px title bar
leaves about 1366x697 of client area. In the program's own type (13 pt) every page of a meeting
shows all its controls there without scrolling (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QLabel,
                               QLineEdit, QPlainTextEdit, QScrollArea, QStackedWidget, QTableView,
                               QWidget)

from meetingdesk.services import Desk
from meetingdesk.ui import prefs
from meetingdesk.ui.console import ConsoleWindow
from test_ui_ballots import check, close_box, key, opinions
from test_ui_console import (APPOINT, FUNDS, everyone_speaks, everyone_votes, find, prepare, press,
                             report, roll_call, type_into, type_text)
from test_ui_console import desk, open_console  # noqa: F401  (pytest fixtures)

pytestmark = pytest.mark.gui

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractItemView, QAbstractSpinBox)


def out_of_view(w: ConsoleWindow) -> list[str]:
    """The named controls of the current page (and its item's header) not wholly in view."""
    viewport = w.findChild(QScrollArea, "ConsoleFormScroll").viewport()
    page = w.find(QStackedWidget, "pages").currentWidget()
    hidden = []
    for kind in CONTROLS:
        for widget in page.findChildren(kind):
            if not widget.objectName() or not widget.isVisible():
                continue
            if widget.objectName().startswith("qt_"):  # a spin box's own line edit, a viewport
                continue
            box = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
            if not viewport.rect().contains(box):
                hidden.append(widget.objectName())
    return hidden


def fits(w: ConsoleWindow, qtbot: Any, queue: bool = False) -> None:
    """At 1366x700 the current page's controls are in view (`queue`: the opinions queue shows
    its header and four members at least); at 1280x650 none is cut off without a scroll bar."""
    w.resize(1366, 700)

    def laid_out() -> None:
        assert out_of_view(w) == [], w.step.code
        if queue:
            view = find(w, QTableView, "queueView")
            assert view.height() >= view.horizontalHeader().height() + 4 * view.rowHeight(0)
    qtbot.waitUntil(laid_out, timeout=3000)
    w.resize(1280, 650)  # a 1280x720 screen: scrolling allowed, cutting off not

    def scrolls() -> None:
        area = w.findChild(QScrollArea, "ConsoleFormScroll")
        content = area.widget()
        least = content.minimumSizeHint()
        assert content.height() >= least.height() and content.width() >= least.width()
        if content.height() > area.viewport().height():
            assert area.verticalScrollBar().isVisible()
    qtbot.waitUntil(scrolls, timeout=3000)


@pytest.fixture
def program_font() -> None:
    """The type the program itself applies at start (prefs.apply_font), not Qt's default."""
    prefs.apply_font(QApplication.instance(), prefs.DEFAULT_POINT_SIZE)


def test_every_page_of_a_meeting_fits_a_small_screen(
        desk: Desk, open_console: Any, qtbot: Any, program_font: None) -> None:
    meeting = prepare(desk, [FUNDS, APPOINT])
    w = open_console(meeting)
    roll_call(w, absent={"吴敏": "出差"})  # the absence field and button are checked at the end
    fits(w, qtbot)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    assert w.step.code == "report"
    fits(w, qtbot)
    report(w)
    assert w.step.code == "opinions"
    fits(w, qtbot, queue=True)
    everyone_speaks(w)
    assert w.step.code == "vote"
    fits(w, qtbot)
    everyone_votes(w)
    assert w.step.code == "decide"
    fits(w, qtbot)
    type_text(find(w, QWidget, "decisionEdit"), "同意拨付。")
    press(w, "decideButton")
    press(w, "openItemButton")
    report(w)
    assert w.step.code == "opinions" and len(w.findChildren(QWidget, "CandidateStance")) >= 2
    fits(w, qtbot, queue=True)  # 逐一表态: a stance row for each of the two candidates
    opinions(desk, meeting)
    w.refresh()
    assert w.step.code == "issue_ballots"
    fits(w, qtbot)
    check(find(w, QWidget, "scrutineerList"), "陈玥")
    check(find(w, QWidget, "counterList"), "刘珺")
    press(w, "issueButton")
    assert w.step.code == "count_ballots"
    fits(w, qtbot)
    returned = find(w, QWidget, "returnedSpin")
    returned.selectAll()
    key(returned, "8\n")
    for _ in range(8):
        key(find(w, QWidget, "entryTable"), "11\n")
    press(w, "confirmCountButton")
    close_box(w, "countResultBox")
    assert w.step.code == "decide"
    fits(w, qtbot)
    type_text(find(w, QWidget, "decisionEdit"), "推荐林玥、何犇。")
    press(w, "decideButton")
    assert w.step.code == "close"
    fits(w, qtbot)


def test_the_roll_call_fits_a_small_screen(desk: Desk, open_console: Any, qtbot: Any,
                                           program_font: None) -> None:
    w = open_console(prepare(desk, [FUNDS]))
    assert w.step.code == "roll_call"
    fits(w, qtbot)


def test_a_message_over_the_header_moves_nothing(desk: Desk, open_console: Any, qtbot: Any,
                                                 program_font: None) -> None:
    """The message takes the place of the header's title lines: a refusal, and the two-line
    note after an opinion, leave the step bar and the buttons where they were."""
    w = open_console(prepare(desk, [FUNDS]))
    roll_call(w)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    report(w)
    fits(w, qtbot, queue=True)
    names = ("stepLabel", "queueView", "wordsEdit", "opinionButton", "quorumLabel")

    def places() -> list[QPoint]:
        return [find(w, QWidget, n).mapTo(w, QPoint(0, 0)) for n in names]
    before = places()
    type_into(w, "wordsEdit", "意见如下。")
    press(w, "disagreeRadio")
    press(w, "opinionButton")  # refused: no reason given
    assert find(w, QLabel, "messageLabel").isVisible()
    qtbot.wait(50)
    assert places() == before
    type_into(w, "reasonEdit", "依据不足。")
    press(w, "opinionButton")
    message = find(w, QLabel, "messageLabel")
    assert "Ctrl+E" in message.text() and message.height() > 2 * message.fontMetrics().height()
    qtbot.wait(50)
    assert places() == before
