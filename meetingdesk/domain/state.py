"""What a meeting's state is made of: items, speeches, presence, tallies, signatures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .agenda import Classification, ItemSpec
from .errors import DomainError
from .outcome import BallotResult


@dataclass(frozen=True)
class Command:
    """An entry the rules have accepted, ready to be sealed into the log."""

    type: str
    member_id: int | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class CandidateStance:
    """A stance on one candidate of an appointment item (逐一表态)."""

    candidate: int
    stance: str
    reason: str = ""


@dataclass(frozen=True)
class Speech:
    """One thing said on an item, in the order it was said."""

    seq: int
    at: datetime
    kind: str  # report | opinion | remark | written | head_decision
    member_id: int | None
    speaker: str
    words: str
    stance: str | None = None
    reason: str = ""
    per_candidate: tuple[CandidateStance, ...] = ()
    amends: int | None = None  # the seq of the entry this one amends (R6a)

    def stances(self) -> dict[int | None, str]:
        """The stance per ballot: per candidate, or the item's as a whole (None)."""
        if self.per_candidate:
            return {c.candidate: c.stance for c in self.per_candidate}
        return {} if self.stance is None else {None: self.stance}


@dataclass(frozen=True)
class Tally:
    agree: int
    disagree: int
    abstain: int
    scrutineers: tuple[str, ...]
    counters: tuple[str, ...]


@dataclass(frozen=True)
class BallotCount:
    """A secret ballot's paper trail (R7): ballots issued, returned, valid and void."""

    issued: int
    returned: int
    valid: int
    void: int
    first_serial: int = 0  # the serial numbers printed on the ballots, when printed here


@dataclass(frozen=True)
class Reconsideration:
    """A request to vote again on a decided appointment (R7a) and the vote on it."""

    seq: int
    at: datetime
    reason: str
    agree: int
    disagree: int
    abstain: int
    base: int
    granted: bool
    earlier_results: tuple[tuple[int | None, BallotResult], ...]


@dataclass
class ItemState:
    spec: ItemSpec
    classification: Classification
    status: str = "pending"  # pending | open | decided | deferred | concluded
    opened_at: datetime | None = None
    finished_at: datetime | None = None
    recusals: dict[int, str] = field(default_factory=dict)
    reported: bool = False
    speeches: list[Speech] = field(default_factory=list)
    # member -> stance per ballot (a candidate, or None for the item as a whole)
    stances: dict[int, dict[int | None, str]] = field(default_factory=dict)  # in the meeting
    written: dict[int, dict[int | None, str]] = field(default_factory=dict)  # absent members'
    superseded: set[int] = field(default_factory=set)  # seqs of written opinions spoken over
    amended: dict[int, int] = field(default_factory=dict)  # seq amended -> seq of amendment
    round_closed_seq: int | None = None  # the last speaker's stance ends the round (R5)
    present_during: set[int] = field(default_factory=set)  # members in the room while open
    after_round: list[int] = field(default_factory=list)  # arrived after the round ended
    order: list[int] | None = None
    override_reason: str = ""
    votes: dict[int | None, dict[int, str]] = field(default_factory=dict)
    tallies: dict[int | None, Tally] = field(default_factory=dict)
    quorum_at_vote: Quorum | None = None  # the item's quorum when its vote began (R3)
    ballots_issued: dict[str, Any] | None = None  # paper secret ballot handed out (R7)
    ballot_count: BallotCount | None = None
    reconsiderations: list[Reconsideration] = field(default_factory=list)
    results: dict[int | None, BallotResult] = field(default_factory=dict)
    decision_text: str = ""
    deferral_reason: str = ""
    head_decision: str = ""
    head_reason: str = ""

    @property
    def finished(self) -> bool:
        return self.status in ("decided", "deferred", "concluded")

    @property
    def voting_started(self) -> bool:
        return (any(self.votes.values()) or bool(self.tallies)
                or self.ballots_issued is not None)

    @property
    def round_closed(self) -> bool:
        return self.round_closed_seq is not None


@dataclass(frozen=True)
class PresenceChange:
    seq: int
    member_id: int
    kind: str  # present | absent | arrived | left
    time: datetime
    reason: str = ""


@dataclass(frozen=True)
class Quorum:
    expected: int  # the base: expected members, less the recused where the rules say so
    present: int
    needed: int
    recused: int = 0

    @property
    def met(self) -> bool:
        return self.present >= self.needed


@dataclass(frozen=True)
class Step:
    """The one next thing to do, for the console to show."""

    code: str
    item_no: int | None = None
    pending: tuple[int, ...] = ()


@dataclass(frozen=True)
class Signature:
    seq: int
    at: datetime
    role: str
    name: str
    member_id: int | None
    strokes: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Correction:
    seq: int
    at: datetime
    author: str
    reason: str
    text: str
    refers_to_seq: int | None


def parse_time(value: Any) -> datetime:
    """An ISO 8601 time with its UTC offset; refuses a time without one."""
    if isinstance(value, datetime):
        when = value
    else:
        try:
            when = datetime.fromisoformat(str(value))
        except ValueError:
            raise DomainError("BAD_VALUE", field="时间", field_en="time", value=str(value)[:40]) from None
    if when.tzinfo is None:
        raise DomainError("TIME_NAIVE")
    return when
