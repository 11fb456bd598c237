"""check_store against a database tampered with from outside, as an attacker would.

The attacker uses the database's own client (a raw sqlite3 or psycopg connection), not our code:
the append-only triggers first have to be dropped, and the hash chain shows what was done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import psycopg
import pytest

from meetingdesk.domain.chain import canonical_json, event_hash
from meetingdesk.store import Database, eventlog, open_database
from meetingdesk.store.integrity import Problem, check_store
from test_store_eventlog import add_meeting, append_chain



@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def tamper(db: Database, *statements: str, params: tuple = ()) -> None:
    """Run SQL straight through the database's driver, outside MeetingDesk."""
    if db.is_sqlite:
        conn = sqlite3.connect(db.path, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement, params if "?" in statement else ())
        finally:
            conn.close()
    else:
        url = db.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement.replace("?", "%s"), params if "?" in statement else None)


def drop_guard(db: Database, which: str) -> str:
    """The SQL that drops the trigger refusing UPDATE ("update") or DELETE ("delete")."""
    return f"DROP TRIGGER events_no_{which}" + ("" if db.is_sqlite else " ON events")


def at(problems: list[Problem], meeting_id: int) -> dict[int | None, list[Problem]]:
    """The problems found in one meeting's log, by event seq."""
    found: dict[int | None, list[Problem]] = {}
    for p in problems:
        if p.meeting_id == meeting_id:
            found.setdefault(p.seq, []).append(p)
    return found


@pytest.fixture
def two_meetings(db: Database) -> tuple[int, str, int]:
    """Meeting A (5 events) is the victim; meeting B (3 events) must stay clean."""
    a, uid_a = add_meeting(db, 1)
    b, uid_b = add_meeting(db, 2)
    append_chain(db, a, uid_a, 5)
    append_chain(db, b, uid_b, 3)
    return a, uid_a, b


def test_an_untouched_store_passes(db: Database, two_meetings: tuple[int, str, int]) -> None:
    assert check_store(db) == []


def test_an_edited_event_is_found(db: Database, two_meetings: tuple[int, str, int]) -> None:
    a, uid_a, b = two_meetings
    tamper(db, drop_guard(db, "update"),
           "UPDATE events SET payload = ? WHERE meeting_id = ? AND seq = 3",
           params=(canonical_json({"stance": "不同意", "text": "改过的发言"}), a))
    problems = check_store(db)
    found = at(problems, a)
    assert list(found) == [3]
    edited = found[3][0]
    assert (edited.meeting_id, edited.meeting_uid, edited.seq) == (a, uid_a, 3)
    assert edited.meeting_label == "2026年第1次党委会"
    assert "被改动" in edited.reason_zh
    assert "（2026年第1次党委会） 第 3 条记录：" in str(edited)
    assert at(problems, b) == {}
    assert any("events_no_update" in p.reason_zh and p.meeting_id is None for p in problems)


def test_an_edited_event_with_a_recomputed_hash_is_found(
        db: Database, two_meetings: tuple[int, str, int]) -> None:
    """A careful attacker reseals the edited event; the next event's link still breaks."""
    a, uid_a, _b = two_meetings
    tamper(db, drop_guard(db, "update"))
    with db.session() as session:
        third = eventlog.load(session, a)[2]
    payload = {"stance": "不同意", "text": "改过的发言"}
    resealed = event_hash(uid_a, 3, third.type, third.at, third.member_id, payload,
                          third.prev_hash)
    tamper(db, "UPDATE events SET payload = ?, hash = ? WHERE meeting_id = ? AND seq = 3",
           params=(canonical_json(payload), resealed, a))
    found = at(check_store(db), a)
    assert list(found) == [4]
    assert "前一事件的哈希不符" in found[4][0].reason_zh


