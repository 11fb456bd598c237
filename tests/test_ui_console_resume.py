"""Nothing is lost when the program dies: a child process drives the console into an item,
confirms one opinion and types another without confirming it (words, a stance, its reason); it is killed (SIGKILL, no chance
to clean up); a new console on the same database comes back to the same meeting, item and step,
and offers the unconfirmed text back."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QLabel, QLineEdit, QPlainTextEdit, QRadioButton, QTableView,
                               QWidget)

from meetingdesk.services import Desk
from meetingdesk.ui.console import ConsoleWindow
from test_ui_console import FUNDS, PURCHASE, prepare

pytestmark = [pytest.mark.gui, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

UNCONFIRMED = "我的意见还没说完"
REASON = "依据尚不充分"

CHILD = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[3])
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from meetingdesk.services import Desk
from meetingdesk.ui.console import ConsoleWindow
import test_ui_console as ui

app = QApplication([])
desk = Desk.open(sys.argv[1])
meeting = int(sys.argv[2])
w = ConsoleWindow(desk, meeting)
w.show()
ui.roll_call(w, absent={{"吴敏": "出差"}})
ui.press(w, "openSessionButton")
ui.press(w, "openItemButton")
ui.report(w)
ui.speak(w)
ui.type_into(w, "wordsEdit", "{UNCONFIRMED}")
ui.press(w, "disagreeRadio")
ui.type_into(w, "reasonEdit", "{REASON}")
while not {{"{UNCONFIRMED}", "{REASON}"}} <= set(desk.drafts(meeting).values()):
    QTest.qWait(50)
print("typed", w.state.name(w.step.pending[0]), flush=True)
while True:
    QTest.qWait(1000)
"""


def test_the_console_resumes_after_the_process_is_killed(sqlite_url: str, qtbot: Any) -> None:
    desk = Desk.open(sqlite_url)
    meeting = prepare(desk, [FUNDS, PURCHASE])
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, sqlite_url, str(meeting), str(Path(__file__).parent)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([child.stdout], [], [], 60)
        line = child.stdout.readline() if ready else ""
        assert line.startswith("typed "), child.stderr.read() if child.poll() is not None else line
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    speaker = line.split()[1]

    w = ConsoleWindow(desk, meeting)
    qtbot.addWidget(w)
    w.show()
    assert (w.step.code, w.step.item_no) == ("opinions", 1)
    assert "第 1 项" in w.find(QLabel, "stepLabel").text()
    state = desk.meeting(meeting)
    assert len(state.items[1].stances) == 1  # the confirmed opinion is in the log
    queue = w.find(QTableView, "queueView")
    assert queue.model().member_at(queue.currentIndex().row()) == w.step.pending[0]
    assert w.find(QLabel, "speakerLabel").text().startswith(speaker)
    assert w.find(QPlainTextEdit, "wordsEdit").toPlainText() == UNCONFIRMED
    assert w.find(QRadioButton, "disagreeRadio").isChecked()  # the stance, not just the texts
    assert w.find(QLineEdit, "reasonEdit").text() == REASON
    assert w.find(QWidget, "draftFrame").isVisible()
    assert f"第 1 项 {speaker}的发言" in w.find(QLabel, "draftLabel").text()
    QTest.qWait(10)
    desk.close()
