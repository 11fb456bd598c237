"""The append-only event log, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc, text

from meetingdesk.domain.chain import GENESIS_HASH, Event, seal, verify_chain
from meetingdesk.store import Database, StoreError, eventlog, open_database
from meetingdesk.store.models import Meeting, MeetingType, Unit

AT = "2026-03-02T09:{:02d}:00+08:00"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def add_meeting(db: Database, number: int = 1) -> tuple[int, str]:
    """A meeting header (with its unit and type) to hang a log on: (id, uid)."""
    with db.session() as session:
        unit = session.query(Unit).filter_by(name="东陈乡").one_or_none()
        if unit is None:
            unit = Unit(name="东陈乡")
            unit.meeting_types.append(MeetingType(code="dwh", name="党委会", decision_mode="vote"))
            session.add(unit)
            session.flush()
        meeting = Meeting(uid=str(uuid.uuid4()), unit_id=unit.id,
                          type_id=unit.meeting_types[0].id, year=2026, number=number,
                          title=f"2026年第{number}次党委会", scheduled_at=AT.format(0),
                          place="乡政府三楼会议室", recorder_name="王记录")
        session.add(meeting)
        session.flush()
        return meeting.id, meeting.uid


def append_chain(db: Database, meeting_id: int, uid: str, n: int) -> list[Event]:
    """Append n sealed events, one transaction each, as the services layer does."""
    events = []
    for _ in range(n):
        with db.session() as session:
            seq, prev = eventlog.head(session, meeting_id)
            event = seal(uid, seq + 1, "opinion", AT.format(seq + 1), seq + 1,
                         {"text": f"同意。第{seq + 1}条", "stance": "同意"}, prev)
            eventlog.append(session, meeting_id, event)
        events.append(event)
    return events


def test_empty_log(db: Database) -> None:
    meeting_id, _ = add_meeting(db)
    with db.session() as session:
        assert eventlog.head(session, meeting_id) == (0, GENESIS_HASH)
        assert eventlog.count(session, meeting_id) == 0
        assert eventlog.load(session, meeting_id) == []


def test_round_trip_chinese_and_nested_payload(db: Database) -> None:
    meeting_id, uid = add_meeting(db)
    payload: dict[str, Any] = {
        "words": "我同意该方案，但建议资金分两期拨付。\n“引号”、emoji 🙂、\t制表符",
        "amount": "1234567.89",
        "votes": [{"member": 3, "choice": "同意"}, {"member": 5, "choice": None}],
        "nested": {"z": [1, 2.5, True, False, None, []], "a": {}},
        "big": 2**62,
    }
    first = seal(uid, 1, "item_opened", AT.format(1), None, {"item": 1}, GENESIS_HASH)
    second = seal(uid, 2, "opinion", AT.format(2), 7, payload, first.hash)
    with db.session() as session:
        eventlog.append(session, meeting_id, first)
        eventlog.append(session, meeting_id, second)
    with db.session() as session:
        assert eventlog.load(session, meeting_id) == [first, second]
        assert eventlog.load(session, meeting_id)[1].payload == payload
        assert eventlog.load(session, meeting_id, after_seq=1) == [second]
        assert eventlog.head(session, meeting_id) == (2, second.hash)
        assert eventlog.count(session, meeting_id) == 2
        assert verify_chain(eventlog.load(session, meeting_id)) == []


def test_logs_of_meetings_are_separate(db: Database) -> None:
    one, uid_one = add_meeting(db, 1)
    two, uid_two = add_meeting(db, 2)
    events_one = append_chain(db, one, uid_one, 3)
    events_two = append_chain(db, two, uid_two, 2)
    with db.session() as session:
        assert eventlog.load(session, one) == events_one
        assert eventlog.load(session, two) == events_two


def test_duplicate_seq_refused(db: Database) -> None:
    meeting_id, uid = add_meeting(db)
    first, _second = append_chain(db, meeting_id, uid, 2)
    fork = seal(uid, 2, "opinion", AT.format(9), 1, {"text": "另一个版本"}, first.hash)
    with pytest.raises(StoreError) as caught, db.session() as session:
        eventlog.append(session, meeting_id, fork)
    assert caught.value.code == "EVENT_SEQ_TAKEN"
    with db.session() as session:
        assert eventlog.count(session, meeting_id) == 2


def test_event_sealed_for_another_meeting_refused(db: Database) -> None:
    meeting_id, _ = add_meeting(db)
    stray = seal(str(uuid.uuid4()), 1, "opened", AT.format(1), None, {}, GENESIS_HASH)
    with pytest.raises(StoreError) as caught, db.session() as session:
        eventlog.append(session, meeting_id, stray)
    assert caught.value.code == "EVENT_WRONG_MEETING"
    with pytest.raises(StoreError) as caught, db.session() as session:
        eventlog.append(session, meeting_id + 1000, stray)
    assert caught.value.code == "EVENT_WRONG_MEETING"


@pytest.mark.parametrize("statement", [
    "UPDATE events SET payload = '{}' WHERE seq = 1",
    "UPDATE events SET seq = seq + 10",
    "DELETE FROM events WHERE seq = 1",
    "DELETE FROM events",
])
def test_database_refuses_update_and_delete(db: Database, statement: str) -> None:
    meeting_id, uid = add_meeting(db)
    events = append_chain(db, meeting_id, uid, 2)
    with pytest.raises(exc.DatabaseError, match="append-only"), db.session() as session:
        session.execute(text(statement))
    with db.session() as session:
        assert eventlog.load(session, meeting_id) == events


def test_postgresql_refuses_truncate(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        meeting_id, uid = add_meeting(db)
        append_chain(db, meeting_id, uid, 1)
        with pytest.raises(exc.DatabaseError, match="append-only"), db.session() as session:
            session.execute(text("TRUNCATE events"))
        with db.session() as session:
            assert eventlog.count(session, meeting_id) == 1
    finally:
        db.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def test_any_json_payload_comes_back_exactly(db: Database) -> None:
    meeting_id, uid = add_meeting(db)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(payload=st.dictionaries(st.text(max_size=8), json_values, max_size=5),
           member_id=st.none() | st.integers(min_value=1, max_value=2**31 - 1))
    def round_trip(payload: dict[str, Any], member_id: int | None) -> None:
        with db.session() as session:
            seq, prev = eventlog.head(session, meeting_id)
            event = seal(uid, seq + 1, "remark", AT.format(1), member_id, payload, prev)
            eventlog.append(session, meeting_id, event)
        with db.session() as session:
            assert eventlog.load(session, meeting_id, after_seq=seq) == [event]

    round_trip()
    with db.session() as session:
        assert verify_chain(eventlog.load(session, meeting_id)) == []


def test_racing_appends_never_fork_the_log(db: Database) -> None:
    """Two programs read the same head and both append: the second is refused."""
    meeting_id, uid = add_meeting(db)
    with pytest.raises(StoreError) as caught, db.session() as late:
        seq, prev = eventlog.head(late, meeting_id)
        with db.session() as early:  # another connection, committing first
            eventlog.append(early, meeting_id, seal(uid, seq + 1, "a", AT.format(1), 1, {}, prev))
        eventlog.append(late, meeting_id, seal(uid, seq + 1, "b", AT.format(2), 2, {}, prev))
    # SQLite refuses the stale writer outright; on PostgreSQL the append's link to the stored
    # head (or unique(meeting_id, seq)) refuses it.
    expected = ("DB_CHANGED_MEANWHILE",) if db.is_sqlite else ("EVENT_HEAD_MOVED", "EVENT_SEQ_TAKEN")
    assert caught.value.code in expected
    with db.session() as session:
        assert [e.type for e in eventlog.load(session, meeting_id)] == ["a"]


def test_append_must_follow_the_stored_head(db: Database) -> None:
    """An event that skips a seq, or links to a hash that is not the head's, is refused."""
    meeting_id, uid = add_meeting(db)
    with db.session() as session:
        first = seal(uid, 1, "a", AT.format(1), 1, {}, GENESIS_HASH)
        eventlog.append(session, meeting_id, first)
    for stale in (seal(uid, 3, "gap", AT.format(2), 1, {}, first.hash),
                  seal(uid, 2, "fork", AT.format(2), 1, {}, "f" * 64),
                  seal(uid, 1, "again", AT.format(2), 1, {}, GENESIS_HASH)):
        with pytest.raises(StoreError) as caught, db.session() as session:
            eventlog.append(session, meeting_id, stale)
        assert caught.value.code in ("EVENT_HEAD_MOVED", "EVENT_SEQ_TAKEN")
    with db.session() as session:
        assert [e.type for e in eventlog.load(session, meeting_id)] == ["a"]
