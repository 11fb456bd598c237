"""A whole meeting in the run console with the keyboard alone: roll call, reports, opinions (a
refused 不同意 put right in the reason box, a stance on each candidate), votes, decisions, the
close and the record opened for signature.

Only key events reach the console (QTest.keyClick(s): Tab, Space, Enter, Ctrl+Enter, Alt+digit,
Esc); Chinese words are put into the focused editor as an input method commits them, since
non-ASCII key clicks abort Qt. The driver takes the window and needs no pytest: the same
function drives the console offscreen (tests/test_ui_console_keyboard.py) and in a real X
display under a window manager (`python tests/console_keyboard.py`, screenshots at each step).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
STANCE_KEYS = {"agree": Qt.Key.Key_1, "disagree": Qt.Key.Key_2, "defer": Qt.Key.Key_3,
               "abstain": Qt.Key.Key_4}  # 同意(&1) 不同意(&2) 缓议(&3) 弃权(&4)
VOTE_KEYS = {"agree": Qt.Key.Key_1, "disagree": Qt.Key.Key_2, "abstain": Qt.Key.Key_3}
AGENDA: list[dict[str, Any]] = [  # presenters by name (tests/test_ui_console.py's team)
    {"title": "学习县委关于“一把手”监督的规定", "kind": "study", "presenter": "张喆"},
    {"title": "拨付农业合作社补助资金", "kind": "decision", "category": "funds",
     "amount": "300000", "fund_type": "project", "area": "农业农村", "presenter": "孙昇",
     "vote_mode": "hands"},
    {"title": "推荐村党组织书记人选", "kind": "decision", "category": "appointment",
     "area": "党建", "presenter": "刘珺", "vote_mode": "hands",
     "candidates": [{"name": "林玥", "current_post": "村委委员", "proposed_post": "村党支部书记"},
                    {"name": "何犇", "current_post": "村文书", "proposed_post": "村党支部副书记"}]},
]


class Stuck(AssertionError):
    """The keyboard could not go on: what was expected, and where the cursor was."""


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    if widget is None:
        raise Stuck("no widget has the keyboard focus")
    return widget


def settle(ms: int = 5) -> None:
    QTest.qWait(ms)


def key(k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(), k, modifiers)
    settle()


def write(text: str) -> None:
    """Type into the focused editor: ASCII as key clicks, Chinese as the input method commits
    it."""
    editor = focus()
    if text.isascii():
        QTest.keyClicks(editor, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)
    settle()


def tab_to(window: QWidget, name: str, limit: int = 60) -> QWidget:
    """Press Tab until the named widget has the focus (it must be in the tab chain)."""
    for _ in range(limit):
        if focus().objectName() == name and focus().window() is window:
            return focus()
        key(Qt.Key.Key_Tab)
    raise Stuck(f"Tab never reached {name}; the focus is on {focus().objectName()}")


def expect_focus(name: str, wait_ms: int = 2000) -> QWidget:
    """The cursor is (or within `wait_ms` comes) to the named widget: under a window manager
    a new dialog gets the focus a moment after it is shown."""
    for _ in range(wait_ms // 20):
        widget = QApplication.focusWidget()
        if widget is not None and widget.objectName() == name:
            return widget
        settle(20)
    raise Stuck(f"the cursor should be in {name}, it is in {focus().objectName()}")


def answer_yes(name: str) -> None:
    """The question asked before an irreversible step: Enter says yes."""
    box = QApplication.activeModalWidget() or focus().window()
    if not isinstance(box, QMessageBox) or box.objectName() != name:
        raise Stuck(f"expected the question {name}, got {box!r}")
    parent = box.parentWidget()
    QTest.keyClick(box, Qt.Key.Key_Return)
    back_to(parent)


def back_to(window: QWidget) -> None:
    """A dialog has closed: its window is active again (a window manager does this; the
    offscreen platform has none, so it is asked for)."""
    settle()
    if QApplication.activeWindow() is not window.window():
        window.activateWindow()
        QTest.qWaitForWindowActive(window)


def wait_for(done: Callable[[], bool], what: str, ms: int = 2000) -> None:
    """A mnemonic clicks its button after a short animation: wait for what it does."""
    for _ in range(ms // 10):
        if done():
            return
        QTest.qWait(10)
    raise Stuck(f"{what} did not happen")


def stance(window: Any, choice: str) -> None:
    key(STANCE_KEYS[choice], ALT)
    radio = window.findChild(QWidget, "opinionsPage").findChild(QWidget, f"{choice}Radio")
    wait_for(radio.isChecked, f"Alt+{STANCE_KEYS[choice] - Qt.Key.Key_0} ({choice})")


def drive_meeting(window: Any, look: Callable[[str], None] = lambda _: None,
                  late: str = "吴敏", absent: tuple[str, str] = ("周海", "参加县里会议"),
                  dissenter: str = "赵燊") -> None:
    """From the start page of a prepared meeting with AGENDA to the record page opened for
    signature. `late` is not in the room at the roll call and arrives during item 1; `absent`
    is away all meeting; `dissenter` disagrees on item 2 and is first refused for want of a
    reason. `look(stage)` is called at each stage (e.g. to take a screenshot)."""
    state = lambda: window.state  # noqa: E731 - the console's view of the log, refreshed
    step = lambda: window.step  # noqa: E731
    look("start")
    expect_focus("startButton")
    key(Qt.Key.Key_Return, CTRL)
    look("start-question")
    answer_yes("startMeetingBox")
    if step().code != "roll_call":
        raise Stuck(f"not started: {step().code}")

    look("roll-call")
    while step().code == "roll_call":
        name = state().name(step().pending[0])
        expect_focus("rollCallView")
        if name == absent[0]:
            tab_to(window, "absentReasonEdit")
            write(absent[1])
            key(Qt.Key.Key_Return)  # Enter in the reason box marks the absence
        elif name == late:
            tab_to(window, "lateButton")
            key(Qt.Key.Key_Space)
        else:
            key(Qt.Key.Key_Return, CTRL)  # present
    look("roll-call-done")
    key(Qt.Key.Key_Return, CTRL)  # 宣布开会
    if step().code != "open_item":
        raise Stuck(f"the session did not open: {step().code}")

    for no in sorted(state().items):
        expect_focus("openItemButton")
        key(Qt.Key.Key_Return, CTRL)
        item = state().items[no]
        look(f"item{no}-report")
        expect_focus("reportEdit")
        write(f"{item.spec.title}：汇报要点。")
        key(Qt.Key.Key_Return, CTRL)
        if no == 1:
            _late_arrival(window, late)
        if not item.spec.is_decision:
            expect_focus("concludeEdit")
            write("会议认真学习了有关规定。")
            key(Qt.Key.Key_Return, CTRL)
            continue
        _round_of_opinions(window, no, dissenter if no == 2 else None, look)
        _votes(window, no, look)
        look(f"item{no}-decide")
        expect_focus("decisionEdit")
        write(f"同意{item.spec.title}。")
        key(Qt.Key.Key_Return, CTRL)

    look("close")
    expect_focus("closeButton")
    key(Qt.Key.Key_Return, CTRL)
    look("close-question")
    answer_yes("closeMeetingBox")
    look("closed")
    expect_focus("openRecordButton")
    key(Qt.Key.Key_Return, CTRL)
    if window.record_window is None or not window.record_window.isVisible():
        raise Stuck("the record page did not open")
    look("record")


def _late_arrival(window: Any, late: str) -> None:
    """Ctrl+I: the member not here at the roll call arrives; the dialog offers them, Enter."""
    before = focus()
    key(Qt.Key.Key_I, CTRL)
    dialog = QApplication.activeModalWidget() or focus().window()
    combo = dialog.findChild(QComboBox, "personCombo")
    expect_focus("personCombo")
    for _ in range(combo.count()):  # the arrows pick the member
        if combo.currentText().startswith(late):
            break
        key(Qt.Key.Key_Down)
    if not combo.currentText().startswith(late):
        raise Stuck(f"the arrival dialog does not offer {late}")
    QTest.keyClick(focus(), Qt.Key.Key_Return)
    settle()
    if QApplication.activeModalWidget() is not None:
        raise Stuck("Enter did not record the arrival")
    back_to(window)
    if focus() is not before:
        raise Stuck(f"after the arrival the cursor is in {focus().objectName()}, "
                    f"not back in {before.objectName()}")


def _round_of_opinions(window: Any, no: int, dissenter: str | None,
                       look: Callable[[str], None]) -> None:
    looked = False
    while window.step.code == "opinions" and window.step.item_no == no:
        expect_focus("wordsEdit")
        name = window.state.name(window.page.member())
        write(f"{name}：我的意见。")
        candidates = window.state.items[no].spec.candidates
        if candidates:
            for row in range(len(candidates)):
                radio = _candidate_radio(window, row, "agree")
                for _ in range(60):
                    if focus() is radio:
                        break
                    key(Qt.Key.Key_Tab)
                else:
                    raise Stuck(f"Tab never reached candidate {row + 1}'s 同意; the focus is on "
                                f"{focus().objectName()}")
                key(Qt.Key.Key_Space)
            if not looked:
                look(f"item{no}-candidates")
                looked = True
            key(Qt.Key.Key_Return, CTRL)
        elif name == dissenter:
            stance(window, "disagree")
            key(Qt.Key.Key_Return, CTRL)  # refused: the reason is missing
            look(f"item{no}-refused")
            expect_focus("reasonEdit")
            write("补助标准需进一步明确。")
            key(Qt.Key.Key_Return)  # Enter in the reason box confirms
        else:
            stance(window, "agree")
            key(Qt.Key.Key_Return, CTRL)


def _candidate_radio(window: Any, row: int, choice: str) -> QWidget:
    rows = [r for r in window.findChildren(QWidget, "CandidateStance") if r.isVisible()]
    return rows[row].findChild(QWidget, f"{choice}Radio")


def _votes(window: Any, no: int, look: Callable[[str], None]) -> None:
    look(f"item{no}-vote")
    while window.step.code == "vote" and window.step.item_no == no:
        expect_focus("voteView")
        cast = lambda: sum(map(len, window.state.items[no].votes.values()))  # noqa: E731
        before = cast()
        key(VOTE_KEYS["agree"], ALT)
        wait_for(lambda: cast() > before, "Alt+1 (a vote in favour)")


def main() -> None:
    """In a real X display (DISPLAY set, a window manager running): a fresh database, the
    meeting prepared, the console at 1366×768 driven by keys, a screenshot per stage into the
    folder given (default /tmp/console-keyboard)."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from meetingdesk.services import Desk
    from meetingdesk.ui.console import ConsoleWindow
    from test_ui_console import Clock, prepare

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/console-keyboard")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = tempfile.mkdtemp()
    desk = Desk.open(f"sqlite:///{folder}/keyboard.sqlite3", clock=Clock())
    meeting = prepare(desk, AGENDA, start=False)
    window = ConsoleWindow(desk, meeting)
    window.showMaximized()
    QTest.qWaitForWindowActive(window)

    def look(stage: str) -> None:
        settle(300)
        subprocess.run(["import", "-window", "root", str(out / f"{stage}.png")], check=True)

    drive_meeting(window, look)
    print(desk.meeting(meeting).phase, out)
    app.quit()


if __name__ == "__main__":
    main()
