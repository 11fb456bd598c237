"""The console when the laptop's clock is in doubt: the recorder is asked for the time, the
entry waits until the time is confirmed or corrected, and a correction without its reason is
refused inside the dialog."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QLineEdit

from meetingdesk.domain import Meeting
from meetingdesk.services import Desk
from meetingdesk.ui.console import ConsoleWindow

from test_ui_console import STUDY, prepare, start_meeting

pytestmark = pytest.mark.gui
TODAY = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=8)))


class Laptop:
    def __init__(self) -> None:
        self.wall, self.elapsed = TODAY, 0.0

    def wait(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.elapsed += seconds


def ok(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_flat_battery_at_the_start_and_a_jump_later(qtbot: Any, sqlite_url: str) -> None:
    laptop = Laptop()
    desk = Desk.open(sqlite_url, clock=lambda: laptop.wall)
    desk.monotonic, desk.earliest = (lambda: laptop.elapsed), date(2026, 11, 1)
    meeting = prepare(desk, [STUDY], start=False)
    laptop.wall = datetime(2010, 1, 1, 0, 3, tzinfo=TODAY.tzinfo)  # the CMOS battery is flat
    w = ConsoleWindow(desk, meeting)
    qtbot.addWidget(w)
    w.show()
    start_meeting(w)
    dialog = w.findChild(QDialog, "ClockDialog")
    assert dialog is not None and dialog.isVisible()
    assert "早于本程序的发布日期" in dialog.findChild(QLabel, "introLabel").text()
    assert w.step.code == "start"  # nothing recorded yet
    dialog.findChild(QDateTimeEdit, "timeEdit").setDateTime(TODAY.replace(tzinfo=None))
    ok(dialog)  # a correction without its reason
    message = dialog.findChild(QLabel, "messageLabel")
    assert dialog.isVisible() and message.isVisible() and "时间更正的原因" in message.text()
    dialog.findChild(QLineEdit, "reasonEdit").insert("主板电池没电，时钟回到2010年")
    ok(dialog)
    assert not dialog.isVisible() and w.step.code == "roll_call"
    state = Meeting.replay(desk.events(meeting))
    assert state.started_at == TODAY and state.clock_offset > timedelta(days=5000)

    laptop.wait(60)
    laptop.wall += timedelta(hours=3)  # somebody changes the clock mid-meeting
    member = state.expected[0]
    w.act(lambda: desk.mark_present(meeting, member))
    dialog = [d for d in w.findChildren(QDialog, "ClockDialog") if d.isVisible()][0]
    assert "系统时间发生跳变" in dialog.findChild(QLabel, "introLabel").text()
    suggested = dialog.findChild(QDateTimeEdit, "timeEdit").dateTime().toPython()
    assert suggested == (TODAY + timedelta(minutes=1)).replace(tzinfo=None)
    dialog.findChild(QLineEdit, "reasonEdit").insert("有人调了电脑时钟")
    ok(dialog)  # confirmed: the entry that waited is made
    events = desk.events(meeting)
    assert [e.type for e in events[-2:]] == ["clock_set", "attendance"]
    assert datetime.fromisoformat(events[-1].at) == TODAY + timedelta(minutes=1)
    desk.close()


def test_a_meeting_started_days_after_its_planned_day_asks_for_the_time(
        qtbot: Any, sqlite_url: str) -> None:
    laptop = Laptop()
    laptop.wall = TODAY + timedelta(days=4)
    desk = Desk.open(sqlite_url, clock=lambda: laptop.wall)
    meeting = prepare(desk, [STUDY], start=False)
    w = ConsoleWindow(desk, meeting)
    qtbot.addWidget(w)
    w.show()
    start_meeting(w)
    assert w.step.code == "roll_call"  # started: a meeting may be held on another day
    dialog = w.findChild(QDialog, "ClockDialog")
    assert dialog is not None and dialog.isVisible()
    assert "与会议计划日期相差较远" in dialog.findChild(QLabel, "introLabel").text()
    ok(dialog)  # the time is right: confirmed without a reason
    assert not dialog.isVisible()
    assert Meeting.replay(desk.events(meeting)).clock_sets[0].doubt == "far_from_schedule"
    desk.close()
