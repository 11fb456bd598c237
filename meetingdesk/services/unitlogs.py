"""A unit's own logs, beside its meetings': submissions (R13) and follow-up (R14).

Like a meeting's, each action is checked by the rules (the log replayed into its Ledger), sealed
onto the chain and committed before it returns, then witnessed (`-acked`): what the user saw
saved survives a crash. Both logs are small (a unit files tens of items a year), so each action
replays its log rather than keeping it cached.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Callable, Hashable

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetingdesk.domain import Event, seal
from meetingdesk.domain.chain import GENESIS_HASH
from meetingdesk.domain.followup import FollowUp
from meetingdesk.domain.ledger import Ledger
from meetingdesk.domain.submissions import Submissions
from meetingdesk.store import eventlog
from meetingdesk.store import models as m

from .setup import SetupActions, to_member

if TYPE_CHECKING:
    from meetingdesk.store import Database

# What runs in the entry's own transaction once it is appended (e.g. the agenda item of a
# scheduled submission): (session, the sealed entry, the ledger before the entry).
Then = Callable[[Session, Event, Ledger], Any]


class UnitLogs:
    db: "Database"
    _checked_now: Callable[[Hashable, timedelta, datetime | None], datetime]
    _ticks: dict[Hashable, tuple[float, datetime]]
    monotonic: Callable[[], float] | None

    def unit_log_events(self, unit_id: int, kind: str) -> list[Event]:
        """The unit's submissions or follow-up log, exactly as sealed (empty if none yet)."""
        with self.db.session() as session:
            log = _log_row(session, unit_id, kind)
            return [] if log is None else eventlog.UNIT_LOGS.load(session, log.id)

    def _ledger(self, session: Session, unit_id: int, kind: str) -> Ledger:
        """The unit's log folded through its rules (replayed: a forged entry is refused)."""
        log = _log_row(session, unit_id, kind)
        return fold(session, unit_id, kind,
                    [] if log is None else eventlog.UNIT_LOGS.load(session, log.id))

    def _record_unit(self, unit_id: int, kind: str, type_: str, member_id: int | None,
                     payload: dict[str, Any], then: Then | None = None) -> Event:
        """Check an entry of a unit log against the rules and make it durable: the one write
        path of the unit logs, as Desk._record is of a meeting's."""
        with self.db.session(write=True) as session:
            log = _log_row(session, unit_id, kind)
            if log is None:
                log = m.UnitLog(uid=str(uuid.uuid4()), unit_id=unit_id, kind=kind)
                session.add(log)
                session.flush()
            self.db.refuse_if_unit_log_lagging(log.id)
            events = eventlog.UNIT_LOGS.load(session, log.id)
            ledger = fold(session, unit_id, kind, events)
            at = self._checked_now(("unit_log", log.id), timedelta(), ledger.last_at)
            cmd = ledger.propose(type_, member_id, payload, at)
            ev = seal(log.uid, ledger.seq + 1, cmd.type, at.isoformat(), cmd.member_id,
                      cmd.payload, events[-1].hash if events else GENESIS_HASH)
            eventlog.UNIT_LOGS.append(session, log.id, ev)
            if then is not None:
                then(session, ev, ledger)
        self.db.acknowledge(ev.meeting_uid, ev.seq, ev.hash)
        if self.monotonic is not None:
            self._ticks[("unit_log", log.id)] = (self.monotonic(), at)
        return ev


def fold(session: Session, unit_id: int, kind: str, events: list[Event]) -> Ledger:
    """A unit log's entries replayed through its rules (a forged entry is refused)."""
    ledger = empty_ledger(session, unit_id, kind)
    for ev in events:
        ledger.handle(ev)
    return ledger


def empty_ledger(session: Session, unit_id: int, kind: str) -> Ledger:
    """A unit log's fold before its first entry, with the unit's members, division of work and
    rule set as they are now."""
    members = {r.id: to_member(r) for r in session.scalars(
        select(m.Member).where(m.Member.unit_id == unit_id))}
    if kind == "followup":
        return FollowUp(members)
    division = {p.area: p.member_id for p in session.scalars(
        select(m.Portfolio).where(m.Portfolio.unit_id == unit_id))}
    return Submissions(members, division, SetupActions._rules(session, unit_id))


def _log_row(session: Session, unit_id: int, kind: str) -> m.UnitLog | None:
    return session.scalar(select(m.UnitLog).where(m.UnitLog.unit_id == unit_id,
                                                  m.UnitLog.kind == kind))
