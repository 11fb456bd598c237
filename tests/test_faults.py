"""The fault suite (issue 14): real faults, and what the user is told about each.

A damaged WAL, two windows and two processes at once, a held lock, foreign and empty files,
a full disk, a kill during the closing backup, a read-only mount. The kill storm is
test_crash.py. Mounts need root (tmpfs, remount read-only); the suite fails without it, since
a chmod'ed file does not stop root and would prove nothing here.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from meetingdesk.demo import DEMO_PASSPHRASE
from meetingdesk.services import Desk
from meetingdesk.store import StoreError
from meetingdesk.ui.main_window import MainWindow

from test_cli_check import meetingdesk
from test_crash import prepare
from test_ui_helpers import show

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


# ---- mounts: a small tmpfs, made read-only or full ----------------------------------------

@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB tmpfs, unmounted afterwards (root only: the suite is run as root in CI)."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def remount_read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---- point 7: files that are not ours -------------------------------------------------------

def foreign_sqlite(path: Path, journal_mode: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('另一个程序的数据')")
    conn.close()


@pytest.mark.parametrize("kind, code", [
    ("sqlite-rollback", "DB_NOT_MEETINGDESK"), ("sqlite-wal", "DB_NOT_MEETINGDESK"),
    ("empty", "DB_EMPTY_FILE"), ("text", "DB_NOT_SQLITE")])
def test_a_file_that_is_not_ours_is_left_byte_for_byte(tmp_path: Path, kind: str, code: str):
    folder = tmp_path / "files"
    folder.mkdir()
    target = folder / "records.db"
    if kind.startswith("sqlite"):
        foreign_sqlite(target, kind.removeprefix("sqlite-").replace("rollback", "delete"))
    else:
        target.write_bytes(b"" if kind == "empty" else "会议纪要\n".encode())
    before = snapshot(folder)
    for command in ("list", "check"):
        result = meetingdesk(command, "--db", str(target))
        assert result.returncode == 2
        assert "未作任何改动" in result.stderr or "未写入任何数据" in result.stderr
    with pytest.raises(StoreError) as caught:
        Desk.open(str(target))
    assert caught.value.code == code
    assert snapshot(folder) == before  # the file byte for byte, and no -wal, -shm beside it


# ---- point 8: a read-only copy on a read-only mount -----------------------------------------

def test_a_record_on_a_read_only_mount_is_listed_checked_exported_and_viewed(
        qtbot, tmp_path: Path, tmpfs: Path):
    source = tmp_path / "source.sqlite3"
    assert meetingdesk("demo", "--db", str(source)).returncode == 0  # closed cleanly: no -wal, no -shm
    copy = tmpfs / "record.sqlite3"
    shutil.copyfile(source, copy)
    remount_read_only(tmpfs)
    before = snapshot(tmpfs)

    listed = meetingdesk("list", "--db", str(copy))
    assert listed.returncode == 0 and "已闭会" in listed.stdout
    assert "已以只读方式打开" in listed.stderr
    checked = meetingdesk("check", "--db", str(copy))
    assert checked.returncode == 0 and "检查通过" in checked.stdout
    closed = next(line.split("\t")[0] for line in listed.stdout.splitlines() if "已闭会" in line)
    pdf = tmp_path / "record.pdf"
    exported = subprocess.run(
        [sys.executable, "-m", "meetingdesk.cli", "export", closed, "--db", str(copy),
         "--pdf", str(pdf), "--passphrase-env", "PASS"], capture_output=True, text=True,
        env={**os.environ, "PASS": DEMO_PASSPHRASE}, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

    desk = Desk.open(str(copy))  # what the GUI opens
    try:
        assert [n.code for n in desk.db.notices] == ["DB_OPENED_READ_ONLY"]
        window = show(qtbot, MainWindow(desk))
        assert window.ui.meetingsView.model().rowCount() == len(listed.stdout.splitlines())
        told = [w.text() for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]
        assert any("已以只读方式打开" in text for text in told)
        meeting = int(closed)
        assert desk.events(meeting)
        with pytest.raises(StoreError) as caught:
            desk.add_correction(meeting, "记录员", "笔误", "更正内容")
        assert caught.value.code == "DB_READ_ONLY"
        assert "只读" in caught.value.message_zh and "未保存" in caught.value.message_zh
    finally:
        desk.close()
    assert snapshot(tmpfs) == before
