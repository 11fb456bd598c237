"""Voting on an item and deciding it: votes and secret ballots (R7), passing (R8), sharp
division (R9), the head's decision (R10)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .chain import canonical_json
from .errors import DomainError
from .outcome import BallotResult, against_majority, ballot_result
from .state import BallotCount, ItemState, Reconsideration, Tally
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
        self._require_item_quorum(n, "表决本议题", "vote on it")

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

    def _vote_begins(self, item: ItemState) -> None:
        """Keep the head count the vote was taken with, for the record (R3)."""
        if item.quorum_at_vote is None:
            item.quorum_at_vote = self.vote_quorum(item.spec.no)

    def _apply_vote(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self._vote_begins(self.items[p["item_no"]])
        self.items[p["item_no"]].votes.setdefault(p["candidate"], {})[member_id] = p["choice"]

    # ---- R7: the secret ballot, on paper or as a tally entered directly ----------------------

    def _secret_item(self, p: dict[str, Any], member_id: int | None) -> ItemState:
        item = self._decision_item(p)
        if item.spec.vote_mode != "secret":
            raise DomainError("WRONG_VOTE_MODE", mode=zh(VOTE_MODES, item.spec.vote_mode),
                              mode_en=en(VOTE_MODES, item.spec.vote_mode))
        if member_id is not None:
            raise DomainError("SECRET_BALLOT_NO_NAMES")
        return item

    def _check_ballots_issued(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._secret_item(p, member_id)
        if item.ballots_issued is not None:
            raise DomainError("BALLOTS_ALREADY_ISSUED")
        self._ready_to_vote(item)
        voters = len(self.eligible(item.spec.no))
        issued = _count(p.get("issued"), "发出票数", "ballots issued")
        if not 1 <= issued <= voters:
            raise DomainError("BALLOTS_ISSUED_RANGE", issued=issued, voters=voters)
        first = _count(p.get("first_serial", 1), "选票起始编号", "first serial")
        candidates = {c.name for c in item.spec.candidates}
        ids = {}
        for key in ("scrutineers", "counters"):
            raw = p.get(key)
            if not isinstance(raw, list) or not raw or len(set(map(str, raw))) != len(raw):
                raise DomainError("SCRUTINEERS_REQUIRED")
            for m in raw:
                member = self._speaker(item, m)
                if member.name in candidates:
                    raise DomainError("SCRUTINEER_IS_CANDIDATE", name=member.name)
            ids[key] = list(raw)
        return None, {"item_no": item.spec.no, "issued": issued, "first_serial": max(first, 1),
                      **ids}

    def _apply_ballots_issued(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._vote_begins(self.items[p["item_no"]])
        self.items[p["item_no"]].ballots_issued = dict(p)

    def _check_ballots_counted(self, member_id: int | None, p: dict[str, Any], at: datetime):
        """Every returned ballot as marked, valid or void; stored sorted, so the log keeps
        neither the order they were entered in nor when, and never who cast them."""
        item = self._secret_item(p, member_id)
        issued = item.ballots_issued
        if issued is None:
            raise DomainError("BALLOTS_NOT_ISSUED")
        if item.ballot_count is not None:
            raise DomainError("ALREADY_VOTED", name="该轮票")
        returned = _count(p.get("returned"), "收回票数", "ballots returned")
        if returned > issued["issued"]:
            raise DomainError("BALLOTS_RETURNED_EXCEED", returned=returned,
                              issued=issued["issued"])
        ballots = p.get("ballots")
        if not isinstance(ballots, list) or len(ballots) != returned:
            raise DomainError("BALLOTS_MISMATCH", returned=returned,
                              entered=len(ballots) if isinstance(ballots, list) else 0)
        clean = sorted((self._paper_ballot(item, b) for b in ballots),
                       key=lambda b: canonical_json(b))
        return None, {"item_no": item.spec.no, "returned": returned, "ballots": clean}

    def _paper_ballot(self, item: ItemState, ballot: Any) -> dict[str, Any]:
        """One ballot as entered: void, or a mark per candidate (none marked: abstain). A
        ballot agreeing to more candidates than there are posts is void."""
        if not isinstance(ballot, dict):
            raise DomainError("BAD_VALUE", field="选票", field_en="ballot", value=str(ballot)[:30])
        if ballot.get("void") is True:
            return {"void": True}
        marks = ballot.get("marks")
        if not isinstance(marks, dict):
            raise DomainError("BAD_VALUE", field="选票", field_en="ballot", value=str(ballot)[:30])
        keys = {str(b): b for b in item.spec.ballots()}
        clean: dict[str, str] = {}
        for key, choice in marks.items():
            if str(key) not in keys:
                raise DomainError("UNKNOWN_CANDIDATE", candidate=str(key)[:20])
            if choice not in VOTE_CHOICES:
                raise DomainError("BAD_CHOICE", value=str(choice)[:20])
            clean[str(key)] = choice
        if list(clean.values()).count("agree") > item.spec.post_count:
            return {"void": True}
        return {"marks": dict(sorted(clean.items()))}

    def _apply_ballots_counted(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        issued = item.ballots_issued
        assert issued is not None
        valid = [b["marks"] for b in p["ballots"] if "marks" in b]
        names = {key: tuple(self.name(m) for m in issued[key])
                 for key in ("scrutineers", "counters")}
        for ballot in item.spec.ballots():
            choices = [marks.get(str(ballot), "abstain") for marks in valid]
            item.tallies[ballot] = Tally(choices.count("agree"), choices.count("disagree"),
                                         choices.count("abstain"), names["scrutineers"],
                                         names["counters"])
        item.ballot_count = BallotCount(issued["issued"], p["returned"], len(valid),
                                        p["returned"] - len(valid), issued["first_serial"])

    def _check_tally(self, member_id: int | None, p: dict[str, Any], at: datetime):
        """A tally entered directly, where the unit's rules allow it: the same invariants as
        paper ballots (收回 ≤ 发出 ≤ 可投票人数, 有效 + 废票 = 收回)."""
        item = self._secret_item(p, member_id)
        if not self._rules().secret_ballot_direct_tally:
            raise DomainError("PAPER_BALLOT_REQUIRED")
        if item.ballots_issued is not None:
            raise DomainError("BALLOTS_ALREADY_ISSUED")
        self._ready_to_vote(item)
        ballot = self._ballot(item, p.get("candidate"))
        if ballot in item.tallies:
            raise DomainError("ALREADY_VOTED", name="该轮票")
        keys = ("agree", "disagree", "abstain", "issued", "returned", "void")
        n = {key: _count(p.get(key), "票数", "tally") for key in keys}
        voters = len(self.eligible(item.spec.no))
        if n["issued"] > voters:
            raise DomainError("BALLOTS_ISSUED_RANGE", issued=n["issued"], voters=voters)
        if n["returned"] > n["issued"]:
            raise DomainError("BALLOTS_RETURNED_EXCEED", returned=n["returned"],
                              issued=n["issued"])
        valid = n["agree"] + n["disagree"] + n["abstain"]
        if valid + n["void"] != n["returned"]:
            raise DomainError("TALLY_MISMATCH", valid=valid, void=n["void"],
                              returned=n["returned"])
        count = item.ballot_count
        if count is not None and (count.issued, count.returned, count.void) != (
                n["issued"], n["returned"], n["void"]):
            raise DomainError("TALLY_COUNTS_DIFFER", issued=count.issued,
                              returned=count.returned, void=count.void)
        names = {}
        candidates = {c.name for c in item.spec.candidates}
        for key, what in (("scrutineers", "监票人"), ("counters", "计票人")):
            raw = p.get(key)
            if not isinstance(raw, list) or not raw:
                raise DomainError("SCRUTINEERS_REQUIRED")
            names[key] = [clean_text(name, what, key, 50) for name in raw]
            for name in names[key]:
                if name in candidates:
                    raise DomainError("SCRUTINEER_IS_CANDIDATE", name=name)
        return None, {"item_no": item.spec.no, "candidate": ballot, **n, **names}

    def _apply_tally(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        self._vote_begins(item)
        item.tallies[p["candidate"]] = Tally(
            p["agree"], p["disagree"], p["abstain"], tuple(p["scrutineers"]), tuple(p["counters"]))
        item.ballot_count = BallotCount(p["issued"], p["returned"], p["returned"] - p["void"],
                                        p["void"])

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
        self._require_item_quorum(n, "作出决定", "decide")
        decision = p.get("decision")
        if decision not in HEAD_DECISIONS:
            raise DomainError("BAD_VALUE", field="决定", field_en="decision", value=str(decision)[:20])
        text = self._text(p.get("text"), "决定内容", "the decision")
        reason = self._text(p.get("reason"), "理由", "the reason", required=False)
        if self.against_majority(n, decision) and not reason:
            raise DomainError("REASON_REQUIRED", what="与多数意见不一致的决定理由",
                              what_en="the reason for deciding against the majority")
        return head, {"item_no": n, "decision": decision, "text": text, "reason": reason}

    def against_majority(self, n: int, decision: str) -> bool:
        """R10: whether the head's ``decision`` on item ``n`` goes against the majority of the
        others' stances (and, where the rules count them, the absent members' written ones)."""
        item = self.items[n]
        said = list(item.stances.values())
        if self._rules().written_opinions_in_division:
            said += list(item.written.values())
        return against_majority([stance for s in said for stance in s.values()], decision)

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

    # ---- R7a: reconsidering a decided appointment ---------------------------------------------

    def reconsiderable(self) -> list[int]:
        """The items that may be put to a reconsideration now (R7a): decided appointments,
        while the meeting is in session with no item open."""
        if self.phase != "in_session" or self.open_item is not None:
            return []
        return [n for n, it in self.items.items() if it.status == "decided"
                and it.spec.category == "appointment" and not it.head_decision]

    def _check_reconsideration(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._in_session()
        item = self.item(p.get("item_no"))
        if self.open_item is not None:
            raise DomainError("ANOTHER_ITEM_OPEN", item_no=self.open_item)
        if item.spec.no not in self.reconsiderable():
            raise DomainError("NOT_RECONSIDERABLE", item_no=item.spec.no)
        counts = {key: _count(p.get(key), "票数", "votes") for key in
                  ("agree", "disagree", "abstain")}
        present = len(self.present())
        if sum(counts.values()) > present:
            raise DomainError("TALLY_EXCEEDS", total=sum(counts.values()), voters=present)
        return None, {"item_no": item.spec.no, **counts,
                      "reason": self._reason(p.get("reason"), "复议理由",
                                             "the reason to reconsider")}

    def _apply_reconsideration(self, member_id: int | None, p: dict[str, Any], at: datetime):
        """Granted when more than half of the members agree (R7a): the item's votes start
        over, the earlier result stays in the record."""
        item = self.items[p["item_no"]]
        base = len(self.expected)
        granted = p["agree"] > base * self._rules().pass_fraction
        item.reconsiderations.append(Reconsideration(
            self.seq, at, p["reason"], p["agree"], p["disagree"], p["abstain"], base, granted,
            tuple(item.results.items())))
        if granted:
            item.status, item.finished_at, self.open_item = "open", None, item.spec.no
            item.votes, item.tallies, item.results = {}, {}, {}
            item.quorum_at_vote = None
            item.ballots_issued, item.ballot_count, item.decision_text = None, None, ""

    def _finish(self, item: ItemState, status: str, at: datetime) -> None:
        item.status = status
        item.finished_at = at
        self.open_item = None

    def deferred_items(self) -> list[ItemState]:
        """Items to carry over, linked, to a later meeting's agenda (R9)."""
        return [it for it in self.items.values() if it.status == "deferred"]



def _count(value: Any, what: str, what_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainError("BAD_VALUE", field=what, field_en=what_en, value=str(value)[:20])
    return value
