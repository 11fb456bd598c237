"""A meeting as a fold over its event log, and the rules that decide what may be logged next.

`Meeting.propose` checks an entry against the rules (R3-R12) and returns it normalised, or raises
DomainError; `Meeting.apply` folds an accepted entry into the state. Replaying a stored log runs
both for every event, so a log that breaks a rule (written by hand, imported, forged) cannot be
rebuilt either: no path around the rules exists.

The rules sit with the phase they govern: attendance.py (roll call, presence, quorum),
opinions.py (report, recusal, the round of opinions), voting.py (votes, tallies, outcomes) and
closing.py (signatures, corrections, filing), timekeeping.py (the time confirmed or
corrected); state.py holds what the state is made of.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from .agenda import ItemSpec, check_item, settled
from .attendance import Attendance
from .closing import Closing
from .errors import DomainError
from .events import AFTER_CLOSE, EVENT_TYPES
from .ledger import Ledger
from .numbering import check_number
from .opinions import Opinions
from .roster import Member, check_team
from .rules import RuleSet
from .state import (Command, Speech, ItemState, PresenceChange, Step, Signature, Correction,
                    parse_time)
from .text import clean_text
from .timekeeping import ClockSet, Timekeeping
from .unit_name import unit_name
from .voting import Voting
from .words import KINDS, en, zh


class Meeting(Attendance, Opinions, Voting, Closing, Timekeeping, Ledger):
    """The state of one meeting, rebuilt from its log (Ledger.replay: every entry checked
    against the rules again)."""

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
        # (time, seq, type): what a presence change entered late may not be dated before (R3)
        self.presence_floor: tuple[datetime, int, str] | None = None
        self.member_last: dict[int, tuple[datetime, int, str]] = {}
        self.clock_sets: list[ClockSet] = []

    def propose(self, type_: str, member_id: int | None, payload: dict[str, Any],
                at: datetime) -> Command:
        """Check an entry against the rules; return it normalised, or raise DomainError."""
        if type_ not in EVENT_TYPES:
            raise DomainError("UNKNOWN_EVENT", type=str(type_)[:40])
        if not isinstance(payload, dict):
            raise DomainError("BAD_VALUE", field="内容", field_en="payload", value=type(payload).__name__)
        if at.tzinfo is None:
            raise DomainError("TIME_NAIVE")
        # A clock that ran ahead is put right by a clock_set dated before the last entry.
        if self.last_at is not None and at < self.last_at and type_ != "clock_set":
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
        self._note_presence(cmd.type, cmd.member_id, cmd.payload, at)

    def name(self, member_id: int | None) -> str:
        member = self.members.get(member_id) if member_id is not None else None
        return member.name if member else "—"

    def item(self, item_no: Any) -> ItemState:
        if isinstance(item_no, bool) or not isinstance(item_no, int) or item_no not in self.items:
            raise DomainError("UNKNOWN_ITEM", item_no=str(item_no)[:20])
        return self.items[item_no]

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
        last = self.last_speaker(n)
        last_word = (not pending or pending == [last]) and not item.voting_started
        if last_word and not self.vote_quorum(n).met:
            return Step("quorum", n)  # R3: the last word needs the quorum; wait, or defer
        if pending:
            return Step("opinions", n, tuple(pending))
        if self.decision_mode == "head":
            return Step("head_decision", n, tuple(filter(None, [last])))
        if self.division(n).sharp and not item.override_reason and not item.voting_started:
            return Step("division", n)
        if not self.vote_quorum(n).met:
            return Step("quorum", n)  # wait for members to come back, or defer
        votes = self.pending_votes(n)
        if votes and item.spec.vote_mode == "secret" and not self._rules().secret_ballot_direct_tally:
            # R7: paper ballots, issued and then counted one by one
            return Step("count_ballots" if item.ballots_issued else "issue_ballots", n,
                        tuple(self.eligible(n)))
        if votes:
            return Step("vote", n, tuple(sorted({m for ms in votes.values() for m in ms})))
        return Step("decide", n)

    @property
    def status(self) -> str:
        """The listing status: preparing (no log), in_progress, closed, filed."""
        return {"new": "preparing", "roll_call": "in_progress", "in_session": "in_progress",
                "closed": "filed" if self.filed else "closed"}[self.phase]

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
        items = [settled(ItemSpec.from_dict(d), rules) for d in p.get("agenda") or []]
        if not items:
            raise DomainError("AGENDA_EMPTY", title=str(p.get("title"))[:200])
        if [i.no for i in items] != list(range(1, len(items) + 1)):
            raise DomainError("BAD_VALUE", field="议题序号", field_en="item numbers",
                              value="1, 2, 3 …")
        for item in items:
            check_item(item, by_id, rules, mode)
        unit = p.get("unit") or {}
        year, number = p.get("year"), check_number(p.get("number"))
        if isinstance(year, bool) or not isinstance(year, int) or year < 1:
            raise DomainError("BAD_VALUE", field="年度", field_en="year", value=year)
        normalised = {
            "uid": clean_text(p.get("uid"), "会议标识", "meeting id", 64),
            "unit": {"id": unit.get("id"),
                     "name": unit_name(unit.get("name"))},
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
            # the recorder corrected a doubtful clock at the start (timekeeping.py)
            **({"clock": self._clock_fields(p["clock"], at)} if p.get("clock") else {}),
        }
        return None, normalised

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
        if p.get("clock"):
            self._apply_clock_set(None, p["clock"], at)
        for d in p["agenda"]:
            spec = settled(ItemSpec.from_dict(d), self.rules)
            self.items[spec.no] = ItemState(spec, check_item(spec, self.members, self.rules,
                                                              self.decision_mode))

