"""The projector view follows the console through a meeting, from the domain's state: the item
and its 三重一大 badge, who has the floor, who has spoken (words only when the chair chooses),
the chief's lock (R5) and the vote result in words. F11 opens it; the console stays a window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from meetingdesk.services import Desk
from meetingdesk.ui.projector import ProjectorView
from test_ui_console import (CHIEF, FUNDS, STUDY, desk, everyone_votes, open_console,  # noqa: F401
                             prepare, press, report, roll_call, speak)

pytestmark = pytest.mark.gui


def projector(w: Any) -> ProjectorView:
    view = w.findChild(ProjectorView)
    assert view is not None and view.isVisible()
    return view


def test_the_projector_follows_a_meeting_entry_by_entry(desk: Desk, open_console: Any) -> None:
    w = open_console(prepare(desk, [STUDY, FUNDS]))
    QTest.keyClick(w, Qt.Key.Key_F11)  # the projector, never the recorder's own window
    view = projector(w)
    assert not w.isFullScreen()
    assert view.text("meetingLabel").startswith("晓塘乡党委")

    roll_call(w)
    assert "实到 9 人" in view.text("presenceLabel")
    press(w, "openSessionButton")
    press(w, "openItemButton")
    assert view.text("itemLabel").startswith("第 1 项")
    assert not view.labels["badgeLabel"].isVisibleTo(view)
    assert view.text("floorLabel") == "请张喆汇报"
    report(w, "领学县委文件。")
    assert "张喆" in view.text("spokenLabel") and "领学" not in view.text("spokenLabel")
    from test_ui_console import type_into
    type_into(w, "concludeEdit", "会议认真学习了有关规定。")
    press(w, "concludeButton")
    assert "学习完毕" in view.text("resultLabel")

    press(w, "openItemButton")  # the fund item: badge, floor, lock, stances, then the result
    assert view.text("itemLabel") == "第 2 项　拨付农业合作社补助资金"
    assert view.text("badgeLabel") == "三重一大"
    assert "项目资金 300,000 元" in view.labels["badgeLabel"].toolTip()
    report(w)
    first = w.state.name(w.step.pending[0])
    assert view.text("floorLabel") == f"请{first}发言"
    assert view.text("lockLabel") == f"{CHIEF}末位表态（锁定）：待其余 8 位成员表态后发言"
    speak(w, "agree", "支持，资金要专款专用。")
    spoken = view.text("spokenLabel")
    assert f"<b>{first}</b>&nbsp;同意" in spoken and "专款专用" not in spoken
    assert "待其余 7 位" in view.text("lockLabel")

    w.projector.words_action.trigger()  # the chair puts the words on the wall
    assert "支持，资金要专款专用。" in view.text("spokenLabel")
    while w.step.pending != (w.state.chief_id,):
        speak(w)
    assert view.text("lockLabel") == f"{CHIEF}末位表态：现在可以表态"
    assert view.text("floorLabel") == f"请{CHIEF}发言"
    speak(w, "agree", "同意。")
    assert not view.labels["lockLabel"].isVisibleTo(view)
    everyone_votes(w)
    assert view.text("resultLabel") == (
        "同意 9 票，不同意 0 票，弃权 0 票；同意票超过应到会 9 人的半数，通过")

    QTest.keyClick(w, Qt.Key.Key_F11)  # F11 again: the wall goes dark
    assert not view.isVisible() and not w.isFullScreen()


def test_words_stay_off_the_wall_unless_chosen(desk: Desk, open_console: Any) -> None:
    w = open_console(prepare(desk, [FUNDS]))
    w.projector.action.trigger()
    view = projector(w)
    roll_call(w)
    press(w, "openSessionButton")
    press(w, "openItemButton")
    report(w, "汇报：拟安排项目资金30万元。")
    speak(w, "disagree", "资金分配方案不够细。", "依据不足，需进一步调研。")
    text = view.text("spokenLabel")
    assert "不同意" in text
    assert "30万元" not in text and "不够细" not in text and "依据不足" not in text


TWO_SCREENS = {"synchronousWindowSystemEvents": True, "windowFrameMargins": False, "screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1},
    {"name": "projector", "x": 1366, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1}]}
CHILD = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from meetingdesk.services import Desk
from meetingdesk.ui.console import ConsoleWindow
from test_ui_console import FUNDS, prepare
desk = Desk.open(sys.argv[1])
console = ConsoleWindow(desk, prepare(desk, [FUNDS]))
console.show()
view = console.projector.open()
app.processEvents()
print(console.screen().name(), view.screen().name(), view.isFullScreen(), view.geometry().x())
"""


def test_the_projector_opens_full_screen_on_the_second_screen(tmp_path: Path) -> None:
    """Qt's offscreen platform with two screens, as a laptop with a projector plugged in."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(TWO_SCREENS))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               PYTHONPATH=str(Path(__file__).parent))
    done = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{tmp_path / 'm.sqlite3'}"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["laptop", "projector", "True", "1366"]