def test_a_deleted_event_is_found(db: Database, two_meetings: tuple[int, str, int]) -> None:
    a, _uid_a, b = two_meetings
    tamper(db, drop_guard(db, "delete"), "DELETE FROM events WHERE meeting_id = ? AND seq = 2",
           params=(a,))
    problems = check_store(db)
    found = at(problems, a)
    assert list(found) == [3]
    assert any("序号不连续" in p.reason_zh for p in found[3])
    assert at(problems, b) == {}
    assert any("events_no_delete" in p.reason_zh for p in problems)


def test_an_inserted_event_is_found(db: Database, two_meetings: tuple[int, str, int]) -> None:
    """The attacker shifts events 3.. up by one and slips a well-sealed forgery in at 3."""
    a, uid_a, b = two_meetings
    with db.session() as session:
        second = eventlog.load(session, a)[1]
    payload = {"stance": "同意", "text": "伪造的发言"}
    forged_hash = event_hash(uid_a, 3, "opinion", second.at, 9, payload, second.hash)
    tamper(db, drop_guard(db, "update"),
           "UPDATE events SET seq = seq + 1000 WHERE meeting_id = ? AND seq >= 3",
           "UPDATE events SET seq = seq - 999 WHERE meeting_id = ? AND seq >= 1000",
           "INSERT INTO events (meeting_id, seq, type, at, member_id, payload, prev_hash, hash) "
           f"VALUES (?, 3, 'opinion', '{second.at}', 9, '{canonical_json(payload)}', "
           f"'{second.hash}', '{forged_hash}')",
           params=(a,))
    problems = check_store(db)
    found = at(problems, a)
    assert 3 not in found  # the forgery itself is well sealed ...
    assert 4 in found  # ... but the event it pushed aside no longer fits
    assert all(p.meeting_uid == uid_a for ps in found.values() for p in ps)
    assert at(problems, b) == {}


def test_a_changed_meeting_uid_is_found(db: Database, two_meetings: tuple[int, str, int]) -> None:
    """Every hash covers the meeting's uid: a log moved to another meeting header breaks."""
    a, _uid_a, b = two_meetings
    tamper(db, "UPDATE meetings SET uid = 'ffffffff-0000-4000-8000-000000000000' WHERE id = ?",
           params=(a,))
    found = at(check_store(db), a)
    assert sorted(found) == [1, 2, 3, 4, 5]
    assert at(check_store(db), b) == {}


@pytest.mark.parametrize("which", ["update", "delete"])
def test_a_dropped_trigger_is_found(db: Database, which: str) -> None:
    tamper(db, drop_guard(db, which))
    problems = check_store(db)
    assert len(problems) == 1
    assert f"events_no_{which}" in problems[0].reason_zh and "缺失" in problems[0].reason_zh
    assert problems[0].meeting_id is None


def test_a_trigger_replaced_by_a_harmless_one_is_found(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        tamper(db, "DROP TRIGGER events_no_delete",
               "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT 1; END")
        (problem,) = check_store(db)
        assert "events_no_delete" in problem.reason_zh and "被改动" in problem.reason_zh
    finally:
        db.close()


@pytest.mark.parametrize("statement", [
    "ALTER TABLE events DISABLE TRIGGER events_no_update",
    "CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RETURN NEW; END $$",
    "DROP TRIGGER events_no_truncate ON events",
])
def test_a_disabled_or_defused_postgresql_guard_is_found(pg_url: str, statement: str) -> None:
    db = open_database(pg_url)
    try:
        tamper(db, statement)
        problems = check_store(db)
        assert len(problems) == 1 and problems[0].meeting_id is None
    finally:
        db.close()


def test_events_of_a_missing_meeting_are_found(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        a, uid_a = add_meeting(db)
        append_chain(db, a, uid_a, 2)
        # Without foreign keys (the sqlite3 default) the meeting can be removed under its log.
        tamper(db, "DELETE FROM meetings WHERE id = ?", params=(a,))
        problems = check_store(db)
        assert {(p.meeting_id, p.seq) for p in problems if "不存在" in p.reason_zh} >= {
            (a, 1), (a, 2)}
        assert any("foreign" in p.reason_en or "refers to a missing" in p.reason_en
                   for p in problems)
    finally:
        db.close()
