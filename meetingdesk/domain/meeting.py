"""A meeting as a fold over its event log, and the rules that decide what may be logged next.

`Meeting.propose` checks an entry against the rules (R3-R12) and returns it normalised, or raises
DomainError; `Meeting.apply` folds an accepted entry into the state. Replaying a stored log runs
both for every event, so a log that breaks a rule (written by hand, imported, forged) cannot be
rebuilt either: no path around the rules exists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable

from .agenda import Classification, ItemSpec, check_item
from .chain import Event
from .errors import DomainError
from .events import AFTER_CLOSE, EVENT_TYPES
from .outcome import BallotResult, Division, against_majority, ballot_result, division
from .roster import Member, check_team, speaking_order
from .rules import RuleSet
from .text import clean_text
from .words import (HEAD_DECISIONS, HEAD_DECISIONS_CARRY_OVER, KINDS, PER_MEMBER_VOTE_MODES,
                    SIGNER_ROLES, STANCES, STANCES_NEEDING_REASON, VOTE_CHOICES, VOTE_MODES,
                    en, zh)

MAX_STROKES = 400
MAX_POINTS = 20000


@dataclass(frozen=True)
class Command:
    """An entry the rules have accepted, ready to be sealed into the log."""

    type: str
    member_id: int | None
    payload: dict[str, Any]


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


@dataclass(frozen=True)
class Tally:
    agree: int
    disagree: int
    abstain: int
    scrutineers: tuple[str, ...]
    counters: tuple[str, ...]


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
    stances: dict[int, str] = field(default_factory=dict)  # opinions in the meeting
    written: dict[int, str] = field(default_factory=dict)  # absent members' written stances
    order: list[int] | None = None
    override_reason: str = ""
    votes: dict[int | None, dict[int, str]] = field(default_factory=dict)
    tallies: dict[int | None, Tally] = field(default_factory=dict)
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
        return any(self.votes.values()) or bool(self.tallies)


@dataclass(frozen=True)
class PresenceChange:
    seq: int
    member_id: int
    kind: str  # present | absent | arrived | left
    time: datetime
    reason: str = ""


@dataclass(frozen=True)
class Quorum:
    expected: int
    present: int
    needed: int

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


class Meeting:
    """The state of one meeting, rebuilt from its log."""

    def __init__(self) -> None:
        self.seq = 0
        self.last_at: datetime | None = None
        self.phase = "new"  # new | roll_call | in_session | closed
        self.filed = False
        self.uid = ""
        self.header: dict[str, Any] = {}
        self.decision_mode = "vote"
        self.rules: RuleSet | None = None
        self.members: dict[int, Member] = {}
        self.chief_id: int | None = None
        self.chair_id: int | None = None
        self.deputy_chair_id: int | None = None
        self.expected: list[int] = []
        self.observers: list[dict[str, str]] = []
        self.attendance: dict[int, str] = {}  # present | absent | left
        self.absence_reasons: dict[int, str] = {}
        self.presence_log: list[PresenceChange] = []
        self.items: dict[int, ItemState] = {}
        self.open_item: int | None = None
        self.remarks: list[Speech] = []  # remarks outside any item
        self.signatures: list[Signature] = []
        self.voided_signatures: list[Signature] = []
        self.corrections: list[Correction] = []
        self.started_at: datetime | None = None
        self.opened_at: datetime | None = None
        self.closed_at: datetime | None = None

    # ---- replay -------------------------------------------------------------------------

    @classmethod
    def replay(cls, events: Iterable[Event]) -> "Meeting":
        """Rebuild the state from a log, checking every entry against the rules again."""
        meeting = cls()
        for ev in events:
            meeting.handle(ev)
        return meeting

    def handle(self, ev: Event) -> None:
        if ev.seq != self.seq + 1:
            raise DomainError("BAD_VALUE", field="序号", field_en="sequence", value=ev.seq)
        at = parse_time(ev.at)
        cmd = self.propose(ev.type, ev.member_id, ev.payload, at)
        self.apply(cmd, at)

    # ---- the two halves: check, then fold ----------------------------------------------------

    def propose(self, type_: str, member_id: int | None, payload: dict[str, Any],
                at: datetime) -> Command:
        """Check an entry against the rules; return it normalised, or raise DomainError."""
        if type_ not in EVENT_TYPES:
            raise DomainError("UNKNOWN_EVENT", type=str(type_)[:40])
        if not isinstance(payload, dict):
            raise DomainError("BAD_VALUE", field="内容", field_en="payload", value=type(payload).__name__)
        if at.tzinfo is None:
            raise DomainError("TIME_NAIVE")
        if self.last_at is not None and at < self.last_at:
            raise DomainError("TIME_ORDER", previous=self.last_at.isoformat(timespec="seconds"))
        if type_ != "meeting_started" and self.phase == "new":
            raise DomainError("NOT_STARTED")
        if self.phase == "closed" and type_ not in AFTER_CLOSE:
            raise DomainError("RECORD_CLOSED")
        checker: Callable[[int | None, dict[str, Any], datetime], tuple[int | None, dict[str, Any]]]
        checker = getattr(self, f"_check_{type_}")
        member, normalised = checker(member_id, payload, at)
        return Command(type_, member, normalised)

    def apply(self, cmd: Command, at: datetime) -> None:
        """Fold an accepted entry into the state."""
        self.seq += 1
        self.last_at = at
        getattr(self, f"_apply_{cmd.type}")(cmd.member_id, cmd.payload, at)

    # ---- questions the console asks ---------------------------------------------------------

    def name(self, member_id: int | None) -> str:
        member = self.members.get(member_id) if member_id is not None else None
        return member.name if member else "—"

    def present(self) -> list[int]:
        return [m for m in self.expected if self.attendance.get(m) == "present"]

    def quorum(self) -> Quorum:
        """R3: to open, more than the quorum share of the expected members present."""
        rules = self._rules()
        expected = len(self.expected)
        return Quorum(expected, len(self.present()),
                      math.floor(expected * rules.quorum_fraction) + 1)

    def personnel_quorum(self) -> Quorum:
        """R3: at a personnel vote, at least the personnel share of the expected present."""
        rules = self._rules()
        expected = len(self.expected)
        return Quorum(expected, len(self.present()),
                      math.ceil(expected * rules.personnel_quorum_fraction))

    def vote_quorum(self, item_no: int) -> Quorum:
        """R3: the quorum a vote on the item needs now (the personnel share for personnel items)."""
        personnel = self.items[item_no].spec.category in self._rules().personnel_categories
        return self.personnel_quorum() if personnel else self.quorum()

    def item(self, item_no: Any) -> ItemState:
        if isinstance(item_no, bool) or not isinstance(item_no, int) or item_no not in self.items:
            raise DomainError("UNKNOWN_ITEM", item_no=str(item_no)[:20])
        return self.items[item_no]

    def eligible(self, item_no: int) -> list[int]:
        """Members who speak and vote on the item now: present and not recused."""
        recused = self.items[item_no].recusals
        return [m for m in self.present() if m not in recused]

    def last_speaker(self, item_no: int) -> int | None:
        """R5: the chief speaks last; if absent or recused, whoever chairs in their place."""
        eligible = self.eligible(item_no)
        for candidate in (self.chief_id, self.chair_id, self.deputy_chair_id):
            if candidate is not None and candidate in eligible:
                return candidate
        return None

    def speaking_queue(self, item_no: int) -> list[int]:
        """The other eligible members in the order they are asked to speak (R5)."""
        item = self.items[item_no]
        last = self.last_speaker(item_no)
        others = [m for m in self.eligible(item_no) if m != last]
        if item.order is not None:
            first = [m for m in item.order if m in others]
            return first + [m for m in self._default_order(others) if m not in first]
        return self._default_order(others)

    def pending_before_last(self, item_no: int) -> list[int]:
        """Who must still state a position before the last speaker may."""
        stances = self.items[item_no].stances
        return [m for m in self.speaking_queue(item_no) if m not in stances]

    def pending_opinions(self, item_no: int) -> list[int]:
        """Everybody who must still speak, the last speaker included (in head mode, excluded:
        the head's word is the decision). Once voting has begun the round of opinions is over:
        a member arriving then votes without speaking."""
        if self.items[item_no].voting_started:
            return []
        pending = self.pending_before_last(item_no)
        last = self.last_speaker(item_no)
        if (last is not None and self.decision_mode == "vote"
                and last not in self.items[item_no].stances):
            pending.append(last)
        return pending

    def division(self, item_no: int) -> Division:
        item = self.items[item_no]
        stances = list(item.stances.values())
        if self._rules().written_opinions_in_division:
            stances += list(item.written.values())
        return division(stances, self._rules())

    def pending_votes(self, item_no: int) -> dict[int | None, list[int]]:
        """Per ballot, who has still to vote (per-member modes) or [] once tallied."""
        item = self.items[item_no]
        out: dict[int | None, list[int]] = {}
        for ballot in item.spec.ballots():
            if item.spec.vote_mode == "secret":
                if ballot not in item.tallies:
                    out[ballot] = list(self.eligible(item_no))
            else:
                cast = item.votes.get(ballot, {})
                missing = [m for m in self.eligible(item_no) if m not in cast]
                if missing:
                    out[ballot] = missing
        return out

    def next_step(self) -> Step:
        """What the console offers next; the GUI shows this and nothing it invents."""
        if self.phase == "new":
            return Step("start")
        if self.phase == "closed":
            return Step("filed" if self.filed else "sign")
        if self.phase == "roll_call":
            unmarked = tuple(m for m in self.expected if m not in self.attendance)
            return Step("roll_call", pending=unmarked) if unmarked else Step("open_session")
        if self.open_item is None:
            waiting = [n for n, it in self.items.items() if not it.finished]
            return Step("open_item", waiting[0]) if waiting else Step("close")
        n = self.open_item
        item = self.items[n]
        if not item.reported:
            return Step("report", n)
        if not item.spec.is_decision:
            return Step("conclude", n)
        pending = self.pending_opinions(n)
        if pending:
            return Step("opinions", n, tuple(pending))
        if self.decision_mode == "head":
            return Step("head_decision", n, tuple(filter(None, [self.last_speaker(n)])))
        if self.division(n).sharp and not item.override_reason and not item.voting_started:
            return Step("division", n)
        if not self.vote_quorum(n).met:
            return Step("quorum", n)  # wait for members to come back, or defer
        votes = self.pending_votes(n)
        if votes:
            return Step("vote", n, tuple(sorted({m for ms in votes.values() for m in ms})))
        return Step("decide", n)

    def outcome(self, item_no: int, ballot: int | None) -> BallotResult:
        """R8 for one ballot of an item, from the votes or the tally."""
        item = self.items[item_no]
        if item.spec.vote_mode == "secret":
            tally = item.tallies[ballot]
            counts = (tally.agree, tally.disagree, tally.abstain)
        else:
            choices = list(item.votes.get(ballot, {}).values())
            counts = (choices.count("agree"), choices.count("disagree"), choices.count("abstain"))
        recused = sum(1 for m in item.recusals if m in self.expected)
        return ballot_result(*counts, expected=len(self.expected), recused=recused,
                             rules=self._rules())

    @property
    def status(self) -> str:
        """The listing status: preparing (no log), in_progress, closed, filed."""
        return {"new": "preparing", "roll_call": "in_progress", "in_session": "in_progress",
                "closed": "filed" if self.filed else "closed"}[self.phase]

    # ---- checks ---------------------------------------------------------------------------

    def _rules(self) -> RuleSet:
        if self.rules is None:
            raise DomainError("NOT_STARTED")
        return self.rules

    def _text(self, value: Any, what: str, what_en: str, required: bool = True,
              empty_code: str = "TEXT_REQUIRED") -> str:
        return clean_text(value, what, what_en, self._rules().max_text_length, required,
                          empty_code)

    def _reason(self, value: Any, what: str, what_en: str) -> str:
        return self._text(value, what, what_en, empty_code="REASON_REQUIRED")

    def _member(self, member_id: Any) -> Member:
        if isinstance(member_id, bool) or not isinstance(member_id, int) or member_id not in self.members:
            raise DomainError("UNKNOWN_MEMBER", member_id=str(member_id)[:20])
        return self.members[member_id]

    def _expected_member(self, member_id: Any) -> Member:
        member = self._member(member_id)
        if member.id not in self.expected:
            raise DomainError("NOT_EXPECTED", name=member.name)
        return member

    def _in_session(self) -> None:
        if self.phase != "in_session":
            raise DomainError("SESSION_NOT_OPEN")

    def _meeting_running(self) -> None:
        """Presence changes and remarks: from the roll call until the meeting closes."""
        if self.phase not in ("roll_call", "in_session"):
            raise DomainError("SESSION_NOT_OPEN")

    def _open_item(self, payload: dict[str, Any]) -> ItemState:
        self._in_session()
        item = self.item(payload.get("item_no"))
        if item.status != "open":
            raise DomainError("ITEM_NOT_OPEN", item_no=item.spec.no)
        return item

    def _decision_item(self, payload: dict[str, Any]) -> ItemState:
        item = self._open_item(payload)
        if not item.spec.is_decision:
            raise DomainError("NOT_DECISION_ITEM", item_no=item.spec.no,
                              kind=zh(KINDS, item.spec.kind), kind_en=en(KINDS, item.spec.kind))
        return item

    def _speaker(self, item: ItemState, member_id: Any) -> Member:
        """A member who may speak or vote on the item now (present, not recused)."""
        member = self._expected_member(member_id)
        if member.id in item.recusals:
            raise DomainError("MEMBER_RECUSED", name=member.name)
        if self.attendance.get(member.id) != "present":
            raise DomainError("NOT_PRESENT", name=member.name)
        return member

    def _time(self, value: Any, at: datetime) -> datetime:
        """A time the recorder gives for a late arrival or early leave: not in the future."""
        if value in (None, ""):
            return at
        when = parse_time(value)
        if when > at:
            raise DomainError("BAD_VALUE", field="时间", field_en="time", value=str(value)[:40])
        if self.started_at is not None and when < self.started_at:
            raise DomainError("TIME_ORDER", previous=self.started_at.isoformat(timespec="minutes"))
        return when

    def _ready_to_vote(self, item: ItemState) -> None:
        """Before any vote: every opinion heard (R5), division dealt with (R9), quorum (R3)."""
        n = item.spec.no
        if self.decision_mode == "head":
            raise DomainError("HEAD_MODE")
        if not item.reported:
            raise DomainError("REPORT_FIRST")
        pending = self.pending_opinions(n)
        if pending:
            raise DomainError("OPINIONS_PENDING", pending=len(pending),
                              names="、".join(self.name(m) for m in pending))
        div = self.division(n)
        if div.sharp and not item.override_reason and not item.voting_started:
            raise DomainError("DIVISION_UNRESOLVED", detail=div.detail_zh, detail_en=div.detail_en)
        quorum = self.vote_quorum(n)
        if not quorum.met:
            raise DomainError("QUORUM_NOT_MET", expected=quorum.expected, present=quorum.present,
                              needed=quorum.needed, action="表决本议题", action_en="vote on it")

    def _ballot(self, item: ItemState, value: Any) -> int | None:
        ballots = item.spec.ballots()
        if value not in ballots or isinstance(value, bool):
            raise DomainError("UNKNOWN_CANDIDATE", candidate=str(value)[:20])
        return value

    def _check_meeting_started(self, member_id: int | None, p: dict[str, Any],
                               at: datetime) -> tuple[int | None, dict[str, Any]]:
        if self.phase != "new":
            raise DomainError("ALREADY_STARTED")
        rules = RuleSet.from_dict(p.get("rule_set") or {})
        members = [Member.from_dict(m) for m in p.get("members") or []]
        by_id = {m.id: m for m in members}
        if len(by_id) != len(members):
            raise DomainError("BAD_VALUE", field="成员", field_en="members", value="重复 / duplicate")
        check_team(members)
        meeting_type = p.get("meeting_type") or {}
        mode = meeting_type.get("decision_mode")
        if mode not in ("vote", "head"):
            raise DomainError("BAD_VALUE", field="决策方式", field_en="decision mode", value=mode)
        expected = p.get("expected") or []
        if not expected or len(set(expected)) != len(expected):
            raise DomainError("BAD_VALUE", field="应到会成员", field_en="expected members",
                              value=len(expected))
        for m in expected:
            if m not in by_id:
                raise DomainError("UNKNOWN_MEMBER", member_id=m)
        for key in ("chair_id", "deputy_chair_id"):
            if p.get(key) is not None and p[key] not in by_id:
                raise DomainError("UNKNOWN_MEMBER", member_id=p[key])
        items = [ItemSpec.from_dict(d) for d in p.get("agenda") or []]
        if [i.no for i in items] != list(range(1, len(items) + 1)):
            raise DomainError("BAD_VALUE", field="议题序号", field_en="item numbers",
                              value="1, 2, 3 …")
        for item in items:
            check_item(item, by_id, rules, mode)
        unit = p.get("unit") or {}
        year, number = p.get("year"), p.get("number")
        for key, value in (("year", year), ("number", number)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise DomainError("BAD_VALUE", field="年度/编号", field_en=key, value=value)
        normalised = {
            "uid": clean_text(p.get("uid"), "会议标识", "meeting id", 64),
            "unit": {"id": unit.get("id"),
                     "name": clean_text(unit.get("name"), "单位名称", "unit name", 100)},
            "meeting_type": {
                "code": clean_text(meeting_type.get("code"), "会议类型代码", "type code", 50),
                "name": clean_text(meeting_type.get("name"), "会议类型", "meeting type", 50),
                "decision_mode": mode},
            "year": year, "number": number,
            "title": clean_text(p.get("title"), "会议名称", "meeting title", 200),
            "scheduled_at": parse_time(p.get("scheduled_at")).isoformat(),
            "place": clean_text(p.get("place", ""), "地点", "place", 200, required=False),
            "chair_id": p.get("chair_id"), "deputy_chair_id": p.get("deputy_chair_id"),
            "recorder": clean_text(p.get("recorder"), "记录人", "recorder", 50),
            "members": [m.to_dict() for m in members],
            "expected": list(expected),
            "observers": [{"name": clean_text(o.get("name"), "列席人员姓名", "observer name", 50),
                           "position": clean_text(o.get("position", ""), "列席人员职务",
                                                  "observer position", 100, required=False)}
                          for o in p.get("observers") or []],
            "rule_set": rules.to_dict(),
            "agenda": [i.to_dict() for i in items],
        }
        return None, normalised

    def _check_attendance(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "roll_call":
            raise DomainError("SESSION_ALREADY_OPEN")
        member = self._expected_member(member_id)
        if member.id in self.attendance:
            raise DomainError("ALREADY_MARKED", name=member.name)
        status = p.get("status")
        if status not in ("present", "absent"):
            raise DomainError("BAD_VALUE", field="出席情况", field_en="attendance", value=status)
        reason = (self._reason(p.get("reason"), "缺席原因", "the reason for absence")
                  if status == "absent" else "")
        return member.id, {"status": status, "reason": reason}

    def _check_written_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        item = self.item(p.get("item_no"))
        member = self._expected_member(member_id)
        if item.finished:
            raise DomainError("ITEM_FINISHED", item_no=item.spec.no)
        if not item.spec.is_decision:
            raise DomainError("NOT_DECISION_ITEM", item_no=item.spec.no,
                              kind=zh(KINDS, item.spec.kind), kind_en=en(KINDS, item.spec.kind))
        if self.attendance.get(member.id) == "present":
            raise DomainError("ALREADY_PRESENT", name=member.name)
        if member.id in item.written or member.id in item.stances:
            raise DomainError("ALREADY_SPOKEN", name=member.name)
        if member.id in item.recusals:
            raise DomainError("MEMBER_RECUSED", name=member.name)
        stance, words, reason = self._stance(p)
        return member.id, {"item_no": item.spec.no, "stance": stance, "words": words,
                           "reason": reason}

    def _stance(self, p: dict[str, Any]) -> tuple[str, str, str]:
        stance = p.get("stance")
        if stance not in STANCES:
            raise DomainError("BAD_STANCE", value=str(stance)[:20])
        words = self._text(p.get("words"), "发言内容", "the words")
        reason = ""
        if stance in STANCES_NEEDING_REASON:
            reason = self._reason(p.get("reason"), f"“{zh(STANCES, stance)}”的依据和理由",
                                  f"the grounds for '{en(STANCES, stance)}'")
        return stance, words, reason

    def _check_arrived(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        member = self._expected_member(member_id)
        if self.attendance.get(member.id) == "present":
            raise DomainError("ALREADY_PRESENT", name=member.name)
        return member.id, {"time": self._time(p.get("time"), at).isoformat()}

    def _check_left(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        member = self._expected_member(member_id)
        if self.attendance.get(member.id) != "present":
            raise DomainError("NOT_PRESENT", name=member.name)
        return member.id, {"time": self._time(p.get("time"), at).isoformat(),
                           "reason": self._text(p.get("reason"), "离会原因", "the reason",
                                                required=False)}

    def _check_session_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "roll_call":
            raise DomainError("SESSION_ALREADY_OPEN")
        unmarked = [m for m in self.expected if m not in self.attendance]
        if unmarked:
            raise DomainError("ROLL_CALL_INCOMPLETE", count=len(unmarked),
                              names="、".join(self.name(m) for m in unmarked))
        quorum = self.quorum()
        if not quorum.met:
            raise DomainError("QUORUM_NOT_MET", expected=quorum.expected, present=quorum.present,
                              needed=quorum.needed, action="开会", action_en="open the meeting")
        return None, {}

    def _check_item_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._in_session()
        item = self.item(p.get("item_no"))
        if self.open_item is not None:
            raise DomainError("ANOTHER_ITEM_OPEN", item_no=self.open_item)
        if item.status != "pending":
            raise DomainError("ITEM_FINISHED", item_no=item.spec.no)
        return None, {"item_no": item.spec.no}

    def _check_recusal(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._in_session()
        item = self.item(p.get("item_no"))
        if item.finished:
            raise DomainError("ITEM_FINISHED", item_no=item.spec.no)
        member = self._expected_member(member_id)
        if member.id in item.recusals:
            raise DomainError("ALREADY_RECUSED", name=member.name)
        spoke = any(s.member_id == member.id and s.kind != "remark" for s in item.speeches)
        voted = any(member.id in cast for cast in item.votes.values())
        if spoke or voted:
            raise DomainError("RECUSAL_TOO_LATE", name=member.name)
        return member.id, {"item_no": item.spec.no,
                           "reason": self._reason(p.get("reason"), "回避原因",
                                                  "the reason for recusal")}

    def _check_report(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._open_item(p)
        if item.reported:
            raise DomainError("REPORT_ALREADY_GIVEN")
        member = self._speaker(item, member_id)
        rules = self._rules()
        if member.is_chief and item.spec.area in rules.forbidden_portfolios:
            raise DomainError("PORTFOLIO_FORBIDDEN", name=member.name, area=item.spec.area)
        return member.id, {"item_no": item.spec.no,
                           "words": self._text(p.get("words"), "汇报内容", "the report")}

    def _check_speaking_order(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        if item.stances:
            raise DomainError("ALREADY_SPOKEN", name=self.name(next(iter(item.stances))))
        order = p.get("order")
        others = set(self.speaking_queue(item.spec.no))
        if not isinstance(order, list) or len(order) != len(set(order)) or set(order) != others:
            raise DomainError("BAD_ORDER")
        return None, {"item_no": item.spec.no, "order": list(order)}

    def _check_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        n = item.spec.no
        if not item.reported:
            raise DomainError("REPORT_FIRST")
        member = self._speaker(item, member_id)
        if member.id in item.stances:
            raise DomainError("ALREADY_SPOKEN", name=member.name)
        if item.voting_started:
            raise DomainError("VOTING_STARTED")
        last = self.last_speaker(n)
        if member.id == last:
            if self.decision_mode == "head":
                raise DomainError("HEAD_MODE")
            pending = self.pending_before_last(n)
            if pending:
                raise DomainError("CHIEF_NOT_LAST", name=member.name, pending=len(pending))
        stance, words, reason = self._stance(p)
        return member.id, {"item_no": n, "stance": stance, "words": words, "reason": reason}

    def _check_remark(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        item_no = p.get("item_no")
        if item_no is not None:
            self._open_item(p)
        observer = p.get("observer") or None
        if observer is not None:
            if member_id is not None or observer not in [o["name"] for o in self.observers]:
                raise DomainError("BAD_VALUE", field="列席人员", field_en="observer",
                                  value=str(observer)[:40])
        else:
            member = self._expected_member(member_id)
            if self.attendance.get(member.id) != "present":
                raise DomainError("NOT_PRESENT", name=member.name)
        return member_id, {"item_no": item_no, "observer": observer,
                           "words": self._text(p.get("words"), "发言内容", "the words")}

    def _check_division_override(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        n = item.spec.no
        pending = self.pending_opinions(n)
        if pending:
            raise DomainError("OPINIONS_PENDING", pending=len(pending),
                              names="、".join(self.name(m) for m in pending))
        if not self.division(n).sharp or item.override_reason:
            raise DomainError("NOT_DIVIDED")
        return None, {"item_no": n, "reason": self._reason(
            p.get("reason"), "继续表决的理由", "the reason to vote despite the division")}

    def _check_vote(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        mode = item.spec.vote_mode
        if mode == "secret":
            raise DomainError("SECRET_BALLOT_NO_NAMES")
        self._ready_to_vote(item)
        ballot = self._ballot(item, p.get("candidate"))
        member = self._speaker(item, member_id)
        if member.id in item.votes.get(ballot, {}):
            raise DomainError("ALREADY_VOTED", name=member.name)
        choice = p.get("choice")
        if choice not in VOTE_CHOICES:
            raise DomainError("BAD_CHOICE", value=str(choice)[:20])
        return member.id, {"item_no": item.spec.no, "candidate": ballot, "choice": choice}

    def _check_tally(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        if item.spec.vote_mode != "secret":
            raise DomainError("WRONG_VOTE_MODE", mode=zh(VOTE_MODES, item.spec.vote_mode),
                              mode_en=en(VOTE_MODES, item.spec.vote_mode))
        if member_id is not None:
            raise DomainError("SECRET_BALLOT_NO_NAMES")
        self._ready_to_vote(item)
        ballot = self._ballot(item, p.get("candidate"))
        if ballot in item.tallies:
            raise DomainError("ALREADY_VOTED", name="该轮票")
        counts = []
        for key in ("agree", "disagree", "abstain"):
            value = p.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DomainError("BAD_VALUE", field="票数", field_en="tally", value=value)
            counts.append(value)
        voters = len(self.eligible(item.spec.no))
        if sum(counts) > voters:
            raise DomainError("TALLY_EXCEEDS", total=sum(counts), voters=voters)
        names = {}
        for key, what in (("scrutineers", "监票人"), ("counters", "计票人")):
            raw = p.get(key)
            if not isinstance(raw, list) or not raw:
                raise DomainError("SCRUTINEERS_REQUIRED")
            names[key] = [clean_text(n, what, key, 50) for n in raw]
        return None, {"item_no": item.spec.no, "candidate": ballot, "agree": counts[0],
                      "disagree": counts[1], "abstain": counts[2], **names}

    def _check_decision(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        self._ready_to_vote(item)
        pending = self.pending_votes(item.spec.no)
        if pending:
            detail = "；".join(
                (f"第 {b} 位人选" if b else "本议题") + f"尚有 {len(ms)} 人未投票或未计票"
                for b, ms in pending.items())
            raise DomainError("VOTES_PENDING", detail=detail,
                              detail_en=f"{len(pending)} ballot(s) incomplete")
        return None, {"item_no": item.spec.no,
                      "text": self._text(p.get("text"), "决定内容", "the decision")}

    def _check_head_decision(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        n = item.spec.no
        if self.decision_mode != "head":
            raise DomainError("NOT_HEAD_MODE")
        if not item.reported:
            raise DomainError("REPORT_FIRST")
        head = self.last_speaker(n)
        if head is None or member_id != head:
            raise DomainError("NOT_HEAD", name=self.name(head) if head else "主持会议的负责人")
        pending = self.pending_before_last(n)
        if pending:
            raise DomainError("CHIEF_NOT_LAST", name=self.name(head), pending=len(pending))
        decision = p.get("decision")
        if decision not in HEAD_DECISIONS:
            raise DomainError("BAD_VALUE", field="决定", field_en="decision", value=str(decision)[:20])
        text = self._text(p.get("text"), "决定内容", "the decision")
        others = list(item.stances.values())
        if self._rules().written_opinions_in_division:
            others += list(item.written.values())
        reason = self._text(p.get("reason"), "理由", "the reason", required=False)
        if against_majority(others, decision) and not reason:
            raise DomainError("REASON_REQUIRED", what="与多数意见不一致的决定理由",
                              what_en="the reason for deciding against the majority")
        return head, {"item_no": n, "decision": decision, "text": text, "reason": reason}

    def _check_deferral(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        return None, {"item_no": item.spec.no,
                      "reason": self._reason(p.get("reason"), "缓议理由", "the reason to defer")}

    def _check_item_concluded(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._open_item(p)
        if item.spec.is_decision:
            raise DomainError("IS_DECISION_ITEM", item_no=item.spec.no)
        return None, {"item_no": item.spec.no,
                      "text": self._text(p.get("text"), "小结", "the summary", required=False)}

    def _check_meeting_closed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._in_session()
        if self.open_item is not None:
            raise DomainError("ANOTHER_ITEM_OPEN", item_no=self.open_item)
        unfinished = [str(n) for n, it in self.items.items() if not it.finished]
        if unfinished:
            raise DomainError("ITEMS_UNFINISHED", items="、".join(unfinished))
        return None, {}

    def _check_signature(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "closed":
            raise DomainError("NOT_CLOSED", action="签名", action_en="sign")
        role = p.get("role")
        if role not in SIGNER_ROLES:
            raise DomainError("BAD_VALUE", field="签名身份", field_en="signer role", value=str(role)[:20])
        if member_id is not None:
            self._member(member_id)
        strokes = p.get("strokes") or []
        if not isinstance(strokes, list) or len(strokes) > MAX_STROKES:
            raise DomainError("BAD_VALUE", field="笔迹", field_en="strokes", value="过多 / too many")
        clean: list[list[list[float]]] = []
        total = 0
        for stroke in strokes:
            if not isinstance(stroke, list):
                raise DomainError("BAD_VALUE", field="笔迹", field_en="strokes", value="格式 / format")
            points = []
            for pt in stroke:
                ok = (isinstance(pt, (list, tuple)) and len(pt) == 2
                      and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                              and 0 <= v <= 1 for v in pt))
                if not ok:
                    raise DomainError("BAD_VALUE", field="笔迹坐标", field_en="stroke point",
                                      value=str(pt)[:30])
                points.append([round(float(pt[0]), 4), round(float(pt[1]), 4)])
            total += len(points)
            clean.append(points)
        if total > MAX_POINTS:
            raise DomainError("BAD_VALUE", field="笔迹", field_en="strokes", value="过多 / too many")
        return member_id, {"role": role, "name": clean_text(p.get("name"), "签名人", "signer", 50),
                           "strokes": clean}

    def _check_correction(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "closed":
            raise DomainError("NOT_CLOSED", action="更正", action_en="add a correction")
        ref = p.get("refers_to_seq")
        if ref is not None and (isinstance(ref, bool) or not isinstance(ref, int)
                                or not 1 <= ref <= self.seq):
            raise DomainError("BAD_VALUE", field="所更正的记录", field_en="corrected entry", value=ref)
        return member_id, {
            "author": clean_text(p.get("author"), "更正人", "author", 50),
            "reason": self._reason(p.get("reason"), "更正理由", "the reason for the correction"),
            "text": self._text(p.get("text"), "更正内容", "the correction"),
            "refers_to_seq": ref}

    def _check_filed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase != "closed":
            raise DomainError("NOT_CLOSED", action="备案", action_en="file the record")
        if self.filed:
            raise DomainError("ALREADY_FILED")
        return None, {"note": self._text(p.get("note"), "备注", "note", required=False)}

    # ---- folds ----------------------------------------------------------------------------

    def _speech(self, kind: str, member_id: int | None, words: str, at: datetime,
                stance: str | None = None, reason: str = "", speaker: str | None = None) -> Speech:
        return Speech(self.seq, at, kind, member_id, speaker or self.name(member_id), words,
                      stance, reason)

    def _apply_meeting_started(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.phase = "roll_call"
        self.uid = p["uid"]
        self.header = p
        self.started_at = at
        self.rules = RuleSet.from_dict(p["rule_set"])
        self.decision_mode = p["meeting_type"]["decision_mode"]
        self.members = {m["id"]: Member.from_dict(m) for m in p["members"]}
        self.chief_id = check_team(self.members.values()).id
        self.chair_id = p["chair_id"]
        self.deputy_chair_id = p["deputy_chair_id"]
        self.expected = list(p["expected"])
        self.observers = list(p["observers"])
        for d in p["agenda"]:
            spec = ItemSpec.from_dict(d)
            self.items[spec.no] = ItemState(spec, check_item(spec, self.members, self.rules,
                                                              self.decision_mode))

    def _apply_attendance(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = p["status"]
        if p["status"] == "absent":
            self.absence_reasons[member_id] = p["reason"]
        self.presence_log.append(PresenceChange(self.seq, member_id, p["status"], at, p["reason"]))

    def _apply_written_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        item = self.items[p["item_no"]]
        item.written[member_id] = p["stance"]
        item.speeches.append(self._speech("written", member_id, p["words"], at, p["stance"],
                                          p["reason"]))

    def _apply_arrived(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = "present"
        self.presence_log.append(PresenceChange(self.seq, member_id, "arrived",
                                                parse_time(p["time"])))

    def _apply_left(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = "left"
        self.presence_log.append(PresenceChange(self.seq, member_id, "left",
                                                parse_time(p["time"]), p["reason"]))

    def _apply_session_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.phase = "in_session"
        self.opened_at = at

    def _apply_item_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.status = "open"
        item.opened_at = at
        self.open_item = item.spec.no

    def _apply_recusal(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.items[p["item_no"]].recusals[member_id] = p["reason"]

    def _apply_report(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.reported = True
        item.speeches.append(self._speech("report", member_id, p["words"], at))

    def _apply_speaking_order(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.items[p["item_no"]].order = list(p["order"])

    def _apply_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        item = self.items[p["item_no"]]
        item.stances[member_id] = p["stance"]
        item.speeches.append(self._speech("opinion", member_id, p["words"], at, p["stance"],
                                          p["reason"]))

    def _apply_remark(self, member_id: int | None, p: dict[str, Any], at: datetime):
        speech = self._speech("remark", member_id, p["words"], at, speaker=p["observer"])
        if p["item_no"] is None:
            self.remarks.append(speech)
        else:
            self.items[p["item_no"]].speeches.append(speech)

    def _apply_division_override(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.items[p["item_no"]].override_reason = p["reason"]

    def _apply_vote(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.items[p["item_no"]].votes.setdefault(p["candidate"], {})[member_id] = p["choice"]

    def _apply_tally(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.items[p["item_no"]].tallies[p["candidate"]] = Tally(
            p["agree"], p["disagree"], p["abstain"], tuple(p["scrutineers"]), tuple(p["counters"]))

    def _finish(self, item: ItemState, status: str, at: datetime) -> None:
        item.status = status
        item.finished_at = at
        self.open_item = None

    def _apply_decision(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.results = {b: self.outcome(item.spec.no, b) for b in item.spec.ballots()}
        item.decision_text = p["text"]
        self._finish(item, "decided", at)

    def _apply_head_decision(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.head_decision = p["decision"]
        item.head_reason = p["reason"]
        item.decision_text = p["text"]
        item.speeches.append(self._speech("head_decision", member_id, p["text"], at,
                                          reason=p["reason"]))
        carry = p["decision"] in HEAD_DECISIONS_CARRY_OVER
        if carry:
            item.deferral_reason = p["reason"] or p["text"]
        self._finish(item, "deferred" if carry else "decided", at)

    def _apply_deferral(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.deferral_reason = p["reason"]
        self._finish(item, "deferred", at)

    def _apply_item_concluded(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.decision_text = p["text"]
        self._finish(item, "concluded", at)

    def _apply_meeting_closed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.phase = "closed"
        self.closed_at = at

    def _apply_signature(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.signatures.append(Signature(
            self.seq, at, p["role"], p["name"], member_id,
            tuple(tuple((x, y) for x, y in stroke) for stroke in p["strokes"])))

    def _apply_correction(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.corrections.append(Correction(self.seq, at, p["author"], p["reason"], p["text"],
                                           p["refers_to_seq"]))
        # R12: a correction voids the signatures given so far; they must be collected again.
        self.voided_signatures.extend(self.signatures)
        self.signatures = []
        self.filed = False

    def _apply_filed(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.filed = True

    # ---- helpers --------------------------------------------------------------------------

    def _default_order(self, member_ids: list[int]) -> list[int]:
        order = speaking_order((self.members[m] for m in member_ids), self._rules())
        return [m.id for m in order]

    def deferred_items(self) -> list[ItemState]:
        """Items to carry over, linked, to a later meeting's agenda (R9)."""
        return [it for it in self.items.values() if it.status == "deferred"]


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
