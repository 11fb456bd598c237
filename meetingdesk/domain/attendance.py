"""Who is in the room: the roll call, late arrivals and early leaves, the quorum (R3)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from .errors import DomainError
from .state import PresenceChange, Quorum, parse_time


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
        return member.id, {"time": self._time(p.get("time"), at).isoformat()}

    def _apply_arrived(self, member_id: int | None, p: dict[str, Any], at: datetime):
        assert member_id is not None
        self.attendance[member_id] = "present"
        self.presence_log.append(PresenceChange(self.seq, member_id, "arrived",
                                                parse_time(p["time"])))

    def _check_left(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self._meeting_running()
        member = self._expected_member(member_id)
        if self.attendance.get(member.id) != "present":
            raise DomainError("NOT_PRESENT", name=member.name)
        return member.id, {"time": self._time(p.get("time"), at).isoformat(),
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

