"""The fault suite (issue 14): real faults, and what the user is told about each.

A damaged WAL, two windows and two processes at once, a held lock, foreign and empty files,
a full disk, a kill during the closing backup, a read-only mount. The kill storm is
test_crash.py. Mounts need root (tmpfs, remount read-only); the suite fails without it, since
a chmod'ed file does not stop root and would prove nothing here.
"""

from __future__ import annotations

import os
import random
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
from meetingdesk.domain import DomainError
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
from meetingdesk.store import StoreError
from meetingdesk.ui.main_window import MainWindow

import race_child
from crash_child import CALLS
from meeting_driver import sensible
from test_cli_check import meetingdesk
from test_crash import CHILD, forkserver, prepare
from test_store_backup import events_in
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


def prepared(folder: Path) -> tuple[str, Desk, int]:
    """A new database with two meetings prepared, open, and the first meeting's id."""
    db = str(folder / "meetings.sqlite3")
    prepare(db)
    desk = Desk.open(db)
    return db, desk, first_meeting(desk)[0]


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


def test_two_processes_writing_into_one_meeting_at_the_same_instant(
        tmp_path: Path, _isolated_data_dir: Path):
    db, desk, meeting = prepared(tmp_path)
    desk.start_meeting(meeting)
    desk.close()
    context = forkserver()
    barrier = context.Barrier(2)
    pipes = [context.Pipe(duplex=False) for _ in range(2)]
    racers = [context.Process(target=race_child.race,
                              args=(db, meeting, seed, str(_isolated_data_dir), barrier, out))
              for seed, (_, out) in enumerate(pipes)]
    for racer in racers:
        racer.start()
    results = [reports.recv() for reports, _ in pipes]
    for racer in racers:
        racer.join(timeout=60)
    refused, unexplained, store_errors = (sum(column) for column in zip(*results))
    print(f"two processes at once: {refused} refusals, {unexplained} matching neither the log "
          f"before nor after, {store_errors} storage errors")
    assert refused > 0  # they did collide
    assert unexplained == 0 and store_errors == 0
    desk = Desk.open(db)
    try:
        assert check_database(desk.db) == []
    finally:
        desk.close()


# ---- point 6: a lock held by another program ------------------------------------------------

def test_actions_on_a_meeting_not_yet_read_wait_for_another_programs_write(tmp_path: Path):
    db, setup, meeting = prepared(tmp_path)
    _, unit, members = first_meeting(setup)
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
    db, desk, meeting = prepared(tmp_path)
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


# ---- points 3 and 4: the backup after closing, a full disk, a kill -----------------------

def record_until(desk: Desk, meeting: int, until: str) -> None:
    """Record the meeting through the services, as a recorder would, up to entry `until`."""
    rng = random.Random(14)
    if not desk.events(meeting):
        desk.start_meeting(meeting)
    while (action := sensible(desk.meeting(meeting), rng.randrange)) is not None:
        type_, member, payload = action
        if type_ == until:
            return
        try:
            CALLS[type_](desk, meeting, member, payload)
        except DomainError:
            continue  # the driver's guess was refused: pick again
    raise AssertionError(f"the meeting ended without a {until} entry")


def fill(mount: Path, leave: int = 0) -> None:
    """Fill the file system to the last byte, then free `leave` bytes."""
    filler = mount / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(bytes(64 * 1024))
                f.flush()
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - leave))


def backups(data_dir: Path) -> list[str]:
    folder = data_dir / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_full_disk_at_the_closing_backup_is_told_as_it_is_and_made_up_later(
        tmpfs: Path, monkeypatch: pytest.MonkeyPatch):
    data_dir = tmpfs / "data"  # the database and its backups on one small file system
    monkeypatch.setenv("MEETINGDESK_DATA_DIR", str(data_dir))
    data_dir.mkdir()
    db, desk, meeting = prepared(data_dir)
    record_until(desk, meeting, "meeting_closed")
    fill(tmpfs, leave=64 * 1024)  # room for the closing entry, not for a copy of the database
    with pytest.raises(StoreError) as caught:
        desk.close_meeting(meeting)
    closing = desk.events(meeting)[-1]
    assert closing.type == "meeting_closed"  # what the message says was done, was done
    assert caught.value.code == "CLOSED_BACKUP_OWED"
    message = caught.value.message_zh
    assert "会议已闭会" in message and f"第 {closing.seq} 条记录（闭会）已保存" in message
    assert "备份未能完成" in message and "下次打开本数据库时将自动补做备份" in message
    assert "未作改动" not in message
    assert not [n for n in backups(data_dir) if n.endswith(".sqlite3")]
    desk.close()

    (tmpfs / "filler").unlink()  # the user frees some space
    desk = Desk.open(db)
    try:
        assert [n.code for n in desk.db.notices] == ["BACKUP_FINISHED"]
        made = [n for n in backups(data_dir) if n.endswith(f"-meeting-{meeting}-closed.sqlite3")]
        assert backups(data_dir) == made and len(made) == 1
        assert events_in(data_dir / "backups" / made[0])[-1][-1] == closing.hash
    finally:
        desk.close()


