"""The hash chain of a meeting's event log.

Each event is sealed with the SHA-256 of its canonical form, which includes the hash of the
event before it, so that editing, deleting or inserting any event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Iterable

GENESIS_HASH = "0" * 64


def canonical_json(obj: Any) -> str:
    """One stable text form of a JSON value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Event:
    """One sealed entry of a meeting's log, exactly as stored and as hashed."""

    meeting_uid: str
    seq: int
    type: str
    at: str  # ISO 8601 with a UTC offset
    member_id: int | None
    payload: dict[str, Any] = field(hash=False)
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "meeting_uid": self.meeting_uid,
            "seq": self.seq,
            "type": self.type,
            "at": self.at,
            "member_id": self.member_id,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(
            meeting_uid=d["meeting_uid"], seq=int(d["seq"]), type=d["type"], at=d["at"],
            member_id=d.get("member_id"), payload=d["payload"], prev_hash=d["prev_hash"],
            hash=d["hash"],
        )


def event_hash(meeting_uid: str, seq: int, type_: str, at: str, member_id: int | None,
               payload: dict[str, Any], prev_hash: str) -> str:
    body = canonical_json({
        "meeting_uid": meeting_uid, "seq": seq, "type": type_, "at": at,
        "member_id": member_id, "payload": payload, "prev_hash": prev_hash,
    })
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def seal(meeting_uid: str, seq: int, type_: str, at: str, member_id: int | None,
         payload: dict[str, Any], prev_hash: str) -> Event:
    """Make the event that follows `prev_hash` in the chain."""
    return Event(meeting_uid, seq, type_, at, member_id, payload, prev_hash,
                 event_hash(meeting_uid, seq, type_, at, member_id, payload, prev_hash))


@dataclass(frozen=True)
class ChainBreak:
    """Where a log stops being trustworthy, and why (Chinese first, English second)."""

    seq: int
    reason_zh: str
    reason_en: str


def verify_chain(events: Iterable[Event]) -> list[ChainBreak]:
    """Every break in a meeting's log, in order; an empty list means the chain holds."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    uid: str | None = None
    for ev in events:
        if uid is None:
            uid = ev.meeting_uid
        if ev.meeting_uid != uid:
            breaks.append(ChainBreak(ev.seq, "事件属于另一次会议", "event belongs to another meeting"))
        if ev.seq != expected_seq:
            breaks.append(ChainBreak(
                ev.seq, f"序号不连续：应为 {expected_seq}，实为 {ev.seq}（有事件被删除或插入）",
                f"sequence gap: expected {expected_seq}, found {ev.seq} (event deleted or inserted)"))
        if ev.prev_hash != expected_prev:
            breaks.append(ChainBreak(
                ev.seq, "前一事件的哈希不符（前面的事件被改动、删除或插入）",
                "previous-hash mismatch (an earlier event was edited, deleted or inserted)"))
        if event_hash(ev.meeting_uid, ev.seq, ev.type, ev.at, ev.member_id, ev.payload,
                      ev.prev_hash) != ev.hash:
            breaks.append(ChainBreak(ev.seq, "事件内容与其哈希不符（事件被改动）",
                                     "event content does not match its hash (event edited)"))
        expected_prev = ev.hash
        expected_seq = ev.seq + 1
    return breaks
