"""The fault suite (issue 14): real faults, and what the user is told about each.

A damaged WAL, two windows and two processes at once, a held lock, foreign and empty files,
a full disk, a kill during the closing backup, a read-only mount. The kill storm is
test_crash.py. Mounts need root (tmpfs, remount read-only); the suite fails without it, since
a chmod'ed file does not stop root and would prove nothing here.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from meetingdesk.services import Desk
from meetingdesk.store import StoreError

from test_crash import prepare

pytestmark = pytest.mark.slow

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("LOCKED", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_write_lock(db: str, seconds: float) -> subprocess.Popen[str]:
    """Another program that holds the database's write lock for `seconds`."""
    other = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, db, str(seconds)],
                             stdout=subprocess.PIPE, text=True)
    assert other.stdout is not None and other.stdout.readline().strip() == "LOCKED"
    return other


def first_meeting(desk: Desk) -> tuple[int, int, list[int]]:
    row = sorted(desk.list_meetings(), key=lambda r: r.id)[0]
    return row.id, row.unit_id, desk.expected_members(row.id)


# ---- point 5: a window that has not re-read the meeting -------------------------------------

def test_a_window_that_has_not_re_read_the_meeting_judges_on_the_stored_log(tmp_path: Path):
    db = str(tmp_path / "two-windows.sqlite3")
    prepare(db)
    first, second = Desk.open(db), Desk.open(db)
    try:
        meeting, _, members = first_meeting(first)
        first.meeting(meeting)  # the first window has read it: not started
        second.start_meeting(meeting)
        first.mark_present(meeting, members[0])  # refused before as "会议尚未开始"
        for member in members[1:]:
            second.mark_present(meeting, member)
        second.open_session(meeting)
        second.open_item(meeting, 1)
        second.report(meeting, 1, members[1], "汇报")
        queue = second.meeting(meeting).speaking_queue(1)
        for member in queue[:-1]:
            second.record_opinion(meeting, 1, member, "agree", "同意")
        first.meeting(meeting)  # the first window reads the item: one member yet to speak
        second.record_opinion(meeting, 1, queue[-1], "agree", "同意")
        # The chief speaks last: refused before as "还有 1 位成员未表态", the first window's view.
        first.record_opinion(meeting, 1, members[0], "agree", "同意")
        assert [e.type for e in second.events(meeting)][-2:] == ["opinion", "opinion"]
    finally:
        first.close()
        second.close()


# ---- point 6: a lock held by another program ------------------------------------------------

def test_actions_on_a_meeting_not_yet_read_wait_for_another_programs_write(tmp_path: Path):
    db = str(tmp_path / "busy.sqlite3")
    prepare(db)
    setup = Desk.open(db)
    meeting, unit, members = first_meeting(setup)
    setup.start_meeting(meeting)
    setup.close()
    actions = {
        "create_meeting": lambda d: d.create_meeting(unit, "party_committee",
                                                     "2026-12-20T09:00:00+08:00", "会议室",
                                                     members[0], "记录员"),
        "save_draft": lambda d: d.save_draft(meeting, "opinion", "草稿"),
        "mark_present": lambda d: d.mark_present(meeting, members[0]),
    }
    for name, action in actions.items():
        desk = Desk.open(db)  # a new window: nothing read yet
        try:
            other = hold_write_lock(db, 1.0)
            start = time.monotonic()
            action(desk)  # waits for the other program instead of failing at once
            waited = time.monotonic() - start
            other.wait(timeout=10)
            assert 0.5 < waited < 5, f"{name} waited {waited:.2f} s"
        finally:
            desk.close()
    desk = Desk.open(db)
    try:
        assert desk.drafts(meeting) == {"opinion": "草稿"}
        assert len(desk.list_meetings()) == 3
        assert desk.events(meeting)[-1].type == "attendance"
    finally:
        desk.close()


def test_a_lock_held_too_long_is_reported_after_the_wait_it_names(tmp_path: Path):
    db = str(tmp_path / "busy.sqlite3")
    prepare(db)
    desk = Desk.open(db)
    meeting, _, members = first_meeting(desk)
    other = hold_write_lock(db, 7.0)
    try:
        start = time.monotonic()
        with pytest.raises(StoreError) as caught:
            desk.start_meeting(meeting)
        waited = time.monotonic() - start
    finally:
        other.kill()
        other.wait()
    assert caught.value.code == "DB_LOCKED"
    assert "等待 5 秒后仍未释放" in caught.value.message_zh
    assert waited >= 4.9
    assert desk.events(meeting) == []  # nothing was recorded
    desk.close()
