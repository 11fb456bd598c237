"""`meetingdesk demo`, `list` and `check` as a user runs them, and tampering with the sqlite3
command-line tool as an attacker would: `check` must exit 1 and name the meeting and event."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from meetingdesk.domain import seal

SQLITE3 = shutil.which("sqlite3")


def meetingdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "meetingdesk.cli", *args], capture_output=True,
                          text=True, timeout=120)


def sqlite(db: Path, sql: str) -> None:
    assert SQLITE3, "the sqlite3 command-line tool is needed (Debian package sqlite3)"
    subprocess.run([SQLITE3, str(db), sql], check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    done = meetingdesk("demo", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "晓塘乡党委" in done.stdout
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "tamper.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def test_demo_list_and_a_clean_check(demo_db: Path):
    listed = meetingdesk("list", "--db", str(demo_db))
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "2026年第1次党委会" in listed.stdout and "已闭会" in listed.stdout
    assert "进行中" in listed.stdout and "2026-11-10" in listed.stdout
    checked = meetingdesk("check", "--db", str(demo_db))
    assert checked.returncode == 0, checked.stdout
    assert "检查通过" in checked.stdout
    again = meetingdesk("demo", "--db", str(demo_db))
    assert again.returncode == 0 and "已存在" in again.stdout


def seq_of(db: Path, type_: str, like: str = "%") -> int:
    """The first event of meeting 1 of a type (and payload pattern), read as anyone could."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT min(seq) FROM events WHERE meeting_id = 1 AND type = ? "
                            "AND payload LIKE ?", (type_, like)).fetchone()[0]


def test_edited_event_is_named(db: Path):
    seq = seq_of(db, "opinion", "%同意推荐%")
    sqlite(db, "DROP TRIGGER events_no_update;"
               "UPDATE events SET payload = replace(payload, '同意推荐', '不同意推荐') "
               f"WHERE meeting_id = 1 AND seq = {seq};")
    checked = meetingdesk("check", "--db", str(db))
    assert checked.returncode == 1
    assert f"会议 1（2026年第1次党委会） 第 {seq} 条记录：事件内容与其哈希不符" in checked.stdout
    assert "events_no_update" in checked.stdout  # the dropped guard is reported too


def test_deleted_event_is_named(db: Path):
    seq = seq_of(db, "vote")
    sqlite(db, f"DROP TRIGGER events_no_delete; DELETE FROM events WHERE meeting_id = 1 AND seq = {seq};")
    checked = meetingdesk("check", "--db", str(db), "--lang", "en")
    assert checked.returncode == 1
    assert f"meeting 1 (2026年第1次党委会), event {seq + 1}" in checked.stdout
    assert "deleted" in checked.stdout


def test_inserted_event_is_named(db: Path):
    # A copy of an opinion slipped in after it, later events renumbered to make room.
    seq = seq_of(db, "opinion")
    sqlite(db, "DROP TRIGGER events_no_update;"
               f"UPDATE events SET seq = seq + 1000 WHERE meeting_id = 1 AND seq > {seq};"
               "UPDATE events SET seq = seq - 999 WHERE meeting_id = 1 AND seq > 1000;"
               "INSERT INTO events (meeting_id, seq, type, at, member_id, payload, prev_hash, hash) "
               f"SELECT meeting_id, {seq + 1}, type, at, member_id, payload, hash, hash "
               f"FROM events WHERE meeting_id = 1 AND seq = {seq};")
    checked = meetingdesk("check", "--db", str(db))
    assert checked.returncode == 1
    assert f"会议 1（2026年第1次党委会） 第 {seq + 1} 条记录" in checked.stdout


def test_truncated_log_is_found(db: Path):
    # Deleting the last entries leaves a valid chain; the meeting's state gives it away.
    seq = seq_of(db, "deferral")
    sqlite(db, f"DROP TRIGGER events_no_delete; DELETE FROM events WHERE meeting_id = 1 AND seq > {seq};")
    checked = meetingdesk("check", "--db", str(db))
    assert checked.returncode == 1
    assert f"会议 1（2026年第1次党委会）：记录只到第 {seq} 条" in checked.stdout


def test_forged_log_that_breaks_the_rules_is_found(db: Path):
    # A forger makes the first opinion the chief's and recomputes every hash after it: the
    # chain holds, but the rules do not (the chief spoke before the others).
    seq = seq_of(db, "opinion")
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER events_no_update")
    rows = conn.execute("SELECT m.uid, e.seq, e.type, e.at, e.member_id, e.payload, e.prev_hash "
                        "FROM events e JOIN meetings m ON m.id = e.meeting_id "
                        "WHERE e.meeting_id = 1 AND e.seq >= ? ORDER BY e.seq", (seq,)).fetchall()
    chief = conn.execute("SELECT id FROM members WHERE is_chief").fetchone()[0]
    prev = rows[0][6]
    for uid, s, type_, at, member, payload, _ in rows:
        member = chief if s == seq else member
        ev = seal(uid, s, type_, at, member, json.loads(payload), prev)
        conn.execute("UPDATE events SET member_id = ?, prev_hash = ?, hash = ? "
                     "WHERE meeting_id = 1 AND seq = ?", (member, ev.prev_hash, ev.hash, s))
        prev = ev.hash
    conn.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                 "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END")
    conn.commit()
    conn.close()
    checked = meetingdesk("check", "--db", str(db))
    assert checked.returncode == 1
    assert f"第 {seq} 条记录（表态发言）：记录违反会议规则" in checked.stdout
    assert "末位表态" in checked.stdout


def test_not_a_database(tmp_path: Path):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("会议记录草稿", encoding="utf-8")
    checked = meetingdesk("check", "--db", str(bogus))
    assert checked.returncode == 2
    assert "不是 SQLite 数据库" in checked.stderr
    assert bogus.read_text(encoding="utf-8") == "会议记录草稿"
