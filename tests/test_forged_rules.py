"""A forger who writes entries straight into the database, with a hash chain recomputed so that
it holds, still cannot make the record say what the rules forbid: `meetingdesk check` replays
every log through the rules and names the entry and the rule it breaks (issue 8's findings)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from meetingdesk.domain import canonical_json, seal
from meetingdesk.services import Desk
from submitted import schedule_submitted

NAMES = ["王书记", "李乡长", "张副书记", "陈纪委", "刘组织", "赵宣传", "孙副乡长", "周副乡长", "吴部长"]
FUNDS = {"title": "拨付灾后补助资金", "kind": "decision", "amount": "300000",
         "fund_type": "project", "area": "农业农村"}
APPOINT = {"title": "推荐村党支部书记人选", "kind": "decision", "category": "appointment",
           "area": "党建", "vote_mode": "named",
           "candidates": [{"name": "林玥", "current_post": "村委委员",
                           "proposed_post": "村党支部书记"}]}

Entry = tuple[str, "int | None", dict[str, Any]]


def check(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "meetingdesk.cli", "check", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)


def meeting_under_way(tmp_path: Path, item: dict[str, Any], absent: tuple[int, ...] = (),
                      report: bool = True) -> tuple[Path, list[int]]:
    """A meeting recorded through the services up to its first item's report."""
    db = tmp_path / "forged.sqlite3"
    desk = Desk.open(str(db))
    try:
        unit = desk.create_unit("晓塘乡党委")
        ids = [desk.add_member(unit, name, "委员", rank, is_chief=rank == 1)
               for rank, name in enumerate(NAMES, start=1)]
        meeting = desk.create_meeting(unit, "party_committee", "2026-12-01T09:00:00+08:00",
                                      "会议室", ids[0], "记录员", deputy_chair_id=ids[1])
        if item.get("category") == "appointment":  # never typed in directly (R13)
            schedule_submitted(desk, meeting, **item, presenter_id=ids[4])
        else:
            desk.add_item(meeting, **item, presenter_id=ids[4])
        desk.start_meeting(meeting)
        for i, m in enumerate(ids):
            if i in absent:
                desk.mark_absent(meeting, m, "出差")
            else:
                desk.mark_present(meeting, m)
        desk.open_session(meeting)
        desk.open_item(meeting, 1)
        if report:
            desk.report(meeting, 1, ids[4], "汇报")
    finally:
        desk.close()
    return db, ids


