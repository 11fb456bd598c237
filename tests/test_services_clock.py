"""A wrong clock does not go unnoticed (issue 14): a jump against the monotonic clock, a clock
put back before the last entry, a flat CMOS battery's year 2010 are refused until the recorder
confirms or corrects the time; later entries follow the correction, and the log keeps it."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta

import pytest

from meetingdesk.domain import DomainError, Meeting
from meetingdesk.services import Desk

TODAY = datetime(2026, 12, 1, 9, 0).astimezone()


class Laptop:
    """The system clock and the monotonic clock of a laptop, moved by the test."""

    def __init__(self) -> None:
        self.wall = TODAY
        self.elapsed = 0.0

    def wait(self, minutes: float) -> None:
        self.wall += timedelta(minutes=minutes)
        self.elapsed += minutes * 60


@pytest.fixture
def laptop(sqlite_url: str):
    clock = Laptop()
    desk = Desk.open(sqlite_url, clock=lambda: clock.wall)
    desk.monotonic = lambda: clock.elapsed  # as with the system clock: a witness of jumps
    desk.earliest = date(2026, 11, 28)
    unit = desk.create_unit("测试乡党委")
    ids = [desk.add_member(unit, f"成员{i}", "委员", i, is_chief=(i == 1)) for i in range(1, 6)]
    meeting = desk.create_meeting(unit, "party_committee", TODAY.isoformat(), "会议室", ids[0],
                                  "记录员")
    desk.add_item(meeting, title="学习文件", kind="study")
    yield desk, clock, meeting, ids
    desk.close()


def refused_for_the_clock(action) -> DomainError:
    with pytest.raises(DomainError) as info:
        action()
    assert info.value.code == "CLOCK_DOUBT"
    assert "请先核对并确认或更正当前时间，本操作未记录" in info.value.message_zh
    return info.value


def test_a_clock_put_back_an_hour_is_caught_and_corrected(laptop):
    desk, clock, meeting, ids = laptop
    desk.start_meeting(meeting)
    clock.wait(2)
    desk.mark_present(meeting, ids[0])
    clock.wait(1)
    clock.wall -= timedelta(hours=1)  # somebody sets the laptop back an hour
    err = refused_for_the_clock(lambda: desk.mark_present(meeting, ids[1]))
    assert "系统时间发生跳变" in err.message_zh
    assert len(desk.events(meeting)) == 2  # nothing recorded
    suggested = datetime.fromisoformat(err.params["suggested"])
    assert suggested == TODAY + timedelta(minutes=3)  # what the monotonic clock says
    desk.set_clock(meeting, suggested, "系统时钟被调慢一小时")
    clock.wait(1)
    ev = desk.mark_present(meeting, ids[1])
    assert datetime.fromisoformat(ev.at) == TODAY + timedelta(minutes=4)
    state = Meeting.replay(desk.events(meeting))
    correction = state.clock_sets[0]
    assert correction.offset == timedelta(hours=1) and correction.reason == "系统时钟被调慢一小时"


def test_a_clock_a_day_ahead_and_then_put_right(laptop):
    desk, clock, meeting, ids = laptop
    desk.start_meeting(meeting)
    clock.wait(1)
    clock.wall += timedelta(days=1)  # jumps forward while the meeting runs
    err = refused_for_the_clock(lambda: desk.mark_present(meeting, ids[0]))
    desk.set_clock(meeting, datetime.fromisoformat(err.params["suggested"]), "时钟快了一天")
    clock.wait(1)
    assert datetime.fromisoformat(desk.mark_present(meeting, ids[0]).at).date() == TODAY.date()
    clock.wall -= timedelta(days=1)  # put right by the system: the correction must not stay
    clock.wait(1)
    err = refused_for_the_clock(lambda: desk.mark_present(meeting, ids[1]))
    desk.set_clock(meeting, datetime.fromisoformat(err.params["suggested"]), "系统时钟已恢复")
    clock.wait(1)
    ev = desk.mark_present(meeting, ids[1])
    assert datetime.fromisoformat(ev.at) == TODAY + timedelta(minutes=4)
    assert Meeting.replay(desk.events(meeting)).clock_offset == timedelta(0)


def test_a_flat_cmos_battery_is_caught_at_the_start(laptop):
    desk, clock, meeting, ids = laptop
    clock.wall = datetime(2010, 1, 1, 0, 5).astimezone()
    err = refused_for_the_clock(lambda: desk.start_meeting(meeting))
    assert "早于本程序的发布日期" in err.message_zh and "2010-01-01" in err.message_zh
    with pytest.raises(DomainError) as info:  # a correction needs its reason
        desk.start_meeting(meeting, time=TODAY)
    assert info.value.code == "TEXT_REQUIRED"
    desk.start_meeting(meeting, time=TODAY, reason="主板电池没电，时钟回到 2010 年")
    clock.wait(1)
    ev = desk.mark_present(meeting, ids[0])
    assert datetime.fromisoformat(ev.at) == TODAY + timedelta(minutes=1)
    assert Meeting.replay(desk.events(meeting)).clock_sets[0].reason.startswith("主板电池")


def test_a_meeting_far_from_its_scheduled_day_asks_only(laptop):
    desk, clock, meeting, ids = laptop
    clock.wall += timedelta(days=5)
    desk.start_meeting(meeting)  # a meeting may be held on another day: not refused
    question = desk.clock_question(meeting)
    assert question.params["doubt"] == "far_from_schedule"
    assert "与会议计划日期相差较远" in question.message_zh and "计划 2026-12-01" in question.message_zh
    desk.set_clock(meeting, clock.wall, doubt="far_from_schedule")  # confirmed: no reason needed
    assert desk.clock_question(meeting) is None
    assert not Meeting.replay(desk.events(meeting)).clock_sets[0].corrected


def test_the_record_says_when_and_how_the_time_was_corrected(laptop, tmp_path):
    from meetingdesk.record.build import minutes_from_meeting
    from meetingdesk.record.pdf import render_minutes

    desk, clock, meeting, ids = laptop
    desk.start_meeting(meeting)
    clock.wait(1)
    clock.wall -= timedelta(hours=1)
    err = refused_for_the_clock(lambda: desk.mark_present(meeting, ids[0]))
    desk.set_clock(meeting, datetime.fromisoformat(err.params["suggested"]), "系统时钟被调慢一小时",
                   err.params["doubt"])
    state = desk.meeting(meeting)
    minutes = minutes_from_meeting(state, desk.events(meeting)[-1].hash)
    assert minutes.clock_checks == (
        "2026年12月1日 09:01 记录人更正时间（系统时间发生跳变）：系统时间为2026年12月1日 08:01，"
        "慢 1 小时；原因：系统时钟被调慢一小时。此后的记录时间按更正后的时间记载。",)
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(render_minutes(minutes))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "时间核对" in text and "系统时钟被调慢一小时" in "".join(text.split())
