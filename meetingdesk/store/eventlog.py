"""Append-only event logs: a meeting's, and a unit's own (submissions R13, follow-up R14).

The services layer appends one event per user action, so this is the hot path: plain Core
statements built once, no ORM unit of work. Sealing events (hashes) is domain.chain's job; this
module stores them exactly and gives them back exactly. Both kinds of log are stored the same
way (a table of events keyed by their owner and seq, the owner's uid stored once on the owner's
row), by one `Log` per kind; `append`, `head`, `load` and `count` are the meetings'.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, exists, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from meetingdesk.domain.chain import GENESIS_HASH, Event, canonical_json
from meetingdesk.store.errors import StoreError
from meetingdesk.store.models import EventRecord, Meeting, UnitLog, UnitLogEvent

_COLUMNS = ("seq", "type", "at", "member_id", "payload", "prev_hash", "hash")


def _connection(session: Session | Connection) -> Connection:
    return session.connection() if isinstance(session, Session) else session


class Log:
    """The statements of one kind of log: `events` rows in `owners`, linked by `key`."""

    def __init__(self, events: Table, key: str, owners: Table, codes: dict[str, str]) -> None:
        self.key = key
        self.codes = codes  # seq_taken, head_moved, wrong_owner -> StoreError codes
        owner = events.c[key]
        prev = events.alias("prev")
        params = {name: bindparam(name, type_=events.c[name].type) for name in _COLUMNS}
        # INSERT ... SELECT FROM the owners: the row is written only if the owner exists and
        # its uid is the one the event was sealed with (the uid is part of every hash but is
        # stored once, on the owner's row), and only if the event links to the log's head as
        # it is in the database: seq 1 to an empty log, else to the event before it with that
        # hash. So an append made from a stale view of the log is refused in the same
        # statement, and the chain can never get a gap.
        self.append_stmt = insert(events).from_select(
            [key, *_COLUMNS],
            select(owners.c.id, *params.values())
            .where(owners.c.id == bindparam("owner"), owners.c.uid == bindparam("uid"),
                   or_(and_(params["seq"] == 1, ~exists().where(prev.c[key] == bindparam("owner"))),
                       exists().where(prev.c[key] == bindparam("owner"),
                                      prev.c.seq == params["seq"] - 1,
                                      prev.c.hash == params["prev_hash"]))),
        ).execution_options(preserve_rowcount=True)  # else kept for UPDATE/DELETE only
        self.uid_stmt = select(owners.c.uid).where(owners.c.id == bindparam("owner"))
        self.head_stmt = (select(events.c.seq, events.c.hash)
                          .where(owner == bindparam("owner"))
                          .order_by(events.c.seq.desc()).limit(1))
        self.load_stmt = (select(owners.c.uid, *(events.c[name] for name in _COLUMNS))
                          .join_from(events, owners, owner == owners.c.id)
                          .where(owner == bindparam("owner"), events.c.seq > bindparam("after_seq"))
                          .order_by(events.c.seq))
        self.count_stmt = (select(func.count()).select_from(events)
                           .where(owner == bindparam("owner")))

    def append(self, session: Session | Connection, owner_id: int, event: Event) -> None:
        """Add `event` to the owner's log, in the session's transaction.

        Raises StoreError (seq_taken) if the log already has an event with that seq (a fork:
        someone else appended first), (head_moved) if the event does not follow the log's
        stored head, (wrong_owner) if the owner does not exist or has another uid. Either way
        the transaction must be rolled back (leave the session block).
        """
        params: dict[str, Any] = {
            "owner": owner_id, "uid": event.meeting_uid, "seq": event.seq,
            "type": event.type, "at": event.at, "member_id": event.member_id,
            "payload": canonical_json(event.payload), "prev_hash": event.prev_hash,
            "hash": event.hash,
        }
        where = {self.key: owner_id}
        try:
            inserted = _connection(session).execute(self.append_stmt, params).rowcount
        except IntegrityError as error:
            if "unique" in str(error.orig).lower():
                raise StoreError(self.codes["seq_taken"], **where, seq=event.seq) from error
            raise
        if inserted != 1:
            uid = _connection(session).execute(self.uid_stmt, {"owner": owner_id}).scalar()
            if uid == event.meeting_uid:
                raise StoreError(self.codes["head_moved"], **where, seq=event.seq)
            raise StoreError(self.codes["wrong_owner"], **where)

    def head(self, session: Session | Connection, owner_id: int) -> tuple[int, str]:
        """(seq, hash) of the log's last event; (0, GENESIS_HASH) when the log is empty."""
        row = _connection(session).execute(self.head_stmt, {"owner": owner_id}).first()
        return (row.seq, row.hash) if row else (0, GENESIS_HASH)

    def load(self, session: Session | Connection, owner_id: int, after_seq: int = 0) -> list[Event]:
        """The log's events with seq > after_seq, in order, exactly as they were sealed."""
        rows = _connection(session).execute(self.load_stmt,
                                            {"owner": owner_id, "after_seq": after_seq})
        return [Event(meeting_uid=row.uid, seq=row.seq, type=row.type, at=row.at,
                      member_id=row.member_id, payload=json.loads(row.payload),
                      prev_hash=row.prev_hash, hash=row.hash)
                for row in rows]

    def count(self, session: Session | Connection, owner_id: int) -> int:
        return _connection(session).execute(self.count_stmt, {"owner": owner_id}).scalar_one()


MEETINGS = Log(EventRecord.__table__, "meeting_id", Meeting.__table__,
               {"seq_taken": "EVENT_SEQ_TAKEN", "head_moved": "EVENT_HEAD_MOVED",
                "wrong_owner": "EVENT_WRONG_MEETING"})
UNIT_LOGS = Log(UnitLogEvent.__table__, "log_id", UnitLog.__table__,
                {"seq_taken": "UNIT_EVENT_SEQ_TAKEN", "head_moved": "UNIT_EVENT_HEAD_MOVED",
                 "wrong_owner": "UNIT_EVENT_WRONG_LOG"})

append = MEETINGS.append
head = MEETINGS.head
load = MEETINGS.load
count = MEETINGS.count
