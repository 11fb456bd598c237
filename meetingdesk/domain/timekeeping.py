"""The meeting's clock: when the laptop's time is in doubt, the recorder confirms or corrects
it, and the log says so (a flat CMOS battery, a clock put back or forward mid-meeting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .errors import DomainError
from .state import parse_time
from .text import clean_text

# A difference this small between the stated and the system time is a confirmation, not a
# correction; an entry's time further than this from the monotonic clock's is a jump.
TOLERANCE = timedelta(minutes=1)
JUMP = timedelta(minutes=2)
FAR_FROM_SCHEDULE = timedelta(days=2)
DOUBTS = {
    "jump": ("系统时间发生跳变", "the system clock jumped"),
    "behind": ("系统时间早于上一条记录", "the system clock is before the last entry"),
    "before_build": ("系统时间早于本程序的发布日期", "the system clock is before this program was built"),
    "far_from_schedule": ("系统时间与会议计划日期相差较远", "the system clock is far from the scheduled day"),
    "recorder": ("记录人核对时间", "the recorder checked the time"),
}


@dataclass(frozen=True)
class ClockSet:
    """The recorder's word on the time: at is the time stated, system what the laptop said."""

    seq: int
    at: datetime
    system: datetime
    doubt: str
    reason: str

    @property
    def offset(self) -> timedelta:
        return self.at - self.system

    @property
    def corrected(self) -> bool:
        return abs(self.offset) >= TOLERANCE


def clock_doubt(now: datetime, last_at: datetime | None, scheduled_at: datetime | None,
                earliest: date | None) -> str | None:
    """Why a clock reading is implausible for a meeting, or None: the code of DOUBTS."""
    if last_at is not None and now < last_at - TOLERANCE:
        return "behind"
    if earliest is not None and now.date() < earliest:
        return "before_build"
    if scheduled_at is not None and abs(now - scheduled_at) > FAR_FROM_SCHEDULE:
        return "far_from_schedule"
    return None


def start_question(now: datetime, scheduled: datetime) -> DomainError | None:
    """Starting on another day than planned is allowed (a meeting put off is still held), but
    the recorder confirms it first: the record then carries a date other than the notice's."""
    today = now.astimezone(scheduled.tzinfo).date()
    if today == scheduled.date():
        return None
    return DomainError("START_OTHER_DAY", planned=f"{scheduled:%Y-%m-%d}", today=f"{today:%Y-%m-%d}")


class Timekeeping:
    """Confirmations and corrections of the time; mixed into Meeting."""

    @property
    def clock_offset(self) -> timedelta:
        """What to add to the system clock for this meeting's entries, as last set."""
        return self.clock_sets[-1].offset if self.clock_sets else timedelta(0)

    def _check_clock_set(self, member_id: int | None, p: dict[str, Any], at: datetime):
        if self.phase not in ("roll_call", "in_session", "closed"):
            raise DomainError("SESSION_NOT_OPEN")
        return None, self._clock_fields(p, at)

    def _clock_fields(self, p: Any, at: datetime) -> dict[str, Any]:
        """The time stated (the entry's own) against the system's; a correction needs why."""
        if not isinstance(p, dict):
            raise DomainError("BAD_VALUE", field="时间核对", field_en="time check", value="?")
        system = parse_time(p.get("system"))
        doubt = p.get("doubt") if p.get("doubt") in DOUBTS else "recorder"
        reason = clean_text(p.get("reason"), "时间更正的原因", "the reason for the correction",
                            500, required=abs(at - system) >= TOLERANCE)
        return {"system": system.isoformat(), "doubt": doubt, "reason": reason}

    def _apply_clock_set(self, member_id: int | None, p: dict[str, Any], at: datetime):
        self.clock_sets.append(ClockSet(self.seq, at, parse_time(p["system"]), p["doubt"],
                                        p["reason"]))
