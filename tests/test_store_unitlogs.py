"""A unit's submissions and follow-up logs are stored like a meeting's, on SQLite and
PostgreSQL: sealed with the log's uid, refused out of order, refused UPDATE and DELETE by the
database itself, checked by `check`, and witnessed (`-acked`) so that a lost entry is noticed."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import exc, text

from meetingdesk.domain import GENESIS_HASH, seal, verify_chain
from meetingdesk.services import Desk
from meetingdesk.services.integrity import check_database
from meetingdesk.store import StoreError, eventlog, open_database
from meetingdesk.store.models import UnitLog
from test_store_integrity import tamper

AT = "2026-11-20T09:{:02d}:00+08:00"


@pytest.fixture
def desk(db_url: str) -> Iterator[Desk]:
    d = Desk.open(db_url)
    yield d
    d.close()


def three_submissions(desk: Desk) -> tuple[int, list[int]]:
    """A unit with a chief and two members, and a submissions log of three entries."""
    unit = desk.create_unit("东陈乡党委")
    ids = [desk.add_member(unit, name, "委员", rank, rank == 1)
           for rank, name in enumerate(("王书记", "李委员", "张委员"), 1)]
    no = desk.submit(unit, ids[1], title="修缮村委会办公用房", kind="decision", amount="20000",
                     fund_type="regular", presenter_id=ids[1])
    desk.approve_submission(unit, no, ids[0])
    desk.submit(unit, ids[2], title="学习党纪处分条例", kind="study", presenter_id=ids[2])
    return unit, ids


def log_id(desk: Desk, unit: int, kind: str = "submissions") -> tuple[int, str]:
    with desk.db.session() as session:
        row = session.query(UnitLog).filter_by(unit_id=unit, kind=kind).one()
        return row.id, row.uid


def test_entries_are_sealed_with_the_log_uid_and_chained(desk: Desk):
    unit, _ = three_submissions(desk)
    events = desk.unit_log_events(unit, "submissions")
    log, uid = log_id(desk, unit)
    assert [e.type for e in events] == ["submission_filed", "submission_approved",
                                        "submission_filed"]
    assert {e.meeting_uid for e in events} == {uid} and verify_chain(events) == []
    with desk.db.session() as session:
        assert eventlog.UNIT_LOGS.head(session, log) == (3, events[-1].hash)
        assert eventlog.UNIT_LOGS.count(session, log) == 3
    assert desk.unit_log_events(unit, "followup") == []


def test_an_entry_out_of_order_or_for_another_log_is_refused(desk: Desk):
    unit, _ = three_submissions(desk)
    log, uid = log_id(desk, unit)
    first = desk.unit_log_events(unit, "submissions")[0]
    cases = {
        "UNIT_EVENT_SEQ_TAKEN": seal(uid, 2, "submission_filed", AT.format(1), 2, {}, first.hash),
        "UNIT_EVENT_HEAD_MOVED": seal(uid, 5, "submission_filed", AT.format(1), 2, {}, "f" * 64),
        "UNIT_EVENT_WRONG_LOG": seal(str(uuid.uuid4()), 4, "submission_filed", AT.format(1), 2,
                                     {}, GENESIS_HASH),
    }
    for code, event in cases.items():
        with pytest.raises(StoreError) as caught, desk.db.session() as session:
            eventlog.UNIT_LOGS.append(session, log, event)
        assert caught.value.code == code
    assert len(desk.unit_log_events(unit, "submissions")) == 3


@pytest.mark.parametrize("statement", [
    "UPDATE unit_log_events SET payload = '{}' WHERE seq = 1",
    "DELETE FROM unit_log_events WHERE seq = 3",
    "DELETE FROM unit_log_events",
])
def test_the_database_refuses_update_and_delete(desk: Desk, statement: str):
    unit, _ = three_submissions(desk)
    before = desk.unit_log_events(unit, "submissions")
    with pytest.raises(exc.DatabaseError, match="append-only"), desk.db.session() as session:
        session.execute(text(statement))
    assert desk.unit_log_events(unit, "submissions") == before


def test_postgresql_refuses_truncate(pg_url: str):
    desk = Desk.open(pg_url)
    try:
        unit, _ = three_submissions(desk)
        with pytest.raises(exc.DatabaseError, match="append-only"), desk.db.session() as session:
            session.execute(text("TRUNCATE unit_log_events CASCADE"))
        assert len(desk.unit_log_events(unit, "submissions")) == 3
    finally:
        desk.close()


def test_check_names_a_tampered_entry_and_a_dropped_guard(desk: Desk):
    unit, _ = three_submissions(desk)
    assert check_database(desk.db) == []
    drop = "DROP TRIGGER unit_log_events_no_update" + ("" if desk.db.is_sqlite
                                                       else " ON unit_log_events")
    tamper(desk.db, drop, "UPDATE unit_log_events SET payload = replace(payload, "
           "'修缮村委会办公用房', '新建村委会办公楼') WHERE seq = 1")
    problems = check_database(desk.db)
    texts = [p.text("zh") for p in problems]
    assert any("unit_log_events_no_update" in t and "缺失" in t for t in texts), texts
    [edited] = [p for p in problems if p.seq is not None]
    assert edited.seq == 1 and edited.unit_log_id == log_id(desk, unit)[0]
    assert edited.text("zh").startswith("东陈乡党委议题申报记录 第 1 条记录：")
    assert "被改动" in edited.reason_zh


def test_check_replays_a_log_through_the_rules(desk: Desk):
    """An entry well sealed but against the rules (a member approving) is found by replay."""
    unit, ids = three_submissions(desk)
    log, uid = log_id(desk, unit)
    head = desk.unit_log_events(unit, "submissions")[-1]
    forged = seal(uid, 4, "submission_approved", head.at, ids[2], {"submission": 2},
                  head.hash)
    with desk.db.session() as session:
        eventlog.UNIT_LOGS.append(session, log, forged)
    [problem] = check_database(desk.db)
    assert problem.seq == 4 and "主要负责人" in problem.reason_zh


def test_the_witness_notices_a_lost_entry_and_pauses_the_log(tmp_path):
    db = tmp_path / "unit.sqlite3"
    desk = Desk.open(str(db))
    unit, ids = three_submissions(desk)
    desk.close()
    with sqlite3.connect(db) as conn:  # an older copy, or a damaged -wal: the last entry gone
        conn.execute("DROP TRIGGER unit_log_events_no_delete")
        conn.execute("DELETE FROM unit_log_events WHERE seq = 3")
    desk = Desk.open(str(db))
    try:
        [notice] = [n for n in desk.db.notices if n.code != "WAL_KEPT"]
        assert notice.code == "LOG_BEHIND_ACKNOWLEDGED"
        assert "东陈乡党委议题申报记录" in notice.message_zh and "只有 2 条" in notice.message_zh
        with pytest.raises(StoreError) as caught:  # nothing written over the evidence
            desk.submit(unit, ids[2], title="另一项申报", kind="study")
        assert caught.value.code == "UNIT_LOG_PAUSED" and "本条未写入" in caught.value.message_zh
        assert len(desk.unit_log_events(unit, "submissions")) == 2
        desk.assign_portfolio(unit, ids[1], "财务")  # the rest of the unit is not paused
    finally:
        desk.close()
    database = open_database(str(db))
    try:
        assert any("数据库落后于已确认保存的记录" in p.reason_zh
                   for p in check_database(database))
    finally:
        database.close()
