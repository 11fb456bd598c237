"""Voting on an item and deciding it: votes and secret ballots (R7), passing (R8), sharp
division (R9), the head's decision (R10)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .errors import DomainError
from .outcome import BallotResult, against_majority, ballot_result
from .state import Tally, ItemState
from .text import clean_text
from .words import HEAD_DECISIONS, HEAD_DECISIONS_CARRY_OVER, VOTE_CHOICES, VOTE_MODES, en, zh


class Voting:
    """Votes, tallies and the item's outcome; mixed into Meeting."""

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

    def _apply_division_override(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.items[p["item_no"]].override_reason = p["reason"]

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

    def _apply_vote(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.items[p["item_no"]].votes.setdefault(p["candidate"], {})[member_id] = p["choice"]

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

    def _apply_tally(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.items[p["item_no"]].tallies[p["candidate"]] = Tally(
            p["agree"], p["disagree"], p["abstain"], tuple(p["scrutineers"]), tuple(p["counters"]))

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

    def _apply_decision(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.results = {b: self.outcome(item.spec.no, b) for b in item.spec.ballots()}
        item.decision_text = p["text"]
        self._finish(item, "decided", at)

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

    def _check_deferral(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        return None, {"item_no": item.spec.no,
                      "reason": self._reason(p.get("reason"), "缓议理由", "the reason to defer")}

    def _apply_deferral(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.deferral_reason = p["reason"]
        self._finish(item, "deferred", at)

    def _check_item_concluded(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._open_item(p)
        if item.spec.is_decision:
            raise DomainError("IS_DECISION_ITEM", item_no=item.spec.no)
        return None, {"item_no": item.spec.no,
                      "text": self._text(p.get("text"), "小结", "the summary", required=False)}

    def _apply_item_concluded(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.decision_text = p["text"]
        self._finish(item, "concluded", at)

    def _finish(self, item: ItemState, status: str, at: datetime) -> None:
        item.status = status
        item.finished_at = at
        self.open_item = None

    def deferred_items(self) -> list[ItemState]:
        """Items to carry over, linked, to a later meeting's agenda (R9)."""
        return [it for it in self.items.values() if it.status == "deferred"]

