"""The round of opinions on an item: the report, recusal (R4), who speaks when (R5), stances (R6)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dataclasses import replace

from .errors import DomainError
from .outcome import Division, division
from .roster import Member, speaking_order
from .state import CandidateStance, ItemState, Speech
from .words import KINDS, STANCES, STANCES_NEEDING_REASON, en, zh

AMENDABLE = ("opinion", "written", "report", "remark")


class Opinions:
    """An item from its opening to the last speaker's stance; mixed into Meeting."""

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
        the head's word is the decision). Once the last speaker has stated, or voting has
        begun, the round of opinions is over: a member arriving then votes without speaking."""
        item = self.items[item_no]
        if item.voting_started or item.round_closed:
            return []
        pending = self.pending_before_last(item_no)
        last = self.last_speaker(item_no)
        if (last is not None and self.decision_mode == "vote"
                and last not in self.items[item_no].stances):
            pending.append(last)
        return pending

    def division(self, item_no: int) -> Division:
        """R9, per candidate on an appointment item: the first sharply divided one counts."""
        item = self.items[item_no]
        said = list(item.stances.values())
        if self._rules().written_opinions_in_division:
            said += list(item.written.values())
        verdicts = []
        for ballot in item.spec.ballots():
            verdict = division([s[ballot] for s in said if ballot in s], self._rules())
            if ballot is not None:
                name = item.spec.candidates[ballot - 1].name
                verdict = replace(verdict, detail_zh=f"人选{name}：{verdict.detail_zh}",
                                  detail_en=f"candidate {name}: {verdict.detail_en}")
            verdicts.append(verdict)
        return next((v for v in verdicts if v.sharp), verdicts[0])

    def standing_speeches(self, item_no: int) -> list[Speech]:
        """What stands on the item: every speech less those amended or superseded."""
        item = self.items[item_no]
        return [s for s in item.speeches
                if s.seq not in item.amended and s.seq not in item.superseded]

    def _default_order(self, member_ids: list[int]) -> list[int]:
        order = speaking_order((self.members[m] for m in member_ids), self._rules())
        return [m.id for m in order]

    def _speaker(self, item: ItemState, member_id: Any) -> Member:
        """A member who may speak or vote on the item now (present, not recused)."""
        member = self._expected_member(member_id)
        if member.id in item.recusals:
            raise DomainError("MEMBER_RECUSED", name=member.name)
        if self.attendance.get(member.id) != "present":
            raise DomainError("NOT_PRESENT", name=member.name)
        return member

    def _one_stance(self, stance: Any, reason: Any, about: str = "",
                    about_en: str = "") -> tuple[str, str]:
        if stance not in STANCES:
            raise DomainError("BAD_STANCE", value=str(stance)[:20])
        if stance not in STANCES_NEEDING_REASON:
            return stance, ""
        return stance, self._reason(reason, f"{about}“{zh(STANCES, stance)}”的依据和理由",
                                    f"the grounds for '{en(STANCES, stance)}'{about_en}")

    def _stances(self, item: ItemState, p: dict[str, Any]) -> dict[str, Any]:
        """R6 stances with their words; on an appointment item, one on each candidate in turn
        (逐一表态). Returns the normalised payload fields."""
        words = self._text(p.get("words"), "发言内容", "the words")
        if not item.spec.candidates:
            stance, reason = self._one_stance(p.get("stance"), p.get("reason"))
            return {"stance": stance, "reason": reason, "words": words}
        given = p.get("stances")
        if not isinstance(given, list) or any(not isinstance(s, dict) for s in given):
            given = []
        by_candidate = {s.get("candidate"): s for s in given}
        out = []
        for no, candidate in enumerate(item.spec.candidates, start=1):
            entry = by_candidate.get(no)
            if entry is None:
                raise DomainError("STANCE_PER_CANDIDATE", name=candidate.name)
            stance, reason = self._one_stance(entry.get("stance"), entry.get("reason"),
                                              f"对{candidate.name}", f" on {candidate.name}")
            out.append({"candidate": no, "stance": stance, "reason": reason})
        if len(by_candidate) != len(out) or len(given) != len(out):
            raise DomainError("UNKNOWN_CANDIDATE", candidate="、".join(
                str(k)[:10] for k in by_candidate if k not in range(1, len(out) + 1)) or "?")
        return {"stances": out, "words": words}

    def _stance_speech(self, kind: str, member_id: int | None, p: dict[str, Any],
                       at: datetime) -> tuple[Speech, dict[int | None, str]]:
        per = tuple(CandidateStance(s["candidate"], s["stance"], s["reason"])
                    for s in p.get("stances") or [])
        speech = replace(self._speech(kind, member_id, p["words"], at, p.get("stance"),
                                      p.get("reason", "")),
                         per_candidate=per, amends=p.get("refers_to_seq"))
        return speech, speech.stances()

    def _check_item_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._in_session()
        item = self.item(p.get("item_no"))
        if self.open_item is not None:
            raise DomainError("ANOTHER_ITEM_OPEN", item_no=self.open_item)
        if item.status != "pending":
            raise DomainError("ITEM_FINISHED", item_no=item.spec.no)
        return None, {"item_no": item.spec.no}

    def _apply_item_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.status = "open"
        item.opened_at = at
        item.present_during = set(self.present())
        self.open_item = item.spec.no

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

    def _apply_recusal(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.items[p["item_no"]].recusals[member_id] = p["reason"]

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

    def _apply_report(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        item.reported = True
        item.speeches.append(self._speech("report", member_id, p["words"], at))

    def _check_speaking_order(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._decision_item(p)
        if item.stances:
            raise DomainError("ALREADY_SPOKEN", name=self.name(next(iter(item.stances))))
        order = p.get("order")
        others = set(self.speaking_queue(item.spec.no))
        if not isinstance(order, list) or len(order) != len(set(order)) or set(order) != others:
            raise DomainError("BAD_ORDER")
        return None, {"item_no": item.spec.no, "order": list(order)}

    def _apply_speaking_order(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.items[p["item_no"]].order = list(p["order"])

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
        if item.round_closed:
            raise DomainError("ROUND_CLOSED", name=member.name,
                              last=self.name(self._round_closer(item)))
        self._may_state_now(item, member.id, item.stances)
        return member.id, {"item_no": n, **self._stances(item, p)}

    def _may_state_now(self, item: ItemState, member_id: int,
                       stances: dict[int, Any]) -> None:
        """R5 and R3 for whoever would be the last speaker: everyone else in the room has
        stated, and the item's quorum is met (emptying the room frees no one)."""
        n = item.spec.no
        if member_id != self.last_speaker(n):
            return
        if self.decision_mode == "head":
            raise DomainError("HEAD_MODE")
        pending = [m for m in self.speaking_queue(n) if m not in stances]
        if pending:
            raise DomainError("CHIEF_NOT_LAST", name=self.name(member_id), pending=len(pending))
        self._require_item_quorum(n, "末位表态", "state the last position")

    def _round_closer(self, item: ItemState) -> int | None:
        return next((s.member_id for s in item.speeches if s.seq == item.round_closed_seq), None)

    def _apply_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        item = self.items[p["item_no"]]
        closes = member_id == self.last_speaker(item.spec.no)
        speech, item.stances[member_id] = self._stance_speech("opinion", member_id, p, at)
        item.speeches.append(speech)
        if closes:
            item.round_closed_seq = self.seq

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
        elif item_no is not None:
            self._speaker(self.items[item_no], member_id)  # R4: a recused member says nothing
        else:
            member = self._expected_member(member_id)
            if self.attendance.get(member.id) != "present":
                raise DomainError("NOT_PRESENT", name=member.name)
        return member_id, {"item_no": item_no, "observer": observer,
                           "words": self._text(p.get("words"), "发言内容", "the words")}

    def _apply_remark(self, member_id: int | None, p: dict[str, Any], at: datetime):
        speech = self._speech("remark", member_id, p["words"], at, speaker=p["observer"])
        if p["item_no"] is None:
            self.remarks.append(speech)
        else:
            self.items[p["item_no"]].speeches.append(speech)

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
        if member.id in item.present_during:
            raise DomainError("WRITTEN_ONLY_ABSENT", name=member.name)
        if self.chief_id in item.written:
            raise DomainError("CHIEF_WRITTEN_LAST", name=self.name(self.chief_id))
        if member.id == self.chief_id:
            # R5: the chief's written opinion is still the last word.
            n = item.spec.no
            pending = self.pending_opinions(n) if item.status == "open" else []
            if item.status != "open" or not item.reported or pending:
                raise DomainError("CHIEF_WRITTEN_NOT_LAST", name=member.name,
                                  pending=len(pending) or len(self.eligible(n)))
        return member.id, {"item_no": item.spec.no, **self._stances(item, p)}

    def _apply_written_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        item = self.items[p["item_no"]]
        speech, item.written[member_id] = self._stance_speech("written", member_id, p, at)
        item.speeches.append(speech)

    # ---- R6a: amending a mistaken entry before the vote ------------------------------------

    def _check_amendment(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self._open_item(p)
        if item.voting_started:
            raise DomainError("AMEND_AFTER_VOTE")
        ref = p.get("refers_to_seq")
        original = next((s for s in item.speeches if s.seq == ref and not isinstance(ref, bool)),
                        None)
        if original is None or original.kind not in AMENDABLE:
            raise DomainError("BAD_VALUE", field="所修改的记录", field_en="amended entry",
                              value=str(ref)[:20])
        if original.seq in item.amended or original.seq in item.superseded:
            raise DomainError("ALREADY_AMENDED", seq=original.seq,
                              later=item.amended.get(original.seq, original.seq))
        fields: dict[str, Any] = {"item_no": item.spec.no, "refers_to_seq": original.seq}
        who = original.member_id if member_id is None else member_id
        if original.kind == "opinion":
            member = self._speaker(item, who)
            closer = self._round_closer(item)
            if item.round_closed and original.member_id == closer and member.id != closer:
                raise DomainError("AMEND_MOVES_LAST", name=self.name(closer))
            others = {m: s for m, s in item.stances.items() if m != original.member_id}
            if member.id in others:
                raise DomainError("ALREADY_SPOKEN", name=member.name)
            if item.round_closed and member.id != closer:
                missing = [m for m in self.speaking_queue(item.spec.no)
                           if m not in others and m != member.id and m not in item.after_round]
                if missing:
                    raise DomainError("CHIEF_NOT_LAST", name=self.name(closer),
                                      pending=len(missing))
            self._may_state_now(item, member.id, others)
            fields.update(self._stances(item, p))
        elif original.kind == "written":
            if who != original.member_id:
                raise DomainError("AMEND_WRITTEN_MEMBER")
            fields.update(self._stances(item, p))
        else:  # a report or a remark: the words only
            if who != original.member_id:
                raise DomainError("AMEND_WORDS_ONLY")
            fields["words"] = self._text(p.get("words"), "发言内容", "the words")
        return who, fields

    def _apply_amendment(self, member_id: int | None, p: dict[str, Any], at: datetime):
        item = self.items[p["item_no"]]
        original = next(s for s in item.speeches if s.seq == p["refers_to_seq"])
        item.amended[original.seq] = self.seq
        if original.kind in ("opinion", "written"):
            book = item.stances if original.kind == "opinion" else item.written
            book.pop(original.member_id, None)
            speech, book[member_id] = self._stance_speech(original.kind, member_id, p, at)
            if original.seq == item.round_closed_seq:
                item.round_closed_seq = self.seq
        else:
            speech = replace(self._speech(original.kind, member_id, p["words"], at,
                                          speaker=original.speaker),
                             amends=original.seq)
        item.speeches.append(speech)

