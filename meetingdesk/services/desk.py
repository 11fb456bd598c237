"""The application API: one method per user action, used alike by the GUI, the CLI and the tests.

Every action is one transaction; an action that records something in a meeting appends exactly
one event to its log and returns only after the commit (WAL, synchronous=FULL: on disk), so what
the GUI shows as recorded survives a crash.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Callable, Hashable

from sqlalchemy import Connection, select, update

from meetingdesk import __build_date__
from meetingdesk.domain import (DOUBTS, Command, DomainError, Event, Meeting, clock_doubt,
                                parse_time, seal)
from meetingdesk.domain.timekeeping import JUMP, start_question
from meetingdesk.store import Database, StoreError, open_database
from meetingdesk.store import eventlog
from meetingdesk.store import models as m
from meetingdesk.store.backup import backup_after_closing

from .ballots import BallotPapers
from .followup import FollowUpActions
from .submissions import SubmissionActions
from .unitlogs import UnitLogs
from .setup import SetupActions
from .preparation import PreparationActions
from .running import RunningActions


# A write refused because this window's view of the log was out of date.
STALE_VIEW = ("EVENT_HEAD_MOVED", "EVENT_SEQ_TAKEN", "DB_CHANGED_MEANWHILE")


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class _Cached:
    meeting: Meeting
    head_hash: str


class Desk(SetupActions, PreparationActions, RunningActions, BallotPapers, SubmissionActions,
           FollowUpActions, UnitLogs):
    """One open MeetingDesk database and everything a user can do with it."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = local_now) -> None:
        self.db = db
        self.clock = clock
        # With the system clock, a monotonic clock witnesses its jumps and the build date
        # bounds it from below; a clock given by a caller (tests) is taken as it is.
        real = clock is local_now
        self.monotonic: Callable[[], float] | None = time.monotonic if real else None
        self.earliest: date | None = date.fromisoformat(__build_date__) if real else None
        # a log (a meeting's id, a unit log's ("unit_log", id)) -> its last entry's clocks
        self._ticks: dict[Hashable, tuple[float, datetime]] = {}
        self._states: dict[int, _Cached] = {}

    @classmethod
    def open(cls, target: str | None = None, clock: Callable[[], datetime] = local_now) -> "Desk":
        """Open the database at `target` (None: the user's default SQLite file)."""
        return cls(open_database(target), clock)

    def close(self) -> None:
        self.db.close()

    def simulate_clock(self, clock: Callable[[], datetime]) -> None:
        """Stamp entries from a clock moved by hand (the demo): no witness, no lower bound."""
        self.clock, self.monotonic, self.earliest = clock, None, None

    # ---- the meeting log -------------------------------------------------------------------

    def meeting(self, meeting_id: int) -> Meeting:
        """The meeting's state, rebuilt from its log (kept in memory while the log is unchanged)."""
        with self.db.transaction() as connection:
            return self._state(connection, meeting_id).meeting

    def events(self, meeting_id: int) -> list[Event]:
        with self.db.transaction() as connection:
            return eventlog.load(connection, meeting_id)

    def _state(self, connection: Connection, meeting_id: int) -> _Cached:
        """The cached state if the stored log has not moved, else caught up or rebuilt."""
        seq, head_hash = eventlog.head(connection, meeting_id)
        cached = self._states.pop(meeting_id, None)
        if cached is not None and cached.meeting.seq < seq:
            missing = eventlog.load(connection, meeting_id, after_seq=cached.meeting.seq)
            if missing and missing[0].prev_hash == cached.head_hash:
                for ev in missing:  # another window appended: catch up
                    cached.meeting.handle(ev)
                cached.head_hash = missing[-1].hash
        if cached is None or (cached.meeting.seq, cached.head_hash) != (seq, head_hash):
            cached = _Cached(Meeting.replay(eventlog.load(connection, meeting_id)), head_hash)
        self._states[meeting_id] = cached
        return cached

    def _record(self, meeting_id: int, type_: str, member_id: int | None = None,
                **payload: Any) -> Event:
        """Check an action against the rules and make it durable: the one write path of a log.

        The cached state is trusted without reading the log's head first: the append itself
        refuses an event that does not follow the stored head (another window wrote meanwhile),
        and then the state is caught up and the action checked again against it."""
        try:
            return self._append(meeting_id, type_, member_id, payload)
        except StoreError as error:
            if error.code not in STALE_VIEW:
                raise
            self._states.pop(meeting_id, None)
            return self._append(meeting_id, type_, member_id, payload)

    def _append(self, meeting_id: int, type_: str, member_id: int | None,
                payload: dict[str, Any]) -> Event:
        self.db.refuse_if_lagging(meeting_id)  # before the rules: they would judge a short log
        with self.db.transaction(write=True) as connection:
            cached = self._states.get(meeting_id)
            proposal = None
            if cached is not None:
                try:
                    proposal = self._propose(meeting_id, cached.meeting, type_, member_id, payload)
                except DomainError:
                    pass  # refused on what this window last read: another may have written since
            if proposal is None:
                # Judge the action on the log as stored; the write lock is held, so the log
                # cannot move again before the append.
                cached = self._state(connection, meeting_id)
                proposal = self._propose(meeting_id, cached.meeting, type_, member_id, payload)
            state = cached.meeting
            if type_ == "meeting_started":  # not if cancelled meanwhile in another window
                self._refuse_cancelled(connection.execute(
                    select(m.Meeting.title, m.Meeting.cancelled_at, m.Meeting.cancel_reason)
                    .where(m.Meeting.id == meeting_id).with_for_update()).one(),
                    "开始", "start it")
            at, cmd = proposal
            ev = seal(state.uid or cmd.payload["uid"], state.seq + 1, cmd.type, at.isoformat(),
                      cmd.member_id, cmd.payload, cached.head_hash)
            eventlog.append(connection, meeting_id, ev)
            # Until the commit succeeds the folded state is provisional: drop it from the cache
            # so that a failed commit leaves nothing behind but the stored log.
            del self._states[meeting_id]
            before = state.status
            state.apply(cmd, at)
            if state.status != before:
                connection.execute(update(m.Meeting).where(m.Meeting.id == meeting_id)
                                   .values(status=state.status))
        self.db.acknowledge(ev.meeting_uid, ev.seq, ev.hash)
        self._states[meeting_id] = _Cached(state, ev.hash)
        if self.monotonic is not None:
            self._ticks[meeting_id] = (self.monotonic(), at)
        if type_ == "meeting_closed":
            backup_after_closing(self.db, meeting_id, ev.seq)
        return ev

    def _propose(self, meeting_id: int, state: Meeting, type_: str, member_id: int | None,
                 payload: dict[str, Any]) -> tuple[datetime, Command]:
        at = self._entry_time(meeting_id, state, type_, payload)
        return at, state.propose(type_, member_id, payload, at)

    def _entry_time(self, meeting_id: int, state: Meeting, type_: str,
                    payload: dict[str, Any]) -> datetime:
        """The system clock as the recorder last confirmed or corrected it for this meeting."""
        if type_ == "clock_set" or type_ == "meeting_started" and payload.get("time"):
            return parse_time(payload["time"])  # the time the recorder states
        return self._checked_now(meeting_id, state.clock_offset, state.last_at)

    def _checked_now(self, log: Hashable, offset: timedelta, last_at: datetime | None) -> datetime:
        """The time of a log's next entry: the system clock moved by `offset`. A reading in
        doubt (a jump against the monotonic clock, before the last entry, before the program
        was built) is refused, so that the user checks the time first."""
        at = self.clock() + offset
        tick = self._ticks.get(log) if self.monotonic is not None else None
        expected = None
        if tick is not None:
            expected = tick[1] + timedelta(seconds=self.monotonic() - tick[0])
        doubt = ("jump" if expected is not None and abs(at - expected) > JUMP
                 else clock_doubt(at, last_at, None, self.earliest))
        if doubt is not None:
            suggested = expected or last_at or at
            raise DomainError("CLOCK_DOUBT", why=DOUBTS[doubt][0], why_en=DOUBTS[doubt][1],
                              system=f"{at:%Y-%m-%d %H:%M}",
                              suggested=suggested.isoformat(timespec="seconds"), doubt=doubt)
        if last_at is not None and at < last_at:
            at = last_at  # within the tolerance: keep the log in order
        return at

    def start_question(self, meeting_id: int) -> DomainError | None:
        """What to confirm before starting the record now (START_OTHER_DAY), or None. A clock
        in doubt (days from the planned day, before the build) is not asked about here: the
        time check that follows the start (clock_question) asks for the time itself."""
        with self.db.session() as session:
            scheduled = parse_time(session.get(m.Meeting, meeting_id).scheduled_at)
        now = self.clock()
        if clock_doubt(now, None, scheduled, self.earliest) is not None:
            return None
        return start_question(now, scheduled)

    def clock_question(self, meeting_id: int) -> DomainError | None:
        """Whether to ask the recorder to check the time although nothing was refused: a
        meeting held far from its scheduled day (it may well be, so this only asks). The
        question (CLOCK_CHECK) carries what the clock dialog shows; None once the time has
        been confirmed or corrected for the meeting."""
        state = self.meeting(meeting_id)
        if state.clock_sets:
            return None
        with self.db.session() as session:
            scheduled = parse_time(session.get(m.Meeting, meeting_id).scheduled_at)
        now = self.clock() + state.clock_offset
        doubt = clock_doubt(now, state.last_at, scheduled, self.earliest)
        if doubt is None:
            return None
        return DomainError("CLOCK_CHECK", why=DOUBTS[doubt][0], why_en=DOUBTS[doubt][1],
                           system=f"{now:%Y-%m-%d %H:%M}", scheduled=f"{scheduled:%Y-%m-%d}",
                           suggested=now.isoformat(timespec="seconds"), doubt=doubt)
