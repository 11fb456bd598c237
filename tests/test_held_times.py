"""Issue 13, point 14: a held meeting is listed with the time it was actually held (the main
window and `meetingdesk list`), a meeting not yet held with its planned time, labelled so; and
starting on another day than planned asks first. The clock is the console tests' (2026-11-26,
from 09:00)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from meetingdesk.services import Desk
from meetingdesk.ui.main_window import MainWindow
from test_ui_console import STUDY, desk, open_console, prepare, press  # noqa: F401
from test_ui_helpers import show

pytestmark = pytest.mark.gui


def hold(desk: Desk, meeting: int) -> None:
    """Hold the prepared meeting (one study item) from the roll call to the closing."""
    desk.start_meeting(meeting)
    for member in desk.expected_members(meeting):
        desk.mark_present(meeting, member)
    desk.open_session(meeting)
    desk.open_item(meeting, 1)
    state = desk.meeting(meeting)
    desk.report(meeting, 1, state.items[1].spec.presenter_id, "领学。")
    desk.conclude_item(meeting, 1, "学习完毕。")
    desk.close_meeting(meeting)


def test_the_list_shows_when_a_meeting_was_held_and_when_one_is_planned(
        qtbot: Any, desk: Desk, tmp_path: Path, sqlite_url: str) -> None:
    held = prepare(desk, [STUDY], start=False)  # planned for 2026-11-26 09:00
    info = desk.meeting_info(held)
    waiting = desk.create_meeting(info.unit_id, "party_committee", "2026-11-28T09:00:00+08:00",
                                  "三楼会议室", info.chair_id, "郑小玲")
    hold(desk, held)
    state = desk.meeting(held)  # as the record prints it: from the opening to the closing
    actual = f"2026-11-26 {state.opened_at:%H:%M}–{state.closed_at:%H:%M}"
    assert state.opened_at < state.closed_at
    rows = {r.id: r for r in desk.list_meetings(info.unit_id)}
    assert rows[held].held == actual
    assert rows[waiting].held is None

    window = show(qtbot, MainWindow(desk))
    model = window.ui.meetingsView.model()
    times = {model.meeting(r).id: model.index(r, 1).data() for r in range(model.rowCount())}
    assert times == {held: actual, waiting: "计划 2026-11-28 09:00"}

    listed = subprocess.run([sys.executable, "-m", "meetingdesk.cli", "--db", sqlite_url, "list"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    lines = {int(line.split("\t")[0]): line.split("\t") for line in listed.stdout.splitlines()}
    assert lines[held][2] == actual
    assert lines[waiting][2] == "计划 2026-11-28 09:00"


def test_starting_on_another_day_than_planned_asks_first(desk: Desk, open_console: Any) -> None:
    meeting = prepare(desk, [STUDY], start=False)
    info = desk.meeting_info(meeting)
    late = desk.create_meeting(info.unit_id, "party_committee", "2026-11-25T09:00:00+08:00",
                               "三楼会议室", info.chair_id, "郑小玲")
    desk.add_item(late, title="学习", kind="study", presenter_id=info.chair_id)
    w = open_console(late)
    press(w, "startButton")
    box = w.findChild(QMessageBox, "startMeetingBox")
    assert box is not None and box.isVisible()
    assert "计划于 2026-11-25 召开，今天是 2026-11-26" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert desk.meeting(late).phase == "new" and w.step.code == "start"

    press(w, "startButton")
    box = w.findChild(QMessageBox, "startMeetingBox")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert w.step.code == "roll_call"

    same_day = open_console(meeting)  # planned for today: the usual question, nothing more
    press(same_day, "startButton")
    box = same_day.findChild(QMessageBox, "startMeetingBox")
    assert "计划于" not in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert same_day.step.code == "roll_call"
