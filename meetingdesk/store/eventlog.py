"""A meeting's append-only event log.

The services layer appends one event per user action, so this is the hot path: plain Core
statements built once, no ORM unit of work. Sealing events (hashes) is domain.chain's job; this
module stores them exactly and gives them back exactly.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, and_, bindparam, exists, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from meetingdesk.domain.chain import GENESIS_HASH, Event, canonical_json
from meetingdesk.store.errors import StoreError
from meetingdesk.store.models import EventRecord, Meeting

_events = EventRecord.__table__
_meetings = Meeting.__table__
_COLUMNS = ("seq", "type", "at", "member_id", "payload", "prev_hash", "hash")

_prev = _events.alias("prev")
_params = {name: bindparam(name, type_=_events.c[name].type) for name in _COLUMNS}
# INSERT ... SELECT FROM meetings: the row is written only if the meeting exists and its uid is
# the one the event was sealed with (the uid is part of every hash but is stored once, in
# meetings.uid), and only if the event links to the log's head as it is in the database: seq 1
# to an empty log, else to the event before it with that hash. So an append made from a stale
# view of the log is refused in the same statement, and the chain can never get a gap.
_APPEND = insert(_events).from_select(
    ["meeting_id", *_COLUMNS],
    select(_meetings.c.id, *_params.values())
    .where(_meetings.c.id == bindparam("meeting_id"),
           _meetings.c.uid == bindparam("meeting_uid"),
           or_(and_(_params["seq"] == 1,
                    ~exists().where(_prev.c.meeting_id == bindparam("meeting_id"))),
               exists().where(_prev.c.meeting_id == bindparam("meeting_id"),
                              _prev.c.seq == _params["seq"] - 1,
                              _prev.c.hash == _params["prev_hash"]))),
).execution_options(preserve_rowcount=True)  # rowcount is otherwise kept for UPDATE/DELETE only
_MEETING_UID = select(_meetings.c.uid).where(_meetings.c.id == bindparam("meeting_id"))
_HEAD = (select(_events.c.seq, _events.c.hash)
         .where(_events.c.meeting_id == bindparam("meeting_id"))
         .order_by(_events.c.seq.desc()).limit(1))
_LOAD = (select(_meetings.c.uid, *(_events.c[name] for name in _COLUMNS))
         .join_from(_events, _meetings, _events.c.meeting_id == _meetings.c.id)
         .where(_events.c.meeting_id == bindparam("meeting_id"),
                _events.c.seq > bindparam("after_seq"))
         .order_by(_events.c.seq))
_COUNT = (select(func.count()).select_from(_events)
          .where(_events.c.meeting_id == bindparam("meeting_id")))


def _connection(session: Session | Connection) -> Connection:
    return session.connection() if isinstance(session, Session) else session


def append(session: Session | Connection, meeting_id: int, event: Event) -> None:
    """Add `event` to the meeting's log, in the session's transaction.

    Raises StoreError EVENT_SEQ_TAKEN if the log already has an event with that seq (a fork:
    someone else appended first), EVENT_HEAD_MOVED if the event does not follow the log's
    stored head, EVENT_WRONG_MEETING if the meeting does not exist or has another uid. Either
    way the transaction must be rolled back (leave the session block).
    """
    params = {
        "meeting_id": meeting_id, "meeting_uid": event.meeting_uid, "seq": event.seq,
        "type": event.type, "at": event.at, "member_id": event.member_id,
        "payload": canonical_json(event.payload), "prev_hash": event.prev_hash,
        "hash": event.hash,
    }
    try:
        inserted = _connection(session).execute(_APPEND, params).rowcount
    except IntegrityError as error:
        if "unique" in str(error.orig).lower():
            raise StoreError("EVENT_SEQ_TAKEN", meeting_id=meeting_id, seq=event.seq) from error
        raise
    if inserted != 1:
        uid = _connection(session).execute(_MEETING_UID, {"meeting_id": meeting_id}).scalar()
        if uid == event.meeting_uid:
            raise StoreError("EVENT_HEAD_MOVED", meeting_id=meeting_id, seq=event.seq)
        raise StoreError("EVENT_WRONG_MEETING", meeting_id=meeting_id)


def head(session: Session | Connection, meeting_id: int) -> tuple[int, str]:
    """(seq, hash) of the meeting's last event; (0, GENESIS_HASH) when the log is empty."""
    row = _connection(session).execute(_HEAD, {"meeting_id": meeting_id}).first()
    return (row.seq, row.hash) if row else (0, GENESIS_HASH)


def load(session: Session | Connection, meeting_id: int, after_seq: int = 0) -> list[Event]:
    """The meeting's events with seq > after_seq, in order, exactly as they were sealed."""
    rows = _connection(session).execute(_LOAD, {"meeting_id": meeting_id, "after_seq": after_seq})
    return [Event(meeting_uid=row.uid, seq=row.seq, type=row.type, at=row.at,
                  member_id=row.member_id, payload=json.loads(row.payload),
                  prev_hash=row.prev_hash, hash=row.hash)
            for row in rows]


def count(session: Session | Connection, meeting_id: int) -> int:
    return _connection(session).execute(_COUNT, {"meeting_id": meeting_id}).scalar_one()
