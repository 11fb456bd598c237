"""Who is in the room: the roll call, late arrivals and early leaves, the quorum (R3)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from .errors import DomainError
from .events import EVENT_TYPES
from .state import PresenceChange, Quorum, parse_time

# Entries that rest on who was in the room when they were made: a presence change entered
# late may not be dated before one of them (R3), or the record would contradict itself.
PRESENCE_DEPENDENT = ("session_opened", "vote", "tally", "ballots_issued", "ballots_counted",
                      "decision", "head_decision", "reconsideration")


class Attendance:
    """Roll call, presence over time and the quorum; mixed into Meeting."""

    def present(self) -> list[int]:
        return [m for m in self.expected if self.attendance.get(m) == "present"]

    def quorum(self) -> Quorum:
        """R3: to open, more than the quorum share of the expected members present."""
        rules = self._rules()
        expected = len(self.expected)
        return Quorum(expected, len(self.present()),
                      math.floor(expected * rules.quorum_fraction) + 1)

    def vote_quorum(self, item_no: int) -> Quorum:
        """R3: the quorum the item needs now, for its last stance and its vote: of the item's
        base (the expected less the recused, R4), more than the quorum share present and not
        recused; for personnel items at least the personnel share."""
        rules = self._rules()
        item = self.items[item_no]
        recused = sum(1 for m in item.recusals if m in self.expected)
        base = len(self.expected) - (recused if rules.recused_excluded_from_base else 0)
        if item.spec.category in rules.personnel_categories:
            needed = math.ceil(base * rules.personnel_quorum_fraction)
        else:
            needed = math.floor(base * rules.quorum_fraction) + 1
        return Quorum(base, len(self.eligible(item_no)), needed, recused)

    def _require_item_quorum(self, item_no: int, action: str, action_en: str) -> None:
        quorum = self.vote_quorum(item_no)
        if not quorum.met:
            raise DomainError("ITEM_QUORUM_NOT_MET", base=quorum.expected,
                              expected=len(self.expected), recused=quorum.recused,
                              present=quorum.present, needed=quorum.needed, action=action,
                              action_en=action_en)

    def _presence_time(self, member_id: int, value: Any, at: datetime) -> datetime:
        """A late-entered arrival or leave may not be dated before an entry it contradicts:
        the member's own last entry, or the last entry that rested on who was present (R3)."""
        when = self._time(value, at)
        for limit in (self.presence_floor, self.member_last.get(member_id)):
            if limit is not None and when < limit[0]:
                label_zh, label_en = EVENT_TYPES[limit[2]]
                raise DomainError("PRESENCE_BEFORE_ENTRY", name=self.name(member_id),
                                  time=limit[0].strftime("%H:%M"), seq=limit[1],
                                  entry=label_zh, entry_en=label_en)
        return when

    def _note_presence(self, type_: str, member_id: int | None, p: dict[str, Any],
                       at: datetime) -> None:
        """Remember what later presence changes may not be dated before."""
        item = self.items.get(p.get("item_no")) if isinstance(p.get("item_no"), int) else None
        closes_round = item is not None and item.round_closed_seq == self.seq
        if type_ in PRESENCE_DEPENDENT or closes_round:
            self.presence_floor = (at, self.seq, type_)
        if member_id is not None and type_ not in ("signature", "correction"):
            when = parse_time(p["time"]) if type_ in ("arrived", "left") else at
            self.member_last[member_id] = (when, self.seq, type_)

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

    def _apply_attendance(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = p["status"]
        if p["status"] == "absent":
            self.absence_reasons[member_id] = p["reason"]
        self.presence_log.append(PresenceChange(self.seq, member_id, p["status"], at, p["reason"]))

    def _check_arrived(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        member = self._expected_member(member_id)
        if self.attendance.get(member.id) == "present":
            raise DomainError("ALREADY_PRESENT", name=member.name)
        return member.id, {"time": self._presence_time(member.id, p.get("time"), at).isoformat()}

    def _apply_arrived(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = "present"
        self.presence_log.append(PresenceChange(self.seq, member_id, "arrived",
                                                parse_time(p["time"])))
        for item in self.items.values():
            if item.finished or member_id in item.recusals:
                continue
            # R5: who arrives after sending a written opinion speaks in person instead.
            if member_id in item.written:
                del item.written[member_id]
                item.superseded.update(s.seq for s in item.speeches
                                       if s.kind == "written" and s.member_id == member_id)
            if item.status == "open":
                item.present_during.add(member_id)
                if item.round_closed and member_id not in item.stances:
                    item.after_round.append(member_id)

    def _check_left(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        member = self._expected_member(member_id)
        if self.attendance.get(member.id) != "present":
            raise DomainError("NOT_PRESENT", name=member.name)
        return member.id, {"time": self._presence_time(member.id, p.get("time"), at).isoformat(),
                           "reason": self._text(p.get("reason"), "离会原因", "the reason",
                                                required=False)}

    def _apply_left(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = "left"
        self.presence_log.append(PresenceChange(self.seq, member_id, "left",
                                                parse_time(p["time"]), p["reason"]))

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

    def _apply_session_opened(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.phase = "in_session"
        self.opened_at = at

