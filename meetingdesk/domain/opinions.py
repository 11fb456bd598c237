"""The round of opinions on an item: the report, recusal (R4), who speaks when (R5), stances (R6)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .errors import DomainError
from .outcome import Division, division
from .roster import Member, speaking_order
from .state import ItemState
from .words import KINDS, STANCES, STANCES_NEEDING_REASON, en, zh


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
        last = self.last_speaker(n)
        if member.id == last:
            if self.decision_mode == "head":
                raise DomainError("HEAD_MODE")
            pending = self.pending_before_last(n)
            if pending:
                raise DomainError("CHIEF_NOT_LAST", name=member.name, pending=len(pending))
        stance, words, reason = self._stance(p)
        return member.id, {"item_no": n, "stance": stance, "words": words, "reason": reason}

    def _apply_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        item = self.items[p["item_no"]]
        item.stances[member_id] = p["stance"]
        item.speeches.append(self._speech("opinion", member_id, p["words"], at, p["stance"],
                                          p["reason"]))

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
        stance, words, reason = self._stance(p)
        return member.id, {"item_no": item.spec.no, "stance": stance, "words": words,
                           "reason": reason}

    def _apply_written_opinion(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        item = self.items[p["item_no"]]
        item.written[member_id] = p["stance"]
        item.speeches.append(self._speech("written", member_id, p["words"], at, p["stance"],
                                          p["reason"]))