def forge(db: Path, entries: list[Entry]) -> int:
    """Append entries to meeting 1 as a forger would: sealed onto the stored head, no rules
    asked. Returns the seq of the last one."""
    conn = sqlite3.connect(db)
    try:
        uid = conn.execute("SELECT uid FROM meetings WHERE id = 1").fetchone()[0]
        seq, prev, at = conn.execute("SELECT seq, hash, at FROM events WHERE meeting_id = 1 "
                                     "ORDER BY seq DESC LIMIT 1").fetchone()
        when = datetime.fromisoformat(at)
        for type_, member, payload in entries:
            seq, when = seq + 1, when + timedelta(minutes=1)
            ev = seal(uid, seq, type_, when.isoformat(), member, payload, prev)
            conn.execute("INSERT INTO events (meeting_id, seq, type, at, member_id, payload, "
                         "prev_hash, hash) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                         (seq, type_, ev.at, member, canonical_json(payload), prev, ev.hash))
            prev = ev.hash
        conn.commit()
    finally:
        conn.close()
    return seq


def opinion(member: int, stance: str = "agree") -> Entry:
    return ("opinion", member, {"item_no": 1, "stance": stance, "words": "意见", "reason": ""})


def assert_named(db: Path, seq: int, *words: str) -> None:
    done = check(db)
    assert done.returncode == 1, done.stdout
    line = next(line for line in done.stdout.splitlines() if f"第 {seq} 条记录" in line)
    assert "记录违反会议规则" in line
    for word in words:
        assert word in line, line


def others(ids: list[int], *leave_out: int) -> list[int]:
    """The members other than the chief, the most junior first, less some."""
    return [m for m in reversed(ids[1:]) if m not in leave_out]


def test_a_member_speaking_after_the_chief_is_found(tmp_path: Path):
    db, ids = meeting_under_way(tmp_path, FUNDS, absent=(8,))
    seq = forge(db, [opinion(m) for m in others(ids, ids[8])]
                + [opinion(ids[0]), ("arrived", ids[8], {"time": None}), opinion(ids[8])])
    assert_named(db, seq, "表态已经结束", "王书记")


def test_an_emptied_room_does_not_free_the_chief(tmp_path: Path):
    db, ids = meeting_under_way(tmp_path, FUNDS)
    leaves = [("left", m, {"time": None, "reason": "暂离"}) for m in others(ids)]
    seq = forge(db, leaves + [opinion(ids[0])])
    assert_named(db, seq, "末位表态", "在场且未回避 1 人")


def test_an_absent_chiefs_written_opinion_first_is_found(tmp_path: Path):
    db, ids = meeting_under_way(tmp_path, FUNDS, absent=(0,))
    seq = forge(db, [("written_opinion", ids[0], {"item_no": 1, "stance": "agree",
                                                   "words": "同意", "reason": ""})])
    assert_named(db, seq, "书面意见须在到会成员全部表态后录入")


def test_a_vote_short_of_the_items_quorum_after_recusal_is_found(tmp_path: Path):
    # 9 expected, 6 present, 1 recused: 5 of a base of 8, short of two thirds.
    db, ids = meeting_under_way(tmp_path, APPOINT, absent=(6, 7, 8), report=False)
    per_candidate = {"item_no": 1, "words": "同意",
                     "stances": [{"candidate": 1, "stance": "agree", "reason": ""}]}
    entries: list[Entry] = [("recusal", ids[5], {"item_no": 1, "reason": "亲属"}),
                            ("report", ids[4], {"item_no": 1, "words": "汇报"})]
    entries += [("opinion", m, per_candidate) for m in (ids[4], ids[3], ids[2], ids[1])]
    seq = forge(db, entries + [("opinion", ids[0], per_candidate)])
    assert_named(db, seq, "本议题应到 8 人", "在场且未回避 5 人，需 6 人")


def test_a_recused_members_remark_on_the_item_is_found(tmp_path: Path):
    db, ids = meeting_under_way(tmp_path, FUNDS)
    seq = forge(db, [("recusal", ids[6], {"item_no": 1, "reason": "亲属"}),
                     ("remark", ids[6], {"item_no": 1, "observer": None, "words": "说明"})])
    assert_named(db, seq, "孙副乡长已就本议题回避")


def test_a_leave_dated_before_the_members_own_opinion_is_found(tmp_path: Path):
    db, ids = meeting_under_way(tmp_path, FUNDS)
    with sqlite3.connect(db) as conn:
        head = conn.execute("SELECT max(at) FROM events WHERE meeting_id = 1").fetchone()[0]
    before_opinion = (datetime.fromisoformat(head) + timedelta(seconds=30)).isoformat()
    seq = forge(db, [opinion(ids[8]), ("left", ids[8], {"time": before_opinion,
                                                        "reason": "公务"})])
    assert_named(db, seq, "吴部长的到会或离会时间不能早于")


def test_an_unlabelled_amount_made_a_briefing_is_found(tmp_path: Path):
    # The forger rewrites the first entry: 3,000,000 yuan with no fund type, as a briefing.
    db, _ = meeting_under_way(tmp_path, FUNDS)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER events_no_update")
    rows = conn.execute("SELECT m.uid, e.seq, e.type, e.at, e.member_id, e.payload, e.prev_hash "
                        "FROM events e JOIN meetings m ON m.id = e.meeting_id "
                        "WHERE e.meeting_id = 1 ORDER BY e.seq").fetchall()
    prev = rows[0][6]
    for uid, seq, type_, at, member, payload, _ in rows:
        data = json.loads(payload)
        if seq == 1:
            data["agenda"][0].update(kind="briefing", amount="3000000", fund_type=None,
                                     category="general")
        ev = seal(uid, seq, type_, at, member, data, prev)
        conn.execute("UPDATE events SET payload = ?, prev_hash = ?, hash = ? "
                     "WHERE meeting_id = 1 AND seq = ?",
                     (canonical_json(data), ev.prev_hash, ev.hash, seq))
        prev = ev.hash
    conn.commit()
    conn.close()
    assert_named(db, 1, "三重一大", "未注明资金类型")


@pytest.mark.parametrize("lang, words", [("zh", "第 {seq} 条记录（表态发言）"),
                                         ("en", "event {seq} (opinion)")])
def test_check_names_the_kind_of_entry(tmp_path: Path, lang: str, words: str):
    db, ids = meeting_under_way(tmp_path, FUNDS)
    seq = forge(db, [opinion(ids[0])])
    done = subprocess.run([sys.executable, "-m", "meetingdesk.cli", "check", "--db", str(db),
                           "--lang", lang], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert words.format(seq=seq) in done.stdout