def test_export_mark_filed_that_cannot_write_says_the_meeting_was_filed(
        tmp_path: Path, tmpfs: Path):
    db, desk, meeting = prepared(tmp_path)
    record_until(desk, meeting, "filed")
    desk.close()
    fill(tmpfs)
    failed = meetingdesk("export", str(meeting), "--db", db, "--mark-filed",
                         "--pdf", str(tmpfs / "record.pdf"))
    assert failed.returncode == 2
    assert "会议已登记为“已备案”" in failed.stderr and "备案记录未能导出" in failed.stderr
    assert "record.pdf" in failed.stderr
    listed = meetingdesk("list", "--db", db)
    assert f"{meeting}\t" in listed.stdout
    assert any(line.startswith(f"{meeting}\t") and line.endswith("已备案")
               for line in listed.stdout.splitlines())  # as the message says
    retried = meetingdesk("export", str(meeting), "--db", db, "--mark-filed",
                          "--pdf", str(tmp_path / "record.pdf"))
    assert retried.returncode == 0, retried.stderr
    desk = Desk.open(db)
    assert [e.type for e in desk.events(meeting)].count("filed") == 1
    desk.close()


CLOSE = """
import sys
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
desk = Desk.open(sys.argv[1])
print("CLOSING", flush=True)
desk.close_meeting(int(sys.argv[2]))
print("CLOSED", flush=True)
"""


def test_a_kill_during_the_closing_backup_is_finished_at_the_next_start(
        tmp_path: Path, _isolated_data_dir: Path):
    db, desk, meeting = prepared(tmp_path)
    record_until(desk, meeting, "meeting_closed")
    for n in range(24):  # long drafts make a backup that takes a while to copy
        desk.save_draft(meeting, f"draft-{n}", "草稿" * 500_000)
    desk.close()
    folder = _isolated_data_dir / "backups"
    child = subprocess.Popen([sys.executable, "-c", CLOSE, db, str(meeting)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "CLOSING"
    deadline = time.monotonic() + 30
    while not (folder.is_dir() and any(folder.glob("*.partial"))):
        assert time.monotonic() < deadline, "no backup was started"
    child.kill()  # SIGKILL in the middle of the copy
    child.wait()
    assert any(folder.glob("*.partial")) and not any(folder.glob("*.sqlite3"))

    started = meetingdesk("list", "--db", db)
    assert started.returncode == 0
    assert f"会议（编号 {meeting}）闭会后的自动备份上次未能完成" in started.stderr
    assert "本次打开时已补做" in started.stderr
    made = backups(_isolated_data_dir)
    assert len(made) == 1 and made[0].endswith(f"-meeting-{meeting}-closed.sqlite3")
    desk = Desk.open(db)
    try:
        assert desk.db.notices == []  # told once
        assert events_in(folder / made[0])[-1][-1] == desk.events(meeting)[-1].hash
    finally:
        desk.close()


# ---- point 1: a damaged WAL -------------------------------------------------------------------

def record_and_crash(db: str, entries: int) -> dict[tuple[int, int], str]:
    """Let a recorder acknowledge `entries` entries, then SIGKILL it: they are in the -wal."""
    child = subprocess.Popen([sys.executable, str(CHILD), db, "14"], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "READY"
    acknowledged = {}
    while len(acknowledged) < entries:
        _, meeting, seq, digest = child.stdout.readline().split()
        acknowledged[int(meeting), int(seq)] = digest
    child.kill()
    child.wait()
    return acknowledged


@pytest.mark.parametrize("where", ["header", "middle"])
def test_a_damaged_wal_loses_no_acknowledged_entry_unnoticed(tmp_path: Path, where: str):
    db = tmp_path / "meetings.sqlite3"
    prepare(str(db))
    acknowledged = record_and_crash(str(db), 88)
    wal = db.with_name(db.name + "-wal")
    data = bytearray(wal.read_bytes())
    if where == "header":
        data[8:32] = bytes(range(24))  # page size, checkpoint, salts, checksum: all wrong
    else:
        middle = len(data) // 2
        data[middle:middle + 4096] = bytes(4096)  # a sector of zeros
    wal.write_bytes(data)

    checked = meetingdesk("check", "--db", str(db))
    assert checked.returncode == 1
    assert "数据库落后于已确认保存的记录" in checked.stdout
    kept = sorted(tmp_path.glob("meetings.sqlite3-wal.*.kept"))
    assert len(kept) == 1 and kept[0].read_bytes() == data  # the evidence, as it was found
    assert f"已原样另存为“{kept[0]}”" in checked.stderr

    listed = meetingdesk("list", "--db", str(db))  # a later command neither hides nor deletes
    assert listed.returncode == 0 and "数据库落后于已确认保存的记录" in listed.stderr
    assert sorted(tmp_path.glob("meetings.sqlite3-wal.*.kept")) == kept

    desk = Desk.open(str(db))
    try:
        stored_hashes = {e.hash for m in {m for m, _ in acknowledged} for e in desk.events(m)}
        missing = [key for key, digest in acknowledged.items() if digest not in stored_hashes]
        lost = {m for m, _ in missing}
        assert lost  # the damage did lose acknowledged entries ...
        assert lost <= set(desk.db.lagging)  # ... and none unnoticed
        print(f"WAL damaged at its {where}: {len(acknowledged)} acknowledged, "
              f"{len(missing)} not in the database, all reported")
        meeting = min(lost)
        stored = len(desk.events(meeting))
        with pytest.raises(StoreError) as caught:  # nothing is written over the evidence
            desk.add_correction(meeting, "记录员", "补记", "补记内容")
        assert caught.value.code == "LOG_PAUSED" and "本条未写入" in caught.value.message_zh
        assert len(desk.events(meeting)) == stored
    finally:
        desk.close()
